using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Run;

/// <summary>A scenario run's own random streams; they count down from the top of the id range, below the nodes' small ids.</summary>
public static class RunStreams
{
    /// <summary>Which peers originate gossip in a simulated run.</summary>
    public static Rng Originators(ulong seed) => Rng.ForStream(seed, ulong.MaxValue - 2, 0x4F524947); // "ORIG"

    /// <summary>The churn schedule (who leaves, who joins) in a simulated run.</summary>
    public static Rng Churn(ulong seed) => Rng.ForStream(seed, ulong.MaxValue - 3, 0x434855524E); // "CHURN"
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Swarm;

/// <summary>A swarm test's random streams and the seeds it hands on to its runs.</summary>
public static class SwarmStreams
{
    /// <summary>One run of a swarm test (its faults and shape).</summary>
    public static Rng Run(ulong swarmSeed, int run) => Rng.ForStream(swarmSeed, (ulong)run, 0x5357524D); // "SWRM"

    /// <summary>The scenario seed of one run of a swarm test.</summary>
    public static ulong RunSeed(ulong swarmSeed, int run) => RngStreams.Child(swarmSeed, (ulong)run);
}

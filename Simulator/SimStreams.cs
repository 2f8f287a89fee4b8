using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator;

/// <summary>The simulated network's random streams, apart from the nodes' own (Engine's <c>RngStreams</c>).</summary>
public static class SimStreams
{
    /// <summary>A simulated node's network draws (its messages' delays, losses, duplicates), apart from its own choices.</summary>
    // "NET"
    public static Rng NodeNetwork(ulong seed, int index, long incarnation)
        => Rng.ForStream(seed, (ulong)index, (ulong)incarnation ^ 0x4E45540000000000UL);

    /// <summary>The salt of latency draws keyed by receiver and message (a pure function of the seed: no draw, no state).</summary>
    public static ulong LatencySalt(ulong seed) => Rng.ForStream(seed, ulong.MaxValue - 4, 0x53414C54).NextUInt64(); // "SALT"
}

using GossipSim.Engine.Vocabulary;

namespace GossipSim.Bench.Phold;

/// <summary>`bench phold`'s one random stream.</summary>
public static class PholdStreams
{
    /// <summary>Every destination and delay, in event order.</summary>
    public static Rng Events(ulong seed) => Rng.ForStream(seed, 3, 0x50484F4C44); // "PHOLD"
}

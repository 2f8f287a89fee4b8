using GossipSim.Engine.Vocabulary;

namespace GossipSim.Bench.Flood;

/// <summary>`bench flood`: the overlay it grows, and the latencies it draws.</summary>
public static class FloodStreams
{
    public static Rng Graph(ulong seed) => Rng.ForStream(seed, 1);

    public static Rng Latency(ulong seed) => Rng.ForStream(seed, 2);
}

using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Threads;

namespace GossipSim.Bench.Tests.Support;

/// <summary>Threads for a flood run in tests: the pool's, at most as many as asked (the kernel's result is the same on any).</summary>
public static class Threads
{
    public static ParallelRunner On(int threads) => (count, work) =>
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, work);
}

using BenchmarkDotNet.Attributes;
using GossipSim.Engine.Core;
using GossipSim.Bench.Flood;
using GossipSim.Simulator.Threads;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Benchmarks;

/// <summary>
/// The flood kernel whole on a 20,000-peer overlay, 10 floods (a million deliveries), on one
/// thread: one partition (no windows' mail) against 2 and 8 peer ranges, which add the mail
/// between partitions (eight bytes a message, handed over at each window's end) and a timing
/// wheel a range. The difference is what the window machinery costs per delivery.
/// </summary>
[MemoryDiagnoser]
[InProcess] // BenchmarkDotNet 0.14 has no .NET 10 toolchain; in-process runs on the current runtime
public class FloodPartitionsBenchmark
{
    [Params(1, 2, 8)] public int Partitions;
    private OverlayGraph _graph = null!;

    [GlobalSetup]
    public void Setup() => _graph = OverlayGraph.BarabasiAlbert(20_000, 3, new Rng(1));

    [Benchmark]
    public long Flood() => FloodSimulation.Run(_graph, 10, 10, 50, new Rng(2), threads: 1, ranges: Partitions).Result.Deliveries;
}

/// <summary>
/// One round of the partitions' threads (<see cref="SimThreads"/>: the caller and a helper
/// thread, four indexes of no work): what a window's hand-out costs, paid twice a window.
/// </summary>
[InProcess] // BenchmarkDotNet 0.14 has no .NET 10 toolchain; in-process runs on the current runtime
public class WorkerRoundBenchmark
{
    private readonly ParallelRunner _twoThreads = SimThreads.On(2);
    private long _done;

    [Benchmark]
    public long RoundOfFourOnTwoThreads()
    {
        _twoThreads(4, _ => Interlocked.Increment(ref _done));
        return _done;
    }
}

using BenchmarkDotNet.Attributes;
using GossipSim.Analysis.PowerLaw;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Benchmarks;

/// <summary>
/// The xmin search on 100,000 Barabási–Albert degrees (m = 3): one MLE and one KS scan per
/// distinct degree. This is the inner loop of every bootstrap replicate.
/// </summary>
// In process: BenchmarkDotNet 0.14 has no .NET 10 moniker, and no generated project needs restoring.
[MemoryDiagnoser]
[InProcess]
public class XminSearchBenchmark
{
    private long[] _degrees = [];
    private DistinctCounts _counts = null!;

    [GlobalSetup]
    public void Setup()
    {
        _degrees = BarabasiAlbert.Degrees(100_000, 3, new Rng(1));
        _counts = DistinctCounts.FromSample(_degrees);
    }

    [Benchmark(Description = "xmin search (100k BA degrees, counts prebuilt)")]
    public TailFit XminSearchOnCounts() => XminSearch.Find(_counts);

    [Benchmark(Description = "count distinct values (sort + suffix sums)")]
    public DistinctCounts CountDistinct() => DistinctCounts.FromSample(_degrees);
}

/// <summary>The whole fit: xmin, alpha, alternatives and the parallel bootstrap, on the same degrees.</summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(1)]
[IterationCount(5)]
public class FullFitBenchmark
{
    private long[] _degrees = [];

    [Params(0, 100, 1000)]
    public int Bootstrap { get; set; }

    [GlobalSetup]
    public void Setup() => _degrees = BarabasiAlbert.Degrees(100_000, 3, new Rng(1));

    [Benchmark(Description = "full fit (100k BA degrees)")]
    public PowerLawFit Fit() => PowerLawFitter.Fit(_degrees, new PowerLawFitOptions { BootstrapSamples = Bootstrap, Seed = 1 });
}

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

/// <summary>
/// The bootstrap's draw from the points below xmin at a million degrees (sim-1m's: 983,000 points
/// over 26 values): an array of every point's value index (4 MB, a cache miss a draw) against
/// <see cref="BodyDraws"/> (the values' ends and a 4 KB bucket table). Same draws, same answers.
/// </summary>
[InProcess]
public class BodyDrawBenchmark
{
    private const int Draws = 1_000_000;
    private int[] _expanded = [];
    private BodyDraws _draws = null!;

    [GlobalSetup]
    public void Setup()
    {
        var degrees = BarabasiAlbert.Degrees(1_000_000, 3, new Rng(1));
        var counts = DistinctCounts.FromSample(degrees);
        int bodyValues = counts.IndexOf(26);
        var expanded = new List<int>();
        for (int i = 0; i < bodyValues; i++) expanded.AddRange(Enumerable.Repeat(i, counts.Counts[i]));
        _expanded = expanded.ToArray();
        _draws = new BodyDraws(counts.Counts, bodyValues);
    }

    [Benchmark(Baseline = true, Description = "1M body draws, an array of every point")]
    public int ByArray()
    {
        var rng = new Rng(7);
        int sum = 0;
        for (int i = 0; i < Draws; i++) sum += _expanded[rng.NextInt(_expanded.Length)];
        return sum;
    }

    [Benchmark(Description = "1M body draws, BodyDraws")]
    public int ByBuckets()
    {
        var rng = new Rng(7);
        int sum = 0;
        for (int i = 0; i < Draws; i++) sum += _draws.ValueOf(rng.NextInt(_draws.Points));
        return sum;
    }
}

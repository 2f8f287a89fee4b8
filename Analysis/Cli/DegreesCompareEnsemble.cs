using System.Text.Json;
using System.Text.Json.Serialization;
using GossipSim.Analysis.Stats;

namespace GossipSim.Analysis.Cli;

/// <summary>One named degree sample, ascending.</summary>
public sealed record DegreeSample(string Name, long[] Sorted);

/// <summary>The mean of a figure over a side's samples, with its smallest and largest value.</summary>
public sealed record Spread(
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("max")] double Max)
{
    public static Spread Of(IReadOnlyCollection<double> values) => new(values.Average(), values.Min(), values.Max());
}

/// <summary>A side of the comparison: its samples' sizes and shapes, the pooled size and mean, and the spread of the maxima.</summary>
public sealed record EnsembleSide(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("samples")] IReadOnlyList<DegreeSampleSummary> Samples,
    [property: JsonPropertyName("pooledN")] long PooledN,
    [property: JsonPropertyName("pooledMean")] double PooledMean,
    [property: JsonPropertyName("maxDegree")] Spread MaxDegree);

/// <summary>P(K ≥ x) and the count at or above x on one side: mean over its samples, min and max.</summary>
public sealed record EnsembleTailSide(
    [property: JsonPropertyName("p")] Spread P,
    [property: JsonPropertyName("count")] Spread Count);

/// <summary>The tail at x on both sides and the ratio of the mean shares, A's over B's (null where B's mean is 0).</summary>
public sealed record EnsembleTail(
    [property: JsonPropertyName("x")] long X,
    [property: JsonPropertyName("a")] EnsembleTailSide A,
    [property: JsonPropertyName("b")] EnsembleTailSide B,
    [property: JsonPropertyName("ratioOfMeans")] double? Ratio);

/// <summary>The KS p of each sample of one side against the other side's pooled degrees.</summary>
public sealed record KsEach(
    [property: JsonPropertyName("pMin")] double PMin,
    [property: JsonPropertyName("pMax")] double PMax,
    [property: JsonPropertyName("p")] IReadOnlyList<double> P);

/// <summary>
/// Several degree samples a side (runs at different seeds against several <c>sample ba</c> draws):
/// tail counts of a few nodes are noise in one run against one draw, so the sides are compared in
/// expectation. KS runs on the pooled degrees of each side, and on each sample against the other
/// side's pool; P(K ≥ x) and the max degree are means over a side's samples with their ranges.
/// </summary>
public sealed record DegreesCompareEnsemble(
    [property: JsonPropertyName("a")] EnsembleSide A,
    [property: JsonPropertyName("b")] EnsembleSide B,
    [property: JsonPropertyName("ksPooled")] KsSummary Ks,
    [property: JsonPropertyName("ksEachAAgainstPooledB")] KsEach EachA,
    [property: JsonPropertyName("ksEachBAgainstPooledA")] KsEach EachB,
    [property: JsonPropertyName("tails")] IReadOnlyList<EnsembleTail> Tails,
    [property: JsonPropertyName("maxRatioOfMeans")] double? MaxRatio,
    [property: JsonPropertyName("verdict")] Acceptance Verdict)
{
    public const string Pooling = "pooled: all degrees of a side as one sample";

    public static DegreesCompareEnsemble Of(string nameA, IReadOnlyList<DegreeSample> a, string nameB,
        IReadOnlyList<DegreeSample> b, IReadOnlyList<long> tailAt)
    {
        if (a.Count == 0 || b.Count == 0 || a.Concat(b).Any(s => s.Sorted.Length == 0))
            throw new ArgumentException("both sides need at least one sample, and every sample at least one degree");
        double[] poolA = Pool(a), poolB = Pool(b);
        var ks = KolmogorovSmirnov.TwoSample(poolA, poolB);
        var tails = tailAt.Select(x =>
        {
            var sideA = TailSide(a, x);
            var sideB = TailSide(b, x);
            return new EnsembleTail(x, sideA, sideB, sideB.P.Mean > 0 ? sideA.P.Mean / sideB.P.Mean : null);
        }).ToList();
        var summaryA = Side(nameA, a, poolA);
        var summaryB = Side(nameB, b, poolB);
        double? maxRatio = summaryB.MaxDegree.Mean > 0 ? summaryA.MaxDegree.Mean / summaryB.MaxDegree.Mean : null;
        return new DegreesCompareEnsemble(
            summaryA, summaryB,
            new KsSummary(ks.D, ks.PValue, ks.Lambda, KolmogorovSmirnov.CriticalD(0.05, poolA.Length, poolB.Length),
                Pooling + "; " + DegreeComparison.PMethod),
            Each(a, poolB), Each(b, poolA),
            tails, maxRatio,
            Acceptance.Of(ks.PValue, tails.Select(t => new TailCheck(t.X, t.Ratio, t.B.Count.Mean)).ToList(), maxRatio));
    }

    private static double[] Pool(IReadOnlyList<DegreeSample> side)
    {
        var pool = side.SelectMany(s => s.Sorted).Select(v => (double)v).ToArray();
        Array.Sort(pool);
        return pool;
    }

    private static EnsembleTailSide TailSide(IReadOnlyList<DegreeSample> side, long x)
    {
        var shares = side.Select(s => DegreeComparison.AtLeast(s.Sorted, x)).ToList();
        var counts = side.Select((s, i) => Math.Round(shares[i] * s.Sorted.Length)).ToList();
        return new EnsembleTailSide(Spread.Of(shares), Spread.Of(counts));
    }

    private static EnsembleSide Side(string name, IReadOnlyList<DegreeSample> side, double[] pool) => new(
        name,
        side.Select(s => DegreeComparison.Summary(s.Name, s.Sorted)).ToList(),
        pool.Length, pool.Average(),
        Spread.Of(side.Select(s => (double)s.Sorted[^1]).ToList()));

    private static KsEach Each(IReadOnlyList<DegreeSample> side, double[] otherPool)
    {
        var p = side.Select(s => KolmogorovSmirnov.TwoSample(s.Sorted.Select(v => (double)v).ToArray(), otherPool).PValue).ToList();
        return new KsEach(p.Min(), p.Max(), p);
    }

    public string ToJson() => JsonSerializer.Serialize(this, DegreeComparison.Indented);
}

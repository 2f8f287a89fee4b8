using System.Text.Json;
using System.Text.Json.Serialization;

namespace GossipSim.Analysis.Stats;

/// <summary>One degree sample's size and shape.</summary>
public sealed record DegreeSampleSummary(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("max")] long Max);

/// <summary>
/// P(K ≥ x) in both samples and A's over B's; the ratio is null where B has no value that
/// large (the ratio is then unbounded, or undefined when A has none either).
/// </summary>
public sealed record TailRatio(
    [property: JsonPropertyName("x")] long X,
    [property: JsonPropertyName("pA")] double PA,
    [property: JsonPropertyName("pB")] double PB,
    [property: JsonPropertyName("ratio")] double? Ratio);

/// <summary>The two-sample KS test as written out: D, its asymptotic p and the 5 % critical D.</summary>
public sealed record KsSummary(
    [property: JsonPropertyName("d")] double D,
    [property: JsonPropertyName("p")] double P,
    [property: JsonPropertyName("lambda")] double Lambda,
    [property: JsonPropertyName("critical05")] double Critical05,
    [property: JsonPropertyName("pMethod")] string PMethod);

/// <summary>
/// Two degree samples side by side (an overlay against an ideal Barabási–Albert graph of the
/// same size, two runs): two-sample KS, tail ratios P_A(K ≥ x)/P_B(K ≥ x), maxima and means.
/// </summary>
public sealed record DegreeComparison(
    [property: JsonPropertyName("a")] DegreeSampleSummary A,
    [property: JsonPropertyName("b")] DegreeSampleSummary B,
    [property: JsonPropertyName("ks")] KsSummary Ks,
    [property: JsonPropertyName("tails")] IReadOnlyList<TailRatio> Tails,
    [property: JsonPropertyName("maxRatio")] double? MaxRatio)
{
    public const string PMethod = "asymptotic Kolmogorov distribution Q_KS(sqrt(nA*nB/(nA+nB))*D); conservative with ties";

    /// <param name="a">Degrees of sample A, ascending.</param>
    /// <param name="b">Degrees of sample B, ascending.</param>
    public static DegreeComparison Of(string nameA, long[] a, string nameB, long[] b, IReadOnlyList<long> tailAt)
    {
        if (a.Length == 0 || b.Length == 0) throw new ArgumentException("both samples need at least one degree");
        var ks = KolmogorovSmirnov.TwoSample(a.Select(v => (double)v).ToArray(), b.Select(v => (double)v).ToArray());
        var tails = tailAt.Select(x =>
        {
            double pa = AtLeast(a, x), pb = AtLeast(b, x);
            return new TailRatio(x, pa, pb, pb > 0 ? pa / pb : null);
        }).ToList();
        return new DegreeComparison(
            Summary(nameA, a), Summary(nameB, b),
            new KsSummary(ks.D, ks.PValue, ks.Lambda, KolmogorovSmirnov.CriticalD(0.05, a.Length, b.Length), PMethod),
            tails,
            b[^1] > 0 ? (double)a[^1] / b[^1] : null);
    }

    /// <summary>The share of an ascending sample at or above x.</summary>
    public static double AtLeast(long[] sorted, long x)
    {
        int lo = 0, hi = sorted.Length; // first index with value ≥ x
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1; else hi = mid;
        }
        return (double)(sorted.Length - lo) / sorted.Length;
    }

    /// <summary>A sample's name, size, mean and max degree (ascending degrees).</summary>
    internal static DegreeSampleSummary Summary(string name, long[] sorted) =>
        new(name, sorted.Length, sorted.Average(v => (double)v), sorted[^1]);

    /// <summary>How a degree comparison is written (one sample a side or several): indented, with ≥ and × as they are.</summary>
    internal static readonly JsonSerializerOptions Indented = new()
        { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson() => JsonSerializer.Serialize(this, Indented);
}

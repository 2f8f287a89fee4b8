using System.Globalization;
using System.Text;

namespace GossipSim.Analysis.Cli;

/// <summary>The text degrees-compare prints for several samples a side: means with (min–max) over each side's samples.</summary>
public static class DegreesCompareEnsembleTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Text(DegreesCompareEnsemble e)
    {
        var sb = new StringBuilder();
        void Row(string name, string va, string vb) => sb.Append(Inv, $"{name,-26} {va,30} {vb,30}\n");
        Row("", "A", "B");
        Row("samples", e.A.Samples.Count.ToString(Inv), e.B.Samples.Count.ToString(Inv));
        Row("first … last", Short(e.A.Samples[0].Name + " … " + e.A.Samples[^1].Name),
            Short(e.B.Samples[0].Name + " … " + e.B.Samples[^1].Name));
        Row("nodes, pooled", e.A.PooledN.ToString("N0", Inv), e.B.PooledN.ToString("N0", Inv));
        Row("mean degree, pooled", e.A.PooledMean.ToString("0.000", Inv), e.B.PooledMean.ToString("0.000", Inv));
        Row("max degree: mean (range)", Whole(e.A.MaxDegree), Whole(e.B.MaxDegree));
        foreach (var t in e.Tails)
        {
            Row($"P(K ≥ {t.X}): mean (range)", Share(t.A.P), Share(t.B.P));
            Row($"  nodes ≥ {t.X}: mean (range)", Count(t.A.Count), Count(t.B.Count));
        }
        sb.Append('\n');
        sb.Append(Inv, $"max degree, ratio of means A/B     {Ratio(e.MaxRatio)}\n");
        foreach (var t in e.Tails) sb.Append(Inv, $"tail at {t.X,-6} ratio of mean P A/B  {Ratio(t.Ratio)}\n");
        sb.Append(Inv, $"two-sample KS, {DegreesCompareEnsemble.Pooling}:\n");
        sb.Append(Inv, $"  D {e.Ks.D:0.00000}, 5 % critical D {e.Ks.Critical05:0.00000}, p {e.Ks.P:0.0000} (asymptotic; "
            + $"conservative with tied degrees)\n");
        sb.Append(Inv, $"  p of each A sample against pooled B: {e.EachA.PMin:0.0000}–{e.EachA.PMax:0.0000}\n");
        sb.Append(Inv, $"  p of each B sample against pooled A: {e.EachB.PMin:0.0000}–{e.EachB.PMax:0.0000}\n");
        sb.Append(e.Verdict.Line()).Append('\n');
        return sb.ToString();
    }

    /// <summary>The figures the CCDF overlay's legend carries, one line each.</summary>
    public static IReadOnlyList<string> Legend(DegreesCompareEnsemble e) =>
    [
        string.Create(Inv, $"KS, pooled: D = {e.Ks.D:0.00000}, p = {e.Ks.P:0.000} (crit. D {e.Ks.Critical05:0.00000}); each sample vs the "
            + $"other pool: p {Math.Min(e.EachA.PMin, e.EachB.PMin):0.00}–{Math.Max(e.EachA.PMax, e.EachB.PMax):0.00}"),
        "mean P_A(K ≥ x) / mean P_B(K ≥ x): " + string.Join(", ", e.Tails.Select(t =>
            string.Create(Inv, $"x = {t.X}: {(t.Ratio is double r ? r.ToString("0.00", Inv) : "B has none")}"))),
    ];

    private static string Whole(Spread s) => string.Create(Inv, $"{s.Mean:N1} ({s.Min:N0}–{s.Max:N0})");

    private static string Count(Spread s) => string.Create(Inv, $"{s.Mean:#,0.#} ({s.Min:N0}–{s.Max:N0})");

    private static string Share(Spread s) => string.Create(Inv, $"{s.Mean:G4} ({s.Min:G4}–{s.Max:G4})");

    private static string Ratio(double? r) => DegreesCompareCommand.Ratio(r);

    private static string Short(string s) => DegreesCompareCommand.Short(s, 30);
}

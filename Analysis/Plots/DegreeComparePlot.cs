using System.Globalization;
using GossipSim.Analysis.Stats;
using ScottPlot;

namespace GossipSim.Analysis.Plots;

/// <summary>
/// Two degree samples' CCDFs P(K ≥ k) overlaid on log-log axes, a line at each k where the tail
/// ratio was taken, and the two-sample KS test in the legend. With several samples a side, each
/// side's pooled CCDF, and each sample's own CCDF as a faint line beneath it.
/// </summary>
public static class DegreeComparePlot
{
    public const int Width = 900, Height = 680;

    /// <param name="a">Degrees of sample A, ascending.</param>
    /// <param name="b">Degrees of sample B, ascending.</param>
    public static Figure Figure(long[] a, long[] b, DegreeComparison comparison) => new(Chart(a, b, comparison), Width, Height);

    public static Chart Chart(long[] a, long[] b, DegreeComparison c)
    {
        var inv = CultureInfo.InvariantCulture;
        var chart = new Chart($"Degree CCDF: {c.A.Name} vs {c.B.Name}",
            new ChartAxis(DegreePlot.XLabel, AxisScale.Log), new ChartAxis("P(K ≥ k)", AxisScale.Log));
        var series = new List<ChartSeries>
        {
            Sample(a, c.A, OkabeIto.Blue, MarkerShape.OpenCircle),
            Sample(b, c.B, OkabeIto.Vermillion, MarkerShape.OpenTriangleUp),
            new([], Colors.Transparent)
            {
                Legend = string.Create(inv, $"two-sample KS: D = {c.Ks.D:0.0000}, p = {c.Ks.P:0.000} (asymptotic); 5 % critical "
                    + $"D = {c.Ks.Critical05:0.0000}"),
            },
        };
        if (c.Tails.Count > 0)
            series.Add(new([], OkabeIto.Muted)
            {
                Legend = "P_A(K ≥ x) / P_B(K ≥ x): " + string.Join(", ",
                    c.Tails.Select(t => string.Create(inv, $"x = {t.X}: {Ratio(t.Ratio)}"))),
                LineWidth = 1,
            });
        return chart with
        {
            Series = series,
            Rules = c.Tails.Select(t => new ChartRule(RuleDirection.Vertical, t.X, OkabeIto.Muted)).ToList(),
        };
    }

    /// <param name="a">Side A's samples, each ascending.</param>
    /// <param name="b">Side B's samples, each ascending.</param>
    /// <param name="figures">Legend lines with the comparison's figures (KS, tail ratios, maxima).</param>
    public static Figure Figure(string nameA, IReadOnlyList<long[]> a, string nameB, IReadOnlyList<long[]> b, IReadOnlyList<string> figures,
        IReadOnlyList<long> tailAt) =>
        new(Chart(nameA, a, nameB, b, figures, tailAt), Width, Height);

    public static Chart Chart(string nameA, IReadOnlyList<long[]> a, string nameB, IReadOnlyList<long[]> b,
        IReadOnlyList<string> figures, IReadOnlyList<long> tailAt)
    {
        var chart = new Chart("Degree CCDFs: each side pooled (markers), each sample (lines)",
            new ChartAxis(DegreePlot.XLabel, AxisScale.Log), new ChartAxis("P(K ≥ k)", AxisScale.Log));
        var series = new List<ChartSeries>();
        // Faint per-sample curves first, so the pooled markers are drawn over them.
        series.AddRange(a.Select(s => Faint(s, OkabeIto.Blue)));
        series.AddRange(b.Select(s => Faint(s, OkabeIto.Vermillion)));
        series.Add(Pooled(nameA, a, OkabeIto.Blue, MarkerShape.OpenCircle));
        series.Add(Pooled(nameB, b, OkabeIto.Vermillion, MarkerShape.OpenTriangleUp));
        series.AddRange(figures.Select(f => new ChartSeries([], Colors.Transparent) { Legend = f }));
        return chart with { Series = series, Rules = tailAt.Select(x =>
            new ChartRule(RuleDirection.Vertical, x, OkabeIto.Muted)).ToList() };
    }

    /// <summary>A side's pooled CCDF as markers; its legend gives the mean of the samples' max degrees and their range.</summary>
    private static ChartSeries Pooled(string name, IReadOnlyList<long[]> side, Color color, MarkerShape marker)
    {
        var pool = side.SelectMany(s => s).ToArray();
        Array.Sort(pool);
        var inv = CultureInfo.InvariantCulture;
        var maxima = side.Select(s => s[^1]).ToList();
        string legend = string.Create(inv, $"{name}: {pool.Length:N0} nodes, mean {pool.Average(v => (double)v):0.00}, "
            + $"max {maxima.Average():N0} on average ({maxima.Min():N0}–{maxima.Max():N0})");
        return new ChartSeries(Ccdf(pool), color) { Legend = legend, Marker = marker, MarkerSize = 6 };
    }

    private static ChartSeries Faint(long[] sorted, Color color) =>
        new(Ccdf(sorted), color.WithAlpha(0.35)) { LineWidth = 1 };

    /// <summary>P(K ≥ k) at each positive degree, over the whole sample (degree-0 nodes count in the denominator).</summary>
    private static List<(double X, double Y)> Ccdf(long[] sorted)
    {
        var positive = sorted.Where(d => d > 0).ToArray();
        return DegreePlot.EmpiricalCcdf(positive).Select(p => (p.X, p.Y * positive.Length / sorted.Length)).ToList();
    }

    private static ChartSeries Sample(long[] sorted, DegreeSampleSummary s, Color color, MarkerShape marker)
    {
        int zeros = sorted.Count(d => d <= 0);
        // P(K ≥ k) of the whole sample: degree-0 nodes count in the denominator, though a log axis cannot show them.
        var points = Ccdf(sorted);
        string legend = string.Create(CultureInfo.InvariantCulture, $"{s.Name}: {s.N:N0} nodes, mean {s.Mean:0.00}, max {s.Max:N0}");
        if (zeros > 0) legend += string.Create(CultureInfo.InvariantCulture, $" ({zeros:N0} with degree 0 not shown)");
        return new ChartSeries(points, color) { Legend = legend, Marker = marker, MarkerSize = 6 };
    }

    private static string Ratio(double? r) => r is double v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "B has none";
}

using System.Globalization;
using GossipSim.Analysis.Stats;
using ScottPlot;

namespace GossipSim.Analysis.Plots;

/// <summary>
/// Two degree samples' CCDFs P(K ≥ k) overlaid on log-log axes, a line at each k where the tail
/// ratio was taken, and the two-sample KS test in the legend.
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
                Legend = string.Create(inv, $"two-sample KS: D = {c.Ks.D:0.0000}, p = {c.Ks.P:0.000} (asymptotic); 5 % critical D = {c.Ks.Critical05:0.0000}"),
            },
        };
        if (c.Tails.Count > 0)
            series.Add(new([], OkabeIto.Muted)
            {
                Legend = "P_A(K ≥ x) / P_B(K ≥ x): " + string.Join(", ", c.Tails.Select(t => string.Create(inv, $"x = {t.X}: {Ratio(t.Ratio)}"))),
                LineWidth = 1,
            });
        return chart with
        {
            Series = series,
            Rules = c.Tails.Select(t => new ChartRule(RuleDirection.Vertical, t.X, OkabeIto.Muted)).ToList(),
        };
    }

    private static ChartSeries Sample(long[] sorted, DegreeSampleSummary s, Color color, MarkerShape marker)
    {
        var positive = sorted.Where(d => d > 0).ToArray();
        int zeros = sorted.Length - positive.Length;
        // P(K ≥ k) of the whole sample: degree-0 nodes count in the denominator, though a log axis cannot show them.
        var points = DegreePlot.EmpiricalCcdf(positive).Select(p => (p.X, p.Y * positive.Length / sorted.Length)).ToList();
        string legend = string.Create(CultureInfo.InvariantCulture, $"{s.Name}: {s.N:N0} nodes, mean {s.Mean:0.00}, max {s.Max:N0}");
        if (zeros > 0) legend += string.Create(CultureInfo.InvariantCulture, $" ({zeros:N0} with degree 0 not shown)");
        return new ChartSeries(points, color) { Legend = legend, Marker = marker, MarkerSize = 6 };
    }

    private static string Ratio(double? r) => r is double v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "B has none";
}

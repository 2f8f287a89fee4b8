using System.Globalization;
using GossipSim.Analysis.PowerLaw;
using ScottPlot;

namespace GossipSim.Analysis.Plots;

/// <summary>
/// The degree distribution in two panels: the empirical CCDF P(K ≥ k) on log-log axes with
/// the fitted power law drawn from xmin (scaled by the tail's share, so it lies on the data),
/// and the log-binned PDF with the fitted pmf.
/// </summary>
public static class DegreePlot
{
    public const int Width = 1240, Height = 600;
    public const string XLabel = "degree k (links)";

    /// <param name="degrees">One value per node; zeros cannot sit on a log axis and are left out (and counted in the legend).</param>
    /// <param name="fit">The fit of these degrees, or null to plot the data alone.</param>
    public static Figure Figure(IReadOnlyList<long> degrees, PowerLawFit? fit, string title = "Degree distribution")
    {
        var positive = degrees.Where(d => d > 0).OrderBy(d => d).ToArray();
        return new Figure([Ccdf(positive, degrees.Count - positive.Length, fit, title), Pdf(positive, fit)], Width, Height);
    }

    public static Chart Ccdf(long[] sorted, int zeros, PowerLawFit? fit, string title)
    {
        var chart = new Chart(title + ": CCDF", new ChartAxis(XLabel, AxisScale.Log), new ChartAxis("P(K ≥ k)", AxisScale.Log));
        if (sorted.Length == 0) return chart with { EmptyMessage = "no peer with a positive degree" };
        var inv = CultureInfo.InvariantCulture;
        string dataText = string.Create(inv, $"data ({sorted.Length:N0} nodes)");
        if (zeros > 0) dataText += string.Create(inv, $"; {zeros:N0} with degree 0 not shown");
        var series = new List<ChartSeries>
        {
            new(EmpiricalCcdf(sorted), OkabeIto.Blue) { Legend = dataText, Marker = MarkerShape.OpenCircle, MarkerSize = 7 },
        };
        if (fit == null) return chart with { Series = series };
        double share = (double)fit.NTail / fit.N;
        series.Add(new(FitPoints(fit.Xmin, sorted[^1], x => share * DiscretePowerLaw.Ccdf(x, fit.Alpha, fit.Xmin)), OkabeIto.Vermillion)
        {
            Legend = string.Create(inv, $"power law: α = {fit.Alpha:0.00} ± {fit.AlphaStdErr:0.00}, xmin = {fit.Xmin}"),
            LineWidth = 2.5f,
        });
        string p = fit.HasPValue ? string.Create(inv, $"p = {fit.P:0.00} ({fit.Bootstrap:N0} bootstraps)") : "p not computed";
        series.Add(TextOnly(string.Create(inv, $"KS D = {fit.Ks:0.0000}, {p}; tail: {fit.NTail:N0} of {fit.N:N0} nodes")));
        series.Add(XminLegend(fit));
        return chart with { Series = series, Rules = [XminRule(fit)] };
    }

    public static Chart Pdf(long[] sorted, PowerLawFit? fit)
    {
        var chart = new Chart("Log-binned PDF", new ChartAxis(XLabel, AxisScale.Log), new ChartAxis("P(K = k)", AxisScale.Log));
        if (sorted.Length == 0) return chart with { EmptyMessage = "no peer with a positive degree" };
        var series = new List<ChartSeries>
        {
            new(LogBinnedPdf(sorted), OkabeIto.Blue)
                { Legend = "data, 10 log bins per decade", Marker = MarkerShape.FilledSquare, MarkerSize = 7 },
        };
        if (fit == null) return chart with { Series = series };
        double share = (double)fit.NTail / fit.N;
        double logZeta = HurwitzZeta.Log(fit.Alpha, fit.Xmin);
        series.Add(new(FitPoints(fit.Xmin, sorted[^1], x => share * Math.Exp(DiscretePowerLaw.LogPmf(x, fit.Alpha, logZeta))),
            OkabeIto.Vermillion)
        {
            Legend = string.Create(CultureInfo.InvariantCulture, $"fitted pmf from xmin = {fit.Xmin}"),
            LineWidth = 2.5f,
        });
        series.Add(XminLegend(fit));
        return chart with { Series = series, Rules = [XminRule(fit)] };
    }

    /// <summary>A line at xmin, named in the legend (a label on the axis would meet the title or the tick labels).</summary>
    private static ChartRule XminRule(PowerLawFit fit) => new(RuleDirection.Vertical, fit.Xmin, OkabeIto.Muted);

    private static ChartSeries XminLegend(PowerLawFit fit) =>
        new([], OkabeIto.Muted)
            { Legend = string.Create(CultureInfo.InvariantCulture, $"xmin = {fit.Xmin}: where the fitted tail starts"), LineWidth = 1 };

    /// <summary>A legend line of text with no symbol.</summary>
    private static ChartSeries TextOnly(string text) => new([], Colors.Transparent) { Legend = text };

    /// <summary>(k, P(K ≥ k)) at each distinct k of a sorted sample.</summary>
    public static List<(double X, double Y)> EmpiricalCcdf(long[] sorted)
    {
        var points = new List<(double, double)>();
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && sorted[i] == sorted[i - 1]) continue;
            points.Add((sorted[i], (double)(sorted.Length - i) / sorted.Length));
        }
        return points;
    }

    /// <summary>
    /// Logarithmic bins over the integers (edges growing by ~10^0.1, at least one integer wide):
    /// (geometric centre, count / (n · integers in the bin)), empty bins left out.
    /// </summary>
    public static List<(double X, double Y)> LogBinnedPdf(long[] sorted, double binsPerDecade = 10)
    {
        var points = new List<(double, double)>();
        if (sorted.Length == 0) return points;
        double ratio = Math.Pow(10, 1 / binsPerDecade);
        long lo = sorted[0];
        int i = 0;
        while (i < sorted.Length)
        {
            long hi = Math.Max(lo + 1, (long)Math.Ceiling(lo * ratio)); // bin is [lo, hi)
            int count = 0;
            while (i < sorted.Length && sorted[i] < hi) { count++; i++; }
            if (count > 0) points.Add((Math.Sqrt((double)lo * (hi - 1)), count / ((double)sorted.Length * (hi - lo))));
            lo = hi;
        }
        return points;
    }

    /// <summary>~120 points from xmin to max, evenly spaced in log k (integers, deduplicated).</summary>
    public static List<(double X, double Y)> FitPoints(double xmin, double max, Func<double, double> f)
    {
        var points = new List<(double, double)>();
        if (max <= xmin) max = xmin + 1;
        double last = -1;
        for (int i = 0; i <= 120; i++)
        {
            double x = Math.Round(xmin * Math.Pow(max / xmin, i / 120.0));
            if (x == last) continue;
            last = x;
            double y = f(x);
            if (y > 0 && double.IsFinite(y)) points.Add((x, y));
        }
        return points;
    }
}

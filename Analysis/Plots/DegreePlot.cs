using System.Globalization;
using GossipSim.Analysis.Plots.Svg;
using GossipSim.Analysis.PowerLaw;

namespace GossipSim.Analysis.Plots;

/// <summary>
/// The degree distribution in two panels: the empirical CCDF P(K ≥ k) on log-log axes with
/// the fitted power law drawn from xmin (scaled by the tail's share, so it lies on the data),
/// and the log-binned PDF with the fitted pmf.
/// </summary>
public static class DegreePlot
{
    public const double Width = 1120, Height = 480;

    /// <param name="degrees">One value per node; zeros cannot sit on a log axis and are left out (and counted in the legend).</param>
    /// <param name="fit">The fit of these degrees, or null to plot the data alone.</param>
    public static string Render(IReadOnlyList<long> degrees, PowerLawFit? fit, string title = "Degree distribution")
    {
        var svg = new SvgDocument(Width, Height, "degree");
        var positive = degrees.Where(d => d > 0).OrderBy(d => d).ToArray();
        int zeros = degrees.Count - positive.Length;
        Ccdf(positive, zeros, fit, title).Render(svg, 0, 0, Width / 2, Height);
        Pdf(positive, fit).Render(svg, Width / 2, 0, Width / 2, Height);
        return svg.ToSvg();
    }

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

    private static XYPanel Ccdf(long[] sorted, int zeros, PowerLawFit? fit, string title)
    {
        if (sorted.Length == 0) return EmptyPanel(title, "P(K ≥ k)");
        var data = EmpiricalCcdf(sorted);
        var panel = new XYPanel
        {
            Title = title + ": CCDF",
            XLabel = "degree k (links)",
            YLabel = "P(K ≥ k)",
            X = LogScale.Decades(sorted[0], sorted[^1]),
            Y = LogScale.Decades(1.0 / sorted.Length, 1),
            LegendCorner = LegendCorner.BottomLeft,
        };
        panel.AddPoints(data, Palette.Blue, MarkerShape.Circle, 5, hollow: true);
        string dataText = string.Create(CultureInfo.InvariantCulture, $"data ({sorted.Length:N0} nodes)");
        if (zeros > 0) dataText += string.Create(CultureInfo.InvariantCulture, $"; {zeros:N0} with degree 0 not shown");
        panel.Legend.Add(new LegendEntry(dataText, Palette.Blue, Marker: MarkerShape.Circle, Hollow: true));
        if (fit != null)
        {
            double share = (double)fit.NTail / fit.N;
            var line = FitPoints(fit.Xmin, sorted[^1], x => share * DiscretePowerLaw.Ccdf(x, fit.Alpha, fit.Xmin));
            panel.AddLine(line, Palette.Vermillion, 2.2);
            panel.AddVerticalLine(fit.Xmin, Palette.Muted, "4,4", 1);
            AddFitLegend(panel, fit);
        }
        return panel;
    }

    private static XYPanel Pdf(long[] sorted, PowerLawFit? fit)
    {
        if (sorted.Length == 0) return EmptyPanel("Log-binned PDF", "P(K = k)");
        var bins = LogBinnedPdf(sorted);
        double yMin = bins.Min(b => b.Y), yMax = bins.Max(b => b.Y);
        var panel = new XYPanel
        {
            Title = "Log-binned PDF",
            XLabel = "degree k (links)",
            YLabel = "P(K = k)",
            X = LogScale.Decades(sorted[0], sorted[^1]),
            Y = LogScale.Decades(yMin, yMax),
            LegendCorner = LegendCorner.BottomLeft,
        };
        panel.AddPoints(bins, Palette.Blue, MarkerShape.Square, 6, hollow: false);
        panel.Legend.Add(new LegendEntry("data, 10 log bins per decade", Palette.Blue, Marker: MarkerShape.Square));
        if (fit != null)
        {
            double share = (double)fit.NTail / fit.N;
            double logZeta = HurwitzZeta.Log(fit.Alpha, fit.Xmin);
            var line = FitPoints(fit.Xmin, sorted[^1], x => share * Math.Exp(DiscretePowerLaw.LogPmf(x, fit.Alpha, logZeta)));
            panel.AddLine(line, Palette.Vermillion, 2.2);
            panel.AddVerticalLine(fit.Xmin, Palette.Muted, "4,4", 1);
            panel.Legend.Add(new LegendEntry(
                string.Create(CultureInfo.InvariantCulture, $"fitted pmf from xmin = {fit.Xmin}"), Palette.Vermillion, Line: true));
        }
        return panel;
    }

    private static void AddFitLegend(XYPanel panel, PowerLawFit fit)
    {
        var inv = CultureInfo.InvariantCulture;
        panel.Legend.Add(new LegendEntry(
            string.Create(inv, $"power law: α = {fit.Alpha:0.00} ± {fit.AlphaStdErr:0.00}, xmin = {fit.Xmin}"), Palette.Vermillion, Line: true));
        string p = fit.HasPValue
            ? string.Create(inv, $"p = {fit.P:0.00} ({fit.Bootstrap:N0} bootstraps)")
            : "p not computed";
        panel.Legend.Add(new LegendEntry(string.Create(inv, $"KS D = {fit.Ks:0.0000}, {p}")));
        panel.Legend.Add(new LegendEntry(string.Create(inv, $"tail: {fit.NTail:N0} of {fit.N:N0} nodes")));
    }

    /// <summary>~120 points from xmin to max, evenly spaced in log k (integers, deduplicated).</summary>
    private static List<(double X, double Y)> FitPoints(double xmin, double max, Func<double, double> f)
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

    private static XYPanel EmptyPanel(string title, string yLabel) => new()
    {
        Title = title,
        XLabel = "degree k (links)",
        YLabel = yLabel,
        X = LogScale.Decades(1, 10),
        Y = LogScale.Decades(0.01, 1),
        EmptyMessage = "no peer with a positive degree",
    };
}

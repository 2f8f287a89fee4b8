using System.Globalization;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Plots.Svg;

namespace GossipSim.Scenarios.Compare;

/// <summary>
/// The comparison's plots, one per quantity, simulator and real overlaid, drawn with
/// Analysis's SVG panel: degrees as a log-log CCDF (as the run's own degree plot), hop counts
/// as a CDF, latencies as a CDF on a log time axis (they span milliseconds to seconds).
/// </summary>
public static class CompareCharts
{
    public const double Width = 900, Height = 540;
    private const string SimColor = Palette.Blue, RealColor = Palette.Vermillion;

    public static string Degrees(MetricComparison m, string realName)
    {
        var svg = new SvgDocument(Width, Height, "cmpdeg");
        var sim = Positive(m.Sim);
        var real = Positive(m.Real);
        var all = sim.Concat(real).ToArray();
        int n = Math.Max(1, Math.Max(sim.Length, real.Length));
        var panel = new XYPanel
        {
            Title = $"Degree distribution (CCDF), KS {m.Test}",
            XLabel = "degree k",
            YLabel = "P(K ≥ k)",
            X = LogScale.Decades(all.Length > 0 ? all.Min() : 1, all.Length > 0 ? Math.Max(all.Max(), 2) : 10),
            Y = LogScale.Decades(1.0 / n, 1),
            LegendCorner = LegendCorner.BottomLeft,
            EmptyMessage = all.Length == 0 ? "no peer with a link at the end" : null,
        };
        Add(panel, "simulator", m.Sim, sim, SimColor, MarkerShape.Circle);
        Add(panel, realName, m.Real, real, RealColor, MarkerShape.Square);
        panel.Render(svg, 0, 0, Width, Height);
        return svg.ToSvg();

        static void Add(XYPanel p, string name, double[] raw, long[] positive, string color, MarkerShape shape)
        {
            if (positive.Length == 0) return;
            var points = DegreePlot.EmpiricalCcdf(positive);
            p.AddLine(points, color, 1.2);
            p.AddPoints(points, color, shape, 7, hollow: shape == MarkerShape.Circle);
            int zeros = raw.Length - positive.Length;
            p.Legend.Add(new LegendEntry($"{name} (n = {raw.Length}{(zeros > 0 ? $", {zeros} with degree 0 not on a log axis" : "")})", color, Line: true, Marker: shape, Hollow: shape == MarkerShape.Circle));
        }
    }

    public static string Hops(MetricComparison m, string realName)
    {
        var svg = new SvgDocument(Width, Height, "cmphop");
        double max = m.Sim.Concat(m.Real).DefaultIfEmpty(1).Max();
        var panel = new XYPanel
        {
            Title = $"Hop count of each delivery (CDF), KS {m.Test}",
            XLabel = "hops from the origin",
            YLabel = "fraction of (message, peer) deliveries",
            X = LinearScale.Nice(0, Math.Max(1, max)),
            Y = LinearScale.Fixed(-0.015, 1.015, 0.2),
            LegendCorner = LegendCorner.BottomRight,
            EmptyMessage = m.Sim.Length + m.Real.Length == 0 ? "no deliveries" : null,
        };
        AddCdf(panel, "simulator", m, m.Sim, x => x, SimColor);
        AddCdf(panel, realName, m, m.Real, x => x, RealColor);
        panel.Render(svg, 0, 0, Width, Height);
        return svg.ToSvg();
    }

    /// <summary>A latency in seconds on a log axis in milliseconds.</summary>
    public static string Latency(MetricComparison m, string realName, string title)
    {
        var svg = new SvgDocument(Width, Height, "cmp" + m.Key);
        var ms = m.Sim.Concat(m.Real).Where(x => x > 0).Select(x => x * 1000).ToArray();
        var panel = new XYPanel
        {
            Title = $"{title} (CDF), KS {m.Test}",
            XLabel = "milliseconds (log scale)",
            YLabel = "fraction of (message, peer) deliveries",
            X = LogScale.Decades(ms.Length > 0 ? ms.Min() : 0.1, ms.Length > 0 ? ms.Max() : 1000),
            Y = LinearScale.Fixed(-0.015, 1.015, 0.2),
            LegendCorner = LegendCorner.TopLeft,
            EmptyMessage = ms.Length == 0 ? "no deliveries" : null,
        };
        AddCdf(panel, "simulator", m, m.Sim.Where(x => x > 0).ToArray(), x => x * 1000, SimColor);
        AddCdf(panel, realName, m, m.Real.Where(x => x > 0).ToArray(), x => x * 1000, RealColor);
        panel.Render(svg, 0, 0, Width, Height);
        return svg.ToSvg();
    }

    private static void AddCdf(XYPanel panel, string name, MetricComparison m, double[] values, Func<double, double> toAxis, string color)
    {
        if (values.Length == 0) return;
        var sorted = values.Select(toAxis).OrderBy(x => x).ToArray();
        panel.AddLine(LatencyPlot.StepCdf(sorted), color, 2);
        double median = Percentiles.Of(sorted, 0.5);
        panel.AddPoints(new[] { (median, 0.5) }, color, MarkerShape.Circle, 8, hollow: false);
        panel.Legend.Add(new LegendEntry(
            string.Create(CultureInfo.InvariantCulture, $"{name} (n = {values.Length:N0}): median {m.Value(Percentiles.Of(values.OrderBy(x => x).ToArray(), 0.5))}"),
            color, Line: true));
    }

    private static long[] Positive(double[] degrees) => degrees.Where(d => d > 0).Select(d => (long)d).OrderBy(d => d).ToArray();
}

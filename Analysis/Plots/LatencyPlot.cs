using System.Globalization;
using GossipSim.Analysis.Plots.Svg;

namespace GossipSim.Analysis.Plots;

/// <summary>
/// Gossip propagation latency: the CDF over (message, peer) deliveries of the time from a
/// message's creation to its first receipt, one curve per phase, with p50/p90/p99 marked on
/// each curve and given in the legend.
/// </summary>
public static class LatencyPlot
{
    public const double Width = 960, Height = 560;
    public static readonly double[] Marked = { 0.5, 0.9, 0.99 };
    private static readonly MarkerShape[] PercentileMarkers = { MarkerShape.Circle, MarkerShape.Diamond, MarkerShape.Triangle };

    public static string Render(IReadOnlyList<LatencySeries> series, string title = "Gossip propagation latency")
    {
        var svg = new SvgDocument(Width, Height, "latency");
        var nonEmpty = series.Where(s => s.Seconds.Length > 0).ToList();
        var sorted = nonEmpty.Select(s => s.Seconds.Where(double.IsFinite).OrderBy(x => x).ToArray()).ToList();
        double max = sorted.Count == 0 ? 1 : sorted.Max(s => s.Length == 0 ? 0 : s[^1]);
        double min = sorted.Count == 0 ? 0 : Math.Min(0, sorted.Min(s => s.Length == 0 ? 0 : s[0]));
        var panel = new XYPanel
        {
            Title = title,
            XLabel = "time from creation to first receipt (s)",
            YLabel = "fraction of (message, peer) deliveries",
            X = LinearScale.Nice(min, max > min ? max : min + 1),
            Y = LinearScale.Fixed(-0.015, 1.015, 0.2), // a little room so the curve's top and bottom are not under the frame
            LegendCorner = LegendCorner.BottomRight,
            EmptyMessage = sorted.Count == 0 ? "no deliveries recorded" : null,
        };
        foreach (double q in Marked)
        {
            panel.AddHorizontalLine(q, "#c8c8c8", "2,3", 1);
            panel.AddText(panel.X.Max, q, "p" + (q * 100).ToString("0", CultureInfo.InvariantCulture),
                new TextStyle(10, "end", Palette.Muted), dx: -4, dy: 12);
        }
        for (int i = 0; i < sorted.Count; i++)
        {
            var xs = sorted[i];
            if (xs.Length == 0) continue;
            string color = Palette.ForSeries(i);
            panel.AddLine(StepCdf(xs), color, 2);
            var labels = new List<string>();
            for (int k = 0; k < Marked.Length; k++)
            {
                double v = Percentiles.Of(xs, Marked[k]);
                panel.AddVerticalLine(v, color, "3,3", 1, fromY: 0, toY: Marked[k]);
                panel.AddPoints(new[] { (v, Marked[k]) }, color, PercentileMarkers[k], 8, hollow: false);
                labels.Add("p" + (Marked[k] * 100).ToString("0", CultureInfo.InvariantCulture) + " " + Seconds(v));
            }
            panel.Legend.Add(new LegendEntry(
                string.Create(CultureInfo.InvariantCulture, $"{nonEmpty[i].Name} (n = {xs.Length:N0}): {string.Join(", ", labels)}"),
                color, Line: true));
        }
        if (sorted.Count > 0)
            panel.Legend.Add(new LegendEntry("markers: ● p50  ◆ p90  ▲ p99"));
        panel.Render(svg, 0, 0, Width, Height);
        return svg.ToSvg();
    }

    /// <summary>The empirical CDF as a staircase, thinned to at most ~2,000 corners for big samples.</summary>
    public static List<(double X, double Y)> StepCdf(double[] sorted)
    {
        var points = new List<(double, double)>();
        int n = sorted.Length;
        int stride = Math.Max(1, n / 1000);
        points.Add((sorted[0], 0));
        for (int i = 0; i < n; i += stride)
        {
            // Jump at sorted[i] to the share of values ≤ it (the last of any run of ties).
            int j = i;
            while (j + 1 < n && sorted[j + 1] == sorted[i]) j++;
            double before = points[^1].Item2;
            points.Add((sorted[i], before));
            points.Add((sorted[i], (j + 1.0) / n));
            if (j >= i + stride) i = j - stride + 1;
        }
        if (points[^1].Item2 < 1)
        {
            points.Add((sorted[^1], points[^1].Item2));
            points.Add((sorted[^1], 1));
        }
        return points;
    }

    public static string Seconds(double s) => s switch
    {
        < 0.001 => (s * 1e6).ToString("0", CultureInfo.InvariantCulture) + " µs",
        < 1 => (s * 1000).ToString("0.#", CultureInfo.InvariantCulture) + " ms",
        < 100 => s.ToString("0.00", CultureInfo.InvariantCulture) + " s",
        _ => s.ToString("0", CultureInfo.InvariantCulture) + " s",
    };
}

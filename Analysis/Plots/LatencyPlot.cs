using System.Globalization;
using ScottPlot;
using GossipSim.Analysis.Stats;

namespace GossipSim.Analysis.Plots;

/// <summary>A percentile marked on a CDF: the share q of deliveries at or below Value seconds.</summary>
public readonly record struct QuantileMark(double Q, double Value)
{
    public string Name => "p" + (Q * 100).ToString("0", CultureInfo.InvariantCulture);
}

/// <summary>
/// Gossip propagation latency: the CDF over (message, peer) deliveries of the time from a
/// message's creation to its first receipt, one curve per phase, with p50/p90/p99 marked on
/// each curve and given in the legend.
/// </summary>
public static class LatencyPlot
{
    public const int Width = 1000, Height = 680;
    public const string YLabel = "fraction of (message, peer) deliveries";
    public static readonly double[] Marked = [0.5, 0.9, 0.99];
    /// <summary>The markers of p50, p90, p99; the legend's last line draws them as text, ● ◆ ▲.</summary>
    private static readonly MarkerShape[] MarkShapes = [MarkerShape.FilledCircle, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleUp];

    public static Figure Figure(IReadOnlyList<LatencySeries> series, string title = "Gossip propagation latency") =>
        new(Chart(series, title), Width, Height);

    public static Chart Chart(IReadOnlyList<LatencySeries> series, string title = "Gossip propagation latency")
    {
        var chart = new Chart(title, new ChartAxis("time from creation to first receipt (s)", Min: 0), FractionAxis(YLabel));
        var curves = series.Select(s => (s.Name, Sorted: s.Seconds.Where(double.IsFinite).OrderBy(x => x).ToArray()))
            .Where(s => s.Sorted.Length > 0).ToList();
        if (curves.Count == 0) return chart with { X = chart.X with { Max = 1 }, EmptyMessage = "no deliveries recorded" };
        var all = new List<ChartSeries>();
        for (int i = 0; i < curves.Count; i++)
        {
            var (name, xs) = curves[i];
            var color = OkabeIto.ForSeries(i);
            var marks = Marks(xs);
            string labels = string.Join(", ", marks.Select(m => m.Name + " " + Seconds(m.Value)));
            all.Add(new(StepCdf(xs), color)
            {
                Legend = string.Create(CultureInfo.InvariantCulture, $"{name} (n = {xs.Length:N0}): {labels}"),
                LineWidth = 2,
            });
            for (int k = 0; k < marks.Count; k++)
            {
                // A faint drop from the marker to the x axis reads the value off the axis.
                all.Add(new([(marks[k].Value, 0), (marks[k].Value, marks[k].Q)], color.WithAlpha(0.45)) { LineWidth = 1 });
                all.Add(new([(marks[k].Value, marks[k].Q)], color) { Marker = MarkShapes[k], MarkerSize = 10 });
            }
        }
        all.Add(new([], Colors.Transparent) { Legend = "markers: ● p50   ◆ p90   ▲ p99" });
        var rules = Marked.Select(q => new ChartRule(RuleDirection.Horizontal, q, OkabeIto.Muted, new QuantileMark(q, 0).Name)).ToList();
        return chart with { Series = all, Rules = rules };
    }

    /// <summary>The fraction axis of a CDF, with a little room so the curve's top and bottom are not under the frame.</summary>
    public static ChartAxis FractionAxis(string label) => new(label, Min: -0.02, Max: 1.02, TickStep: 0.1);

    /// <summary>p50, p90, p99 of an ascending sample (nearest rank).</summary>
    public static List<QuantileMark> Marks(double[] sorted) => Marked.Select(q => new QuantileMark(q, Percentiles.Of(sorted, q))).ToList();

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

using GossipSim.Analysis.Plots;
using ScottPlot;

namespace GossipSim.Scenarios.Soak;

/// <summary>
/// The soak's plot: each node life's RSS, open descriptors and threads over the run (seeds in blue, peers grey, one line per
/// process), the window the slopes are taken over shaded. Built as Analysis's chart models and drawn by its ScottPlot renderer.
/// </summary>
public static class ResourcePlot
{
    public const string FileName = "resources"; // .png and .svg

    public static Figure Figure(IReadOnlyList<ResourceSample> samples, double runEndSeconds, string title) =>
        new([Panel(samples, runEndSeconds, $"{title}: resident memory", "RSS (MiB)", s => s.Resources.RssKiB / 1024.0),
             Panel(samples, runEndSeconds, "open file descriptors", "descriptors", s => s.Resources.Descriptors),
             Panel(samples, runEndSeconds, "threads", "threads", s => s.Resources.Threads)], 1500, 520);

    public static Chart Panel(IReadOnlyList<ResourceSample> samples, double runEndSeconds, string title, string yLabel,
        Func<ResourceSample, double> value)
    {
        var (from, to) = ResourceTrend.Window(runEndSeconds);
        var lives = samples.GroupBy(s => (s.Node, s.Pid)).OrderBy(g => g.Key.Node.StartsWith("seed", StringComparison.Ordinal) ? 1 : 0);
        var series = new List<ChartSeries>();
        bool seedLegend = false, peerLegend = false;
        foreach (var life in lives)
        {
            bool seed = life.Key.Node.StartsWith("seed", StringComparison.Ordinal);
            var points = life.OrderBy(s => s.Seconds).Select(s => (s.Seconds / 60, value(s))).ToList();
            string? legend = seed && !seedLegend ? "seed (one line a process)" : !seed && !peerLegend ? "peer (one line a process)" : null;
            seedLegend |= seed;
            peerLegend |= !seed;
            series.Add(new ChartSeries(points, seed ? OkabeIto.Blue : OkabeIto.Muted.WithAlpha(0.55))
                { LineWidth = seed ? 2 : 1, Marker = points.Count == 1 ? MarkerShape.FilledCircle : MarkerShape.None, MarkerSize = 3,
                    Legend = legend });
        }
        return new Chart(title, new ChartAxis("time since the run started (min)", Min: 0, Max: Math.Max(1, runEndSeconds / 60)),
            new ChartAxis(yLabel, Min: 0))
        {
            Series = series,
            Spans = [new ChartSpan(from / 60, to / 60, OkabeIto.Yellow.WithAlpha(0.18), "slope window")],
            EmptyMessage = series.Count == 0 ? "no node process was sampled" : null,
            LegendInColumns = true,
        };
    }
}

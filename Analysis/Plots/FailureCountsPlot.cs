using System.Globalization;
using ScottPlot;
using GossipSim.Analysis.Trace;

namespace GossipSim.Analysis.Plots;

/// <summary>
/// The failure timeline of a mass failure: past <see cref="FailureTimelinePlot.MostRows"/> crashes a
/// row each is unreadable (and past about 600 too tall an image to draw at all), so this counts,
/// over time, the nodes that had crashed, been suspected, been reported dead and been removed by
/// the seeds, and writes the delays after the crash above the curves.
/// </summary>
public static class FailureCountsPlot
{
    public const int Height = 560;
    public const string YLabel = "nodes that had reached the stage";

    private static readonly (string Legend, Func<FailureRow, double?> At, Color Color)[] Stages =
    [
        ("crashed", r => r.CrashAt, OkabeIto.Vermillion),
        ("suspected", r => r.SuspectedAt, OkabeIto.Orange),
        ("reported dead", r => r.ReportedAt, OkabeIto.Purple),
        ("removed by the seeds", r => r.RemovedAt, OkabeIto.Green),
    ];

    public static Chart Chart(IReadOnlyList<FailureRow> rows, IReadOnlyList<NetworkWindow> windows, IReadOnlyList<NodeRestart> restarts,
        string title)
    {
        var inv = CultureInfo.InvariantCulture;
        var times = rows.SelectMany(r => Stages.Select(s => s.At(r))).OfType<double>()
            .Concat(windows.SelectMany(w => new[] { w.From, w.To })).Concat(restarts.Select(r => r.At)).Where(double.IsFinite).ToList();
        double lo = times.Count > 0 ? times.Min() : 0, hi = times.Count > 0 ? times.Max() : 1;
        double pad = Math.Max((hi - lo) * 0.04, 0.5);
        int count = rows.Count;
        var series = Stages.Select(s => new ChartSeries(Cumulative(rows.Select(s.At).OfType<double>(), lo - pad), s.Color)
            { Legend = s.Legend, LineWidth = 2.5f }).ToList();
        if (restarts.Count > 0)
            series.Add(new(Cumulative(restarts.Select(r => r.At), lo - pad), OkabeIto.Sky) { Legend = "restarted", LineWidth = 2.5f });
        var spans = windows.Select(w => new ChartSpan(w.From, w.To, FailureTimelinePlot.ConditionColor(w.Condition),
            ReferenceEquals(windows.First(o => o.Condition == w.Condition), w) ? FailureTimelinePlot.ConditionName(w.Condition) : null)).ToList();
        // The two lines of words sit in a band above the curves, which end at the count of crashes.
        double left = Math.Max(0, lo - pad) + (hi - lo + 2 * pad) * 0.01;
        var notes = Sentences(rows).Select((text, i) => new ChartNote(left, count * (1.25 - 0.09 * i), text, OkabeIto.Black)).ToList();
        return new Chart(string.Create(inv, $"{title}: {count:N0} crashed nodes"),
            new ChartAxis(FailureTimelinePlot.XLabel, Min: Math.Max(0, lo - pad), Max: hi + pad),
            new ChartAxis(YLabel, Min: 0, Max: count * 1.32))
        {
            Series = series,
            Spans = spans,
            Notes = notes,
            LegendInColumns = true,
        };
    }

    /// <summary>A step curve: how many of the times had passed at each time, from 0 at <paramref name="from"/>.</summary>
    public static List<(double X, double Y)> Cumulative(IEnumerable<double> times, double from)
    {
        var sorted = times.Where(double.IsFinite).Order().ToList();
        var points = new List<(double, double)> { (from, 0) };
        for (int i = 0; i < sorted.Count; i++)
        {
            // Equal times make one step.
            if (i + 1 < sorted.Count && sorted[i + 1] == sorted[i]) continue;
            double before = points[^1].Item2;
            points.Add((sorted[i], before));
            points.Add((sorted[i], i + 1));
        }
        return points;
    }

    /// <summary>
    /// "9,000 crashed nodes, too many for a row each: each curve counts the nodes that had reached its stage" and the delays after
    /// the crash (median and largest) with what was never observed.
    /// </summary>
    public static string[] Sentences(IReadOnlyList<FailureRow> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var peers = rows.Where(r => r.Role != "seed").ToList();
        string Delays(string verb, Func<FailureRow, double?> at)
        {
            var d = rows.Select(r => at(r) - r.CrashAt).OfType<double>().Order().ToList();
            return d.Count == 0 ? $"none {verb}" : string.Create(inv, $"{verb} after median {d[d.Count / 2]:0.0} s (at most {d[^1]:0.0} s)");
        }
        int seeds = rows.Count - peers.Count;
        string never = string.Create(inv, $"{peers.Count(r => r.SuspectedAt == null):N0} never suspected, ")
            + string.Create(inv, $"{peers.Count(r => r.RemovedAt == null):N0} not removed by the run's end");
        return
        [
            string.Create(inv, $"{rows.Count:N0} crashed nodes{(seeds > 0 ? $" ({seeds:N0} seeds, which peers do not remove)" : "")}: ")
                + "too many for a row each, so each curve counts the nodes that had reached its stage",
            $"times after the crash: {Delays("suspected", r => r.SuspectedAt)}, {Delays("removed", r => r.RemovedAt)}; {never}",
        ];
    }
}

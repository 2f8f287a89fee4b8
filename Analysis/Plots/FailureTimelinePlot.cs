using System.Globalization;
using ScottPlot;
using GossipSim.Analysis.Trace;

namespace GossipSim.Analysis.Plots;

/// <summary>
/// One row per injected failure: crash → first suspicion → dead report → removal on a common
/// time axis, with the delays since the crash written beside each row; network faults
/// (partitions, loss windows, latency spikes) and churn shaded across all rows, and restarts marked.
/// </summary>
public static class FailureTimelinePlot
{
    public const int Width = 1240;
    public const string XLabel = "time since the run started (s)";
    /// <summary>Over the column of delays: what a "+39.1 s" is counted from.</summary>
    public const string DelaysHeading = "+ s: seconds after the node's crash";

    public static readonly (string Name, MarkerShape Shape, Color Color)[] Stages =
    [
        ("crash", MarkerShape.Eks, OkabeIto.Vermillion),
        ("first suspicion", MarkerShape.FilledCircle, OkabeIto.Orange),
        ("dead report", MarkerShape.FilledTriangleUp, OkabeIto.Purple),
        ("removal by seeds", MarkerShape.FilledSquare, OkabeIto.Green),
    ];

    private static readonly Dictionary<NetworkCondition, (string Name, Color Color)> Conditions = new()
    {
        [NetworkCondition.Partition] = ("network partition", OkabeIto.Purple),
        [NetworkCondition.Loss] = ("message loss", OkabeIto.Orange),
        [NetworkCondition.LatencySpike] = ("latency spike", OkabeIto.Sky),
        [NetworkCondition.Churn] = ("churn", OkabeIto.Yellow),
    };

    /// <summary>The most crashes drawn a row each (a figure 1,770 px tall); past it, <see cref="FailureCountsPlot"/> counts them.</summary>
    public const int MostRows = 30;

    public static int HeightFor(int rows) => rows > MostRows ? FailureCountsPlot.Height : Math.Max(340, 210 + 52 * rows);

    public static Figure Figure(IReadOnlyList<FailureRow> rows, IReadOnlyList<NetworkWindow>? windows = null,
        IReadOnlyList<NodeRestart>? restarts = null, string title = "Failure timeline") =>
        new(Chart(rows, windows ?? [], restarts ?? [], title), Width, HeightFor(rows.Count));

    public static Chart Chart(IReadOnlyList<FailureRow> rows, IReadOnlyList<NetworkWindow> windows, IReadOnlyList<NodeRestart> restarts,
        string title = "Failure timeline")
    {
        if (rows.Count > MostRows) return FailureCountsPlot.Chart(rows, windows, restarts, title);
        int count = Math.Max(1, rows.Count);
        var times = rows.SelectMany(Times).Concat(windows.SelectMany(w => new[] { w.From, w.To })).Concat(restarts.Select(r => r.At))
            .Where(double.IsFinite).ToList();
        double lo = times.Count > 0 ? times.Min() : 0, hi = times.Count > 0 ? times.Max() : 1;
        double pad = Math.Max((hi - lo) * 0.04, 0.5);
        // The delays are written in a column right of the last event; the axis runs on to make room for them.
        double notesAt = hi + pad;
        var x = new ChartAxis(XLabel, Min: Math.Max(0, lo - pad), Max: rows.Count > 0
            ? notesAt + (notesAt - Math.Max(0, lo - pad)) * 0.32 : hi + pad);
        // Room above the top row for the heading of the delays' column.
        var y = new ChartAxis("", Min: 0, Max: rows.Count > 0 ? count + 0.45 : count);
        var series = new List<ChartSeries>();
        var notes = new List<ChartNote>();
        var restartOfRow = restarts.Select(r => (Row: LastRowBefore(rows, r), r.At)).Where(r => r.Row >= 0).ToList();
        if (rows.Count > 0) notes.Add(new(notesAt, count + 0.2, DelaysHeading, OkabeIto.Muted));
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            double row = RowY(i, rows.Count);
            // The row's line runs from the crash to the last thing that happened to the node, its restart included.
            double last = Times(r).Concat(restartOfRow.Where(x => x.Row == i).Select(x => x.At)).Max();
            series.Add(new([(r.CrashAt, row), (last, row)], Color.FromHex("#9a9a9a")) { LineWidth = 2 });
            var lines = SummaryLines(r);
            for (int k = 0; k < lines.Length; k++) notes.Add(new(notesAt, row + 0.17 - 0.34 * k, lines[k], OkabeIto.Black));
        }
        for (int k = 0; k < Stages.Length && rows.Count > 0; k++)
        {
            var points = rows.Select((r, i) => (At: Stage(r, k), Row: RowY(i, rows.Count)))
                .Where(p => p.At != null).Select(p => (p.At!.Value, p.Row)).ToList();
            series.Add(new(points, Stages[k].Color) { Legend = Stages[k].Name, Marker = Stages[k].Shape, MarkerSize = k == 0 ? 13 : 11 });
        }
        var restartPoints = restartOfRow.Select(r => (r.At, RowY(r.Row, rows.Count))).ToList();
        // A restart of a node with no crash row (a clean leave and return): a line across the plot.
        var rules = restarts.Where(r => LastRowBefore(rows, r) < 0).Select(r =>
            new ChartRule(RuleDirection.Vertical, r.At, OkabeIto.Sky, "restart")).ToList();
        if (restarts.Count > 0)
            series.Add(new(restartPoints, OkabeIto.Sky) { Legend = "restart", Marker = MarkerShape.OpenCircle, MarkerSize = 12 });
        // Each kind of fault is named once in the legend; each window says what the trace said of it at its top.
        var spans = windows.Select(w => new ChartSpan(w.From, w.To, Conditions[w.Condition].Color,
            ReferenceEquals(windows.First(o => o.Condition == w.Condition), w) ? Conditions[w.Condition].Name : null)).ToList();
        notes.AddRange(windows.Where(w => w.Detail.Length > 0).Select(w => new ChartNote(w.From, count - 0.12, w.Detail, OkabeIto.Muted)));
        return new Chart(title, x, y)
        {
            Series = series,
            Notes = notes,
            Spans = spans,
            Rules = rules,
            YTicks = rows.Select((r, i) => (RowY(i, rows.Count), $"{r.Node} ({r.Role})")).ToList(),
            EmptyMessage = rows.Count > 0 ? null : windows.Count > 0 ? "no node crashed in this run"
                : "no failure was injected in this run",
            LegendInColumns = true,
        };
    }

    public static string ConditionName(NetworkCondition c) => Conditions[c].Name;

    public static Color ConditionColor(NetworkCondition c) => Conditions[c].Color;

    /// <summary>Rows top to bottom in the order given, centred in their band.</summary>
    public static double RowY(int index, int rows) => Math.Max(1, rows) - index - 0.5;

    /// <summary>
    /// Two lines for beside the row: "crash 35.0 s → suspected +39.1 s" and
    /// "reported +42.1 s → removed +45.2 s", naming what was not observed.
    /// </summary>
    public static string[] SummaryLines(FailureRow r)
    {
        var inv = CultureInfo.InvariantCulture;
        string Delay(double? t, string verb) =>
            t is double v ? string.Create(inv, $"{verb} +{v - r.CrashAt:0.0} s") : "not " + verb;
        string crash = string.Create(inv, $"crash {r.CrashAt:0.0} s");
        if (r.Role == "seed" && r.SuspectedAt == null && r.ReportedAt == null && r.RemovedAt == null)
            return [crash, "(a seed: peers do not remove seeds)"];
        return
        [
            crash + " → " + Delay(r.SuspectedAt, "suspected"),
            Delay(r.ReportedAt, "reported") + " → " + Delay(r.RemovedAt, "removed"),
        ];
    }

    private static double? Stage(FailureRow r, int k) => k switch
    {
        0 => r.CrashAt,
        1 => r.SuspectedAt,
        2 => r.ReportedAt,
        _ => r.RemovedAt,
    };

    private static IEnumerable<double> Times(FailureRow r) =>
        new[] { (double?)r.CrashAt, r.SuspectedAt, r.ReportedAt, r.RemovedAt }.OfType<double>();

    /// <summary>The row of the node's latest crash before the restart, or -1.</summary>
    private static int LastRowBefore(IReadOnlyList<FailureRow> rows, NodeRestart restart)
    {
        int found = -1;
        for (int i = 0; i < rows.Count; i++)
            if (rows[i].Node == restart.Node && rows[i].CrashAt <= restart.At
                && (found < 0 || rows[i].CrashAt >= rows[found].CrashAt)) found = i;
        return found;
    }
}

using System.Globalization;
using GossipSim.Analysis.Plots.Svg;

namespace GossipSim.Analysis.Plots;

/// <summary>
/// One row per injected failure: crash → first suspicion → dead report → removal on a common
/// time axis, with the delays since the crash written beside each row.
/// </summary>
public static class FailureTimelinePlot
{
    public const double Width = 1200;
    public static readonly (string Name, MarkerShape Shape, string Color)[] Stages =
    {
        ("crash", MarkerShape.Cross, Palette.Vermillion),
        ("first suspicion", MarkerShape.Circle, Palette.Orange),
        ("dead report", MarkerShape.Triangle, Palette.Purple),
        ("removal by seeds", MarkerShape.Square, Palette.Green),
    };

    public static double HeightFor(int rows) => Math.Max(260, 140 + 44 * rows);

    public static string Render(IReadOnlyList<FailureRow> rows, string title = "Failure timeline")
    {
        int count = Math.Max(1, rows.Count);
        double height = HeightFor(rows.Count);
        var svg = new SvgDocument(Width, height, "failures");
        var times = rows.SelectMany(r => new[] { r.CrashAt, r.SuspectedAt, r.ReportedAt, r.RemovedAt })
            .OfType<double>().Where(double.IsFinite).ToList();
        double lo = times.Count > 0 ? times.Min() : 0, hi = times.Count > 0 ? times.Max() : 1;
        double pad = Math.Max((hi - lo) * 0.06, 0.5);
        var panel = new XYPanel
        {
            Title = title,
            XLabel = "time since the run started (s)",
            YLabel = "",
            X = LinearScale.Nice(Math.Max(0, lo - pad), hi + pad),
            Y = new RowScale(0, count),
            MarginLeft = 190,
            MarginRight = 290,
            MarginTop = 78,
            LegendCorner = LegendCorner.Above,
            EmptyMessage = rows.Count == 0 ? "no failure was injected in this run" : null,
        };
        foreach (var (name, shape, color) in Stages) panel.Legend.Add(new LegendEntry(name, color, Marker: shape));

        var label = new TextStyle(12, "end", Palette.Axis);
        var detail = new TextStyle(11, "start", Palette.Axis);
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            double y = count - i - 0.5;
            double?[] at = { r.CrashAt, r.SuspectedAt, r.ReportedAt, r.RemovedAt };
            double last = at.OfType<double>().Max();
            panel.AddHorizontalLine(y, "#f0f0f0", null, 1);
            panel.AddLine(new[] { (r.CrashAt, y), (last, y) }, "#9a9a9a", 2);
            panel.AddText(panel.X.Min, y, $"{r.Node} ({r.Role})", label, dx: -10, dy: 4, clipped: false);
            for (int k = 0; k < Stages.Length; k++)
                if (at[k] is double t) panel.AddMarker(t, y, Stages[k].Shape, Stages[k].Color, k == 0 ? 11 : 9);
            var lines = SummaryLines(r);
            for (int k = 0; k < lines.Length; k++) panel.AddRightText(y, lines[k], detail, dy: 4 + 14 * (k - (lines.Length - 1) / 2.0));
        }
        panel.Render(svg, 0, 0, Width, height);
        return svg.ToSvg();
    }

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
            return new[] { crash, "(a seed: peers do not remove seeds)" };
        return new[]
        {
            crash + " → " + Delay(r.SuspectedAt, "suspected"),
            Delay(r.ReportedAt, "reported") + " → " + Delay(r.RemovedAt, "removed"),
        };
    }
}

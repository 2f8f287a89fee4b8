using ScottPlot;

namespace GossipSim.Analysis.Plots;

public enum AxisScale { Linear, Log }

/// <summary>
/// An axis: its label (with units), linear or log₁₀, limits in data units (null: fitted to the data),
/// and for a linear axis the distance between labelled ticks (null: ScottPlot chooses).
/// </summary>
public sealed record ChartAxis(string Label, AxisScale Scale = AxisScale.Linear, double? Min = null,
    double? Max = null, double? TickStep = null);

/// <summary>A line and/or markers through points given in data units; with no points it is a legend entry only.</summary>
public sealed record ChartSeries(IReadOnlyList<(double X, double Y)> Points, Color Color)
{
    public string? Legend { get; init; }
    /// <summary>0: markers only.</summary>
    public float LineWidth { get; init; }
    public MarkerShape Marker { get; init; } = MarkerShape.None;
    public float MarkerSize { get; init; } = 7;
}

public enum RuleDirection { Vertical, Horizontal }

/// <summary>
/// A thin line across the whole data area at a data value (xmin, a percentile), labelled on the
/// axis. Solid: Skia's SVG output cannot dash a line, and the PNG and SVG should look the same.
/// </summary>
public sealed record ChartRule(RuleDirection Direction, double At, Color Color, string? Label = null);

/// <summary>A shaded stretch of the x axis (a partition, a loss window).</summary>
public sealed record ChartSpan(double From, double To, Color Color, string? Legend = null);

/// <summary>Text at a data position, its left edge at X.</summary>
public sealed record ChartNote(double X, double Y, string Text, Color Color);

/// <summary>
/// What one plot panel shows, as plain data: the plot classes build it with pure functions (so
/// tests check the data a plot is given) and <see cref="ChartRenderer"/> draws it with ScottPlot.
/// Legends always sit outside the data area, so they never cover data.
/// </summary>
public sealed record Chart(string Title, ChartAxis X, ChartAxis Y)
{
    public IReadOnlyList<ChartSeries> Series { get; init; } = [];
    public IReadOnlyList<ChartRule> Rules { get; init; } = [];
    public IReadOnlyList<ChartSpan> Spans { get; init; } = [];
    public IReadOnlyList<ChartNote> Notes { get; init; } = [];
    /// <summary>Labels at given y values instead of numbers (the timeline's rows).</summary>
    public IReadOnlyList<(double At, string Label)>? YTicks { get; init; }
    /// <summary>Shown in the middle of an empty data area.</summary>
    public string? EmptyMessage { get; init; }
    /// <summary>Legend entries side by side (a short legend above a wide plot) rather than one per line.</summary>
    public bool LegendInColumns { get; init; }

    /// <summary>The entries the legend lists, in order: labelled series, then labelled spans.</summary>
    public IEnumerable<string> LegendTexts =>
        Series.Where(s => s.Legend != null).Select(s => s.Legend!).Concat(Spans.Where(s => s.Legend != null).Select(s => s.Legend!));
}

/// <summary>One image: panels side by side, size in pixels.</summary>
public sealed record Figure(IReadOnlyList<Chart> Panels, int Width, int Height)
{
    public Figure(Chart chart, int width, int height) : this([chart], width, height) { }
}

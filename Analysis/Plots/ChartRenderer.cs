using System.Text;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace GossipSim.Analysis.Plots;

/// <summary>
/// Draws a <see cref="Figure"/> with ScottPlot, as PNG bytes or an SVG document. Log axes are
/// drawn as ScottPlot recommends: the data are plotted as log₁₀ and the ticks say 10ⁿ.
/// </summary>
public static class ChartRenderer
{
    public const string FontName = "DejaVu Sans";
    /// <summary>The longest side an image may have: Skia refuses far larger ones with a NullReferenceException, and no page shows them.</summary>
    public const int MaxSide = 16_384;
    private const float LegendSlack = 16;
    private static readonly Color Text = Color.FromHex("#222222");

    /// <summary>Writes name.png and name.svg for the figure; returns the SVG markup.</summary>
    public static string Save(Figure figure, string pathWithoutExtension)
    {
        string svg = Svg(figure);
        File.WriteAllBytes(pathWithoutExtension + ".png", Png(figure));
        File.WriteAllText(pathWithoutExtension + ".svg", svg, new UTF8Encoding(false));
        return svg;
    }

    public static byte[] Png(Figure figure)
    {
        CheckSize(figure);
        var info = new SKImageInfo(figure.Width, figure.Height);
        using var surface = SKSurface.Create(info) ?? throw new PlotException($"Skia could not make a {Size(figure)} image");
        Draw(figure, surface.Canvas);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The figure as an SVG document (with its XML declaration; <see cref="InlineSvg"/> strips it for HTML).</summary>
    public static string Svg(Figure figure)
    {
        CheckSize(figure);
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, figure.Width, figure.Height), stream))
            Draw(figure, canvas);
        // Skia gives the size only; a viewBox lets a page scale the figure down to its column.
        string svg = Encoding.UTF8.GetString(stream.ToArray());
        int root = svg.IndexOf("<svg ", StringComparison.Ordinal);
        return svg.Insert(root + 5, $"viewBox=\"0 0 {figure.Width} {figure.Height}\" ");
    }

    private static void CheckSize(Figure figure)
    {
        if (figure.Width is < 1 or > MaxSide || figure.Height is < 1 or > MaxSide)
            throw new PlotException($"a {Size(figure)} image is more than a plot can be ({MaxSide:N0} px a side at most)");
    }

    private static string Size(Figure figure) => $"{figure.Width} × {figure.Height} px";

    /// <summary>The SVG as an element to put inside HTML: no XML declaration.</summary>
    public static string InlineSvg(string svg)
    {
        svg = svg.TrimStart('\uFEFF').TrimStart();
        if (svg.StartsWith("<?xml", StringComparison.Ordinal)) svg = svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart();
        if (!svg.StartsWith("<svg", StringComparison.Ordinal)) throw new ArgumentException("figure is not SVG markup");
        return svg.EndsWith('\n') ? svg : svg + "\n";
    }

    private static void Draw(Figure figure, SKCanvas canvas)
    {
        canvas.Clear(SKColors.White);
        int width = figure.Width / figure.Panels.Count;
        var plots = figure.Panels.Select(Build).ToList();
        FixMargins(plots, width, figure.Height);
        for (int i = 0; i < plots.Count; i++)
        {
            // ScottPlot clears the canvas before drawing: the clip keeps each panel to its own part.
            canvas.Save();
            canvas.ClipRect(new SKRect(i * width, 0, (i + 1) * width, figure.Height));
            plots[i].Render(canvas, new PixelRect(i * width, (i + 1) * width, figure.Height, 0));
            canvas.Restore();
        }
    }

    /// <summary>
    /// Margins measured from a first layout, then fixed: side-by-side panels get the same ones (the
    /// widest each side needs), so their data areas line up even when one has the longer legend,
    /// and the legend below gets the room ScottPlot's automatic layout leaves it short of.
    /// </summary>
    private static void FixMargins(List<Plot> plots, int width, int height)
    {
        var rects = plots.Select(p => { p.GetImage(width, height).Dispose(); return p.LastRender.DataRect; }).ToList();
        var padding = new PixelPadding(
            rects.Max(r => r.Left), rects.Max(r => width - r.Right), rects.Max(r => height - r.Bottom), rects.Max(r => r.Top));
        foreach (var p in plots) p.Layout.Fixed(padding with { Bottom = padding.Bottom + LegendSlack });
    }

    private static Plot Build(Chart c)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(c.Title, 17);
        plot.XLabel(c.X.Label, 14);
        plot.YLabel(c.Y.Label, 14);
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = 13;
            axis.TickLabelStyle.ForeColor = Text;
        }

        foreach (var s in c.Spans)
        {
            var span = plot.Add.HorizontalSpan(Map(c.X, s.From), Map(c.X, s.To));
            span.FillStyle.Color = s.Color.WithAlpha(0.16);
            span.LineStyle.Width = 0;
        }
        foreach (var s in c.Series)
        {
            var points = s.Points.Where(p => Drawable(c.X, p.X) && Drawable(c.Y, p.Y)).ToArray();
            if (points.Length == 0) continue;
            var scatter = plot.Add.Scatter(points.Select(p => Map(c.X, p.X)).ToArray(), points.Select(p => Map(c.Y, p.Y)).ToArray());
            scatter.Color = s.Color;
            scatter.LineWidth = s.LineWidth;
            scatter.MarkerShape = s.Marker;
            scatter.MarkerSize = s.Marker == MarkerShape.None ? 0 : s.MarkerSize;
        }
        foreach (var r in c.Rules)
        {
            var axis = r.Direction == RuleDirection.Vertical ? c.X : c.Y;
            if (!Drawable(axis, r.At)) continue;
            AxisLine line = r.Direction == RuleDirection.Vertical ? plot.Add.VerticalLine(Map(c.X, r.At))
                : plot.Add.HorizontalLine(Map(c.Y, r.At));
            line.Color = r.Color.WithAlpha(0.7);
            line.LineWidth = 1;
            if (r.Label != null)
            {
                line.LabelText = r.Label;
                line.LabelFontSize = 12;
                line.LabelBackgroundColor = r.Color;
                line.LabelOppositeAxis = true; // away from the tick labels
            }
        }
        foreach (var n in c.Notes)
        {
            var text = plot.Add.Text(n.Text, Map(c.X, n.X), Map(c.Y, n.Y));
            text.LabelFontSize = 12;
            text.LabelFontColor = n.Color;
            text.LabelAlignment = Alignment.MiddleLeft;
        }

        Limits(plot, c);
        Ticks(plot.Axes.Bottom, c.X, null);
        Ticks(plot.Axes.Left, c.Y, c.YTicks);
        if (c.EmptyMessage != null)
        {
            var note = plot.Add.Annotation(c.EmptyMessage, Alignment.MiddleCenter);
            note.LabelFontSize = 15;
            note.LabelFontColor = OkabeIto.Muted;
            note.LabelBackgroundColor = Colors.Transparent;
            note.LabelBorderColor = Colors.Transparent;
            note.LabelShadowColor = Colors.Transparent;
        }
        Legend(plot, c);
        return plot;
    }

    private static void Legend(Plot plot, Chart c)
    {
        var items = new List<LegendItem>();
        foreach (var s in c.Series.Where(s => s.Legend != null))
            items.Add(new LegendItem
            {
                LabelText = s.Legend!,
                LineColor = s.Color,
                LineWidth = s.LineWidth,
                MarkerShape = s.Marker,
                MarkerSize = s.Marker == MarkerShape.None ? 0 : s.MarkerSize,
                MarkerFillColor = s.Color,
                MarkerLineColor = s.Color,
            });
        foreach (var s in c.Spans.Where(s => s.Legend != null))
            items.Add(new LegendItem { LabelText = s.Legend!, FillColor = s.Color.WithAlpha(0.3), LineWidth = 0 });
        if (items.Count == 0) return;
        plot.Legend.ManualItems.AddRange(items);
        plot.Legend.FontSize = 13;
        plot.Legend.FontColor = Text;
        plot.Legend.Orientation = c.LegendInColumns ? Orientation.Horizontal : Orientation.Vertical;
        plot.ShowLegend(Edge.Bottom);
    }

    private static void Limits(Plot plot, Chart c)
    {
        var (xMin, xMax) = Range(c.X, c.Series.SelectMany(s => s.Points).Select(p => p.X)
            .Concat(c.Spans.SelectMany(s => new[] { s.From, s.To })).Concat(c.Notes.Select(n => n.X)));
        var (yMin, yMax) = Range(c.Y, c.Series.SelectMany(s => s.Points).Select(p => p.Y).Concat(c.YTicks?.Select(t => t.At) ?? []));
        plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
    }

    /// <summary>The axis limits in plotted units: the given ones, else the data's (whole decades on a log axis, 4 % margins on a linear
    /// one).</summary>
    private static (double Min, double Max) Range(ChartAxis axis, IEnumerable<double> values)
    {
        var v = values.Where(x => Drawable(axis, x)).ToList();
        double lo = axis.Min ?? (v.Count > 0 ? v.Min() : axis.Scale == AxisScale.Log ? 1 : 0);
        double hi = axis.Max ?? (v.Count > 0 ? v.Max() : axis.Scale == AxisScale.Log ? 10 : 1);
        if (axis.Scale == AxisScale.Log)
        {
            var (dLo, dHi) = LogTicks.DecadeLimits(lo, Math.Max(hi, lo));
            // A twentieth of a decade of room, so points on a decade (P = 1 at the smallest k) are not cut by the frame.
            return (axis.Min is double min ? Math.Log10(min) : Math.Log10(dLo) - 0.05,
                axis.Max is double max ? Math.Log10(max) : Math.Log10(dHi) + 0.05);
        }
        if (hi <= lo) hi = lo + 1;
        double pad = 0.04 * (hi - lo);
        return (axis.Min ?? lo - pad, axis.Max ?? hi + pad);
    }

    private static void Ticks(IAxis target, ChartAxis axis, IReadOnlyList<(double At, string Label)>? manual)
    {
        if (manual == null && axis.Scale == AxisScale.Linear)
        {
            if (axis.TickStep is double step) target.TickGenerator = new NumericFixedInterval(step);
            return; // else ScottPlot's own 1-2-5 ticks
        }
        var ticks = new NumericManual();
        if (manual != null)
            foreach (var (at, label) in manual) ticks.AddMajor(at, label);
        else
        {
            var range = target.Range;
            foreach (var t in LogTicks.For(Math.Pow(10, range.Min), Math.Pow(10, range.Max))
                .Where(t => range.Contains(Math.Log10(t.Value))))
                if (t.Major) ticks.AddMajor(Math.Log10(t.Value), t.Label);
                else ticks.AddMinor(Math.Log10(t.Value));
        }
        target.TickGenerator = ticks;
    }

    private static bool Drawable(ChartAxis axis, double v) => double.IsFinite(v) && (axis.Scale == AxisScale.Linear || v > 0);

    private static double Map(ChartAxis axis, double v) => axis.Scale == AxisScale.Log ? Math.Log10(v) : v;
}

using GossipSim.Analysis.Plots.Svg;

namespace GossipSim.Analysis.Plots;

/// <summary>Where the legend goes: a box in a corner of the plot, or one row above it (needs a taller top margin).</summary>
public enum LegendCorner { TopRight, BottomRight, TopLeft, BottomLeft, Above }

/// <summary>One legend line: a swatch (line, marker, both or none) and its text.</summary>
public sealed record LegendEntry(string Text, string Color = Palette.Black, bool Line = false, MarkerShape? Marker = null, string? Dash = null, bool Hollow = false);

/// <summary>
/// One pair of axes with a title, axis labels, ticks, light grid, clipped data layers and a
/// legend. The charts build one or more of these on an <see cref="SvgDocument"/>.
/// </summary>
public sealed class XYPanel
{
    private readonly List<Action<SvgDocument>> _layers = new();
    private readonly List<Action<SvgDocument>> _overlays = new();

    public double MarginLeft { get; init; } = 74;
    public double MarginRight { get; init; } = 20;
    public double MarginTop { get; init; } = 44;
    public double MarginBottom { get; init; } = 58;

    public required string Title { get; init; }
    public required string XLabel { get; init; }
    public required string YLabel { get; init; }
    public required Scale X { get; init; }
    public required Scale Y { get; init; }
    public List<LegendEntry> Legend { get; } = new();
    public LegendCorner LegendCorner { get; init; } = LegendCorner.TopRight;
    /// <summary>Shown in the middle of an empty plot ("no deliveries recorded").</summary>
    public string? EmptyMessage { get; init; }

    // Plot area in document coordinates, known once Render has placed the panel.
    private double _left, _top, _width, _height;

    public double MapX(double v) => _left + X.Normalize(v) * _width;
    public double MapY(double v) => _top + (1 - Y.Normalize(v)) * _height;

    public void AddLine(IReadOnlyList<(double X, double Y)> points, string color, double width = 2, string? dash = null) =>
        _layers.Add(svg => svg.Polyline(points.Select(p => (MapX(p.X), MapY(p.Y))).ToList(), color, width, dash));

    public void AddPoints(IReadOnlyList<(double X, double Y)> points, string color, MarkerShape shape = MarkerShape.Circle, double size = 5, bool hollow = true) =>
        _layers.Add(svg =>
        {
            foreach (var p in points) Markers.Draw(svg, shape, MapX(p.X), MapY(p.Y), size, color, hollow);
        });

    public void AddVerticalLine(double x, string color, string? dash = "5,4", double width = 1.2, double? fromY = null, double? toY = null) =>
        _layers.Add(svg => svg.Line(MapX(x), fromY is double a ? MapY(a) : _top + _height, MapX(x), toY is double b ? MapY(b) : _top, color, width, dash));

    public void AddHorizontalLine(double y, string color, string? dash = "2,3", double width = 1) =>
        _layers.Add(svg => svg.Line(_left, MapY(y), _left + _width, MapY(y), color, width, dash));

    /// <summary>Text at a data position, offset in px; unclipped text may sit in the margins (row labels).</summary>
    public void AddText(double x, double y, string text, TextStyle style, double dx = 0, double dy = 0, bool clipped = true) =>
        (clipped ? _layers : _overlays).Add(svg => svg.Text(MapX(x) + dx, MapY(y) + dy, text, style));

    /// <summary>A marker at a data position (not clipped, so markers on the frame stay whole).</summary>
    public void AddMarker(double x, double y, MarkerShape shape, string color, double size = 9, bool hollow = false) =>
        _overlays.Add(svg => Markers.Draw(svg, shape, MapX(x), MapY(y), size, color, hollow));

    /// <summary>Text placed relative to the plot area's right edge, at a data y (summaries beside timeline rows).</summary>
    public void AddRightText(double y, string text, TextStyle style, double dx = 8, double dy = 4) =>
        _overlays.Add(svg => svg.Text(_left + _width + dx, MapY(y) + dy, text, style));

    /// <summary>Draws the panel into the box (left, top, width, height) of the document.</summary>
    public void Render(SvgDocument svg, double left, double top, double width, double height)
    {
        _left = left + MarginLeft;
        _top = top + MarginTop;
        _width = width - MarginLeft - MarginRight;
        _height = height - MarginTop - MarginBottom;
        if (_width <= 20 || _height <= 20) throw new ArgumentException("panel too small for its margins");

        svg.Text(left + width / 2, top + 24, Title, new TextStyle(16, "middle", Bold: true));

        var xTicks = X.Ticks();
        var yTicks = Y.Ticks();
        foreach (var t in xTicks.Where(t => t.Major && X.Contains(t.Value)))
            svg.Line(MapX(t.Value), _top, MapX(t.Value), _top + _height, Palette.Grid, 1);
        foreach (var t in yTicks.Where(t => t.Major && Y.Contains(t.Value)))
            svg.Line(_left, MapY(t.Value), _left + _width, MapY(t.Value), Palette.Grid, 1);

        svg.BeginClip(_left, _top, _width, _height);
        foreach (var layer in _layers) layer(svg);
        svg.EndGroup();

        if (EmptyMessage != null)
            svg.Text(_left + _width / 2, _top + _height / 2, EmptyMessage, new TextStyle(14, "middle", Palette.Muted, Italic: true));

        svg.Rect(_left, _top, _width, _height, "none", Palette.Axis, 1);
        foreach (var overlay in _overlays) overlay(svg);
        var tickLabel = new TextStyle(12, "middle", Palette.Axis);
        foreach (var t in xTicks.Where(t => X.Contains(t.Value)))
        {
            double x = MapX(t.Value);
            svg.Line(x, _top + _height, x, _top + _height + (t.Major ? 7 : 4), Palette.Axis, 1);
            if (t.Label.Length > 0) svg.RichText(x, _top + _height + 22, tickLabel, (t.Label, t.Superscript));
        }
        var yLabelStyle = tickLabel with { Anchor = "end" };
        foreach (var t in yTicks.Where(t => Y.Contains(t.Value)))
        {
            double y = MapY(t.Value);
            svg.Line(_left - (t.Major ? 7 : 4), y, _left, y, Palette.Axis, 1);
            if (t.Label.Length > 0) svg.RichText(_left - 10, y + 4, yLabelStyle, (t.Label, t.Superscript));
        }
        svg.Text(_left + _width / 2, _top + _height + 46, XLabel, new TextStyle(13, "middle", Palette.Axis));
        svg.Text(left + 18, _top + _height / 2, YLabel, new TextStyle(13, "middle", Palette.Axis, Rotate: -90));

        DrawLegend(svg);
    }

    private void DrawLegend(SvgDocument svg)
    {
        if (Legend.Count == 0) return;
        const double row = 18, pad = 8, swatch = 26, fontSize = 12;
        if (LegendCorner == LegendCorner.Above)
        {
            double lx = _left;
            double ly = _top - 14;
            foreach (var e in Legend)
            {
                if (e.Line) svg.Line(lx, ly - 4, lx + swatch, ly - 4, e.Color, 2, e.Dash);
                if (e.Marker is MarkerShape m) Markers.Draw(svg, m, lx + swatch / 2, ly - 4, 8, e.Color, e.Hollow);
                if (e.Line || e.Marker != null) lx += swatch + 6;
                svg.Text(lx, ly, e.Text, new TextStyle(fontSize, Color: Palette.Axis));
                lx += TextWidth(e.Text, fontSize) + 22;
            }
            return;
        }
        double textWidth = Legend.Max(e => TextWidth(e.Text, fontSize));
        bool anySwatch = Legend.Any(e => e.Line || e.Marker != null);
        double w = pad * 2 + (anySwatch ? swatch + 6 : 0) + textWidth;
        double h = pad * 2 + row * Legend.Count - 4;
        bool right = LegendCorner is LegendCorner.TopRight or LegendCorner.BottomRight;
        bool topSide = LegendCorner is LegendCorner.TopRight or LegendCorner.TopLeft;
        double x = right ? _left + _width - w - 10 : _left + 10;
        double y = topSide ? _top + 10 : _top + _height - h - 10;
        svg.Rect(x, y, w, h, "#ffffff", "#bbbbbb", 1, opacity: 0.92);
        for (int i = 0; i < Legend.Count; i++)
        {
            var e = Legend[i];
            double cy = y + pad + row * i + 6;
            double tx = x + pad;
            if (anySwatch)
            {
                if (e.Line) svg.Line(tx, cy, tx + swatch, cy, e.Color, 2, e.Dash);
                if (e.Marker is MarkerShape shape) Markers.Draw(svg, shape, tx + swatch / 2, cy, 7, e.Color, e.Hollow);
                tx += swatch + 6;
            }
            svg.Text(tx, cy + 4, e.Text, new TextStyle(fontSize, Color: Palette.Axis));
        }
    }

    /// <summary>Rough width of a text in a sans-serif font (no font metrics here): wide enough for legends and boxes.</summary>
    public static double TextWidth(string text, double fontSize) => text.Length * fontSize * 0.6;
}

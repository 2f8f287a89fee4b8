using System.Globalization;
using System.Text;

namespace GossipSim.Analysis.Plots.Svg;

/// <summary>Text placement and look: size in px, anchor start|middle|end, optional rotation about (x, y).</summary>
public sealed record TextStyle(double Size = 12, string Anchor = "start", string Color = "#222", bool Bold = false, double Rotate = 0, bool Italic = false);

/// <summary>
/// A minimal SVG 1.1 writer: shapes, text with superscripts, clipping groups. Output is
/// deterministic (invariant culture, fixed number format, ids from the caller's prefix), so
/// the same chart data gives the same bytes, and it opens in browsers and rsvg-convert alike.
/// </summary>
public sealed class SvgDocument
{
    public const string FontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif";

    private readonly StringBuilder _body = new();
    private readonly StringBuilder _defs = new();
    private readonly string _idPrefix;
    private int _nextId;
    private int _openGroups;

    public double Width { get; }
    public double Height { get; }

    /// <param name="idPrefix">Prefix of every id in the document; distinct per chart so several SVGs can be inlined in one HTML page.</param>
    public SvgDocument(double width, double height, string idPrefix)
    {
        if (!(width > 0) || !(height > 0)) throw new ArgumentOutOfRangeException(nameof(width), "size must be positive");
        if (string.IsNullOrEmpty(idPrefix) || !idPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || !char.IsAsciiLetter(idPrefix[0]))
            throw new ArgumentException("idPrefix must start with a letter and hold only letters, digits, '-' and '_'", nameof(idPrefix));
        Width = width;
        Height = height;
        _idPrefix = idPrefix;
    }

    /// <summary>Formats a coordinate: at most two decimals, invariant culture, no "-0".</summary>
    public static string Num(double v)
    {
        if (!double.IsFinite(v)) throw new ArgumentException($"coordinate {v} is not finite");
        string s = Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }

    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    // XML 1.0 forbids most control characters even when escaped.
                    if (c >= 0x20 || c is '\t' or '\n' or '\r') sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    public void Rect(double x, double y, double w, double h, string fill, string? stroke = null, double strokeWidth = 1, double opacity = 1)
    {
        _body.Append("<rect x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y))
            .Append("\" width=\"").Append(Num(Math.Max(0, w))).Append("\" height=\"").Append(Num(Math.Max(0, h)))
            .Append("\" fill=\"").Append(Escape(fill)).Append('"');
        Stroke(stroke, strokeWidth, null);
        if (opacity < 1) _body.Append(" fill-opacity=\"").Append(Num(opacity)).Append('"');
        _body.Append("/>\n");
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
    {
        _body.Append("<line x1=\"").Append(Num(x1)).Append("\" y1=\"").Append(Num(y1))
            .Append("\" x2=\"").Append(Num(x2)).Append("\" y2=\"").Append(Num(y2)).Append('"');
        Stroke(stroke, width, dash);
        _body.Append("/>\n");
    }

    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width = 1.5, string? dash = null)
    {
        if (points.Count == 0) return;
        _body.Append("<polyline fill=\"none\" points=\"");
        for (int i = 0; i < points.Count; i++)
        {
            if (i > 0) _body.Append(' ');
            _body.Append(Num(points[i].X)).Append(',').Append(Num(points[i].Y));
        }
        _body.Append('"');
        Stroke(stroke, width, dash);
        _body.Append(" stroke-linejoin=\"round\"/>\n");
    }

    public void Circle(double cx, double cy, double r, string fill, string? stroke = null, double strokeWidth = 1)
    {
        _body.Append("<circle cx=\"").Append(Num(cx)).Append("\" cy=\"").Append(Num(cy)).Append("\" r=\"").Append(Num(r))
            .Append("\" fill=\"").Append(Escape(fill)).Append('"');
        Stroke(stroke, strokeWidth, null);
        _body.Append("/>\n");
    }

    /// <summary>A closed polygon (triangles, diamonds, crosses as outlines).</summary>
    public void Polygon(IReadOnlyList<(double X, double Y)> points, string fill, string? stroke = null, double strokeWidth = 1)
    {
        _body.Append("<polygon points=\"");
        for (int i = 0; i < points.Count; i++)
        {
            if (i > 0) _body.Append(' ');
            _body.Append(Num(points[i].X)).Append(',').Append(Num(points[i].Y));
        }
        _body.Append("\" fill=\"").Append(Escape(fill)).Append('"');
        Stroke(stroke, strokeWidth, null);
        _body.Append("/>\n");
    }

    public void Text(double x, double y, string text, TextStyle style) => RichText(x, y, style, (text, null));

    /// <summary>Text made of runs, each with an optional superscript (e.g. ("10", "3") for 10³).</summary>
    public void RichText(double x, double y, TextStyle style, params (string Text, string? Superscript)[] runs)
    {
        _body.Append("<text x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y))
            .Append("\" font-family=\"").Append(FontFamily).Append("\" font-size=\"").Append(Num(style.Size))
            .Append("\" fill=\"").Append(Escape(style.Color)).Append('"');
        if (style.Anchor != "start") _body.Append(" text-anchor=\"").Append(Escape(style.Anchor)).Append('"');
        if (style.Bold) _body.Append(" font-weight=\"bold\"");
        if (style.Italic) _body.Append(" font-style=\"italic\"");
        if (style.Rotate != 0)
            _body.Append(" transform=\"rotate(").Append(Num(style.Rotate)).Append(' ').Append(Num(x)).Append(' ').Append(Num(y)).Append(")\"");
        _body.Append('>');
        bool raised = false;
        foreach (var (text, sup) in runs)
        {
            if (raised && text.Length > 0)
            {
                // Back to the baseline: the superscript rose 0.45 of its own (75%) size.
                _body.Append("<tspan dy=\"0.3375em\">").Append(Escape(text)).Append("</tspan>");
                raised = false;
            }
            else
            {
                _body.Append(Escape(text));
            }
            if (sup != null)
            {
                _body.Append("<tspan dy=\"-0.45em\" font-size=\"75%\">").Append(Escape(sup)).Append("</tspan>");
                raised = true;
            }
        }
        _body.Append("</text>\n");
    }

    /// <summary>Starts a group clipped to a rectangle; close it with <see cref="EndGroup"/>.</summary>
    public void BeginClip(double x, double y, double w, double h)
    {
        string id = $"{_idPrefix}-clip{_nextId++}";
        _defs.Append("<clipPath id=\"").Append(id).Append("\"><rect x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y))
            .Append("\" width=\"").Append(Num(w)).Append("\" height=\"").Append(Num(h)).Append("\"/></clipPath>\n");
        _body.Append("<g clip-path=\"url(#").Append(id).Append(")\">\n");
        _openGroups++;
    }

    public void EndGroup()
    {
        if (_openGroups == 0) throw new InvalidOperationException("no open group");
        _body.Append("</g>\n");
        _openGroups--;
    }

    /// <summary>The whole document, without an XML declaration so it can be inlined in HTML as is.</summary>
    public string ToSvg()
    {
        if (_openGroups != 0) throw new InvalidOperationException($"{_openGroups} group(s) left open");
        var sb = new StringBuilder(_body.Length + _defs.Length + 400);
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(Num(Width)).Append("\" height=\"").Append(Num(Height))
            .Append("\" viewBox=\"0 0 ").Append(Num(Width)).Append(' ').Append(Num(Height)).Append("\">\n");
        if (_defs.Length > 0) sb.Append("<defs>\n").Append(_defs).Append("</defs>\n");
        sb.Append("<rect x=\"0\" y=\"0\" width=\"").Append(Num(Width)).Append("\" height=\"").Append(Num(Height)).Append("\" fill=\"#ffffff\"/>\n");
        sb.Append(_body);
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>Writes the document as a standalone .svg file (with the XML declaration).</summary>
    public static void Save(string svg, string path)
    {
        File.WriteAllText(path, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg, new UTF8Encoding(false));
    }

    private void Stroke(string? stroke, double width, string? dash)
    {
        if (stroke == null) return;
        _body.Append(" stroke=\"").Append(Escape(stroke)).Append("\" stroke-width=\"").Append(Num(width)).Append('"');
        if (dash != null) _body.Append(" stroke-dasharray=\"").Append(Escape(dash)).Append('"');
    }
}

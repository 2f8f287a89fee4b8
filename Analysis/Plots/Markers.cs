using GossipSim.Analysis.Plots.Svg;

namespace GossipSim.Analysis.Plots;

public enum MarkerShape { Circle, Square, Triangle, Diamond, Cross }

public static class Markers
{
    /// <summary>A marker centred on (x, y); size is its full width in px.</summary>
    public static void Draw(SvgDocument svg, MarkerShape shape, double x, double y, double size, string color, bool hollow = false)
    {
        double r = size / 2;
        string fill = hollow ? "#ffffff" : color;
        switch (shape)
        {
            case MarkerShape.Circle:
                svg.Circle(x, y, r, fill, color, 1.2);
                break;
            case MarkerShape.Square:
                svg.Rect(x - r, y - r, size, size, fill, color, 1.2);
                break;
            case MarkerShape.Triangle:
                svg.Polygon(new[] { (x, y - r * 1.15), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8) }, fill, color, 1.2);
                break;
            case MarkerShape.Diamond:
                svg.Polygon(new[] { (x, y - r * 1.25), (x + r, y), (x, y + r * 1.25), (x - r, y) }, fill, color, 1.2);
                break;
            case MarkerShape.Cross:
                svg.Line(x - r, y - r, x + r, y + r, color, 2.2);
                svg.Line(x - r, y + r, x + r, y - r, color, 2.2);
                break;
        }
    }
}

using System.Xml.Linq;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Fitting;
using GossipSim.Scenarios.Compare;
using ScottPlot;

namespace GossipSim.Multihost.Tests;

/// <summary>The comparison's overlays: what each is given to draw, and that it renders to PNG and SVG.</summary>
public class CompareChartsTests
{
    private static readonly double[] SimDegrees = [0, 1, 1, 2, 3, 5, 8, 13];
    private static readonly double[] RealDegrees = [1, 2, 2, 3, 4, 6];

    [Test]
    public void Degrees_AreEachSidesCcdfOfItsPositiveDegreesOnLogLogAxes()
    {
        var m = MetricComparison.Of("degree", "degree", "", 1, SimDegrees, RealDegrees, 0.01);
        var chart = CompareCharts.Degrees(m, "loopback").Panels.Single();
        Assert.That(chart.X.Scale, Is.EqualTo(AxisScale.Log));
        Assert.That(chart.Y.Scale, Is.EqualTo(AxisScale.Log));
        Assert.That(chart.Series[0].Points, Is.EqualTo(DegreePlot.EmpiricalCcdf([1, 1, 2, 3, 5, 8, 13])));
        Assert.That(chart.Series[0].Legend, Does.Contain("n = 8, 1 with degree 0 not on a log axis"));
        Assert.That(chart.Series[1].Legend, Does.StartWith("loopback (n = 6)"));
    }

    [Test]
    public void Latency_IsPlottedInMillisecondsWithTheMedianMarked()
    {
        double[] sim = [0.001, 0.002, 0.003], real = [0.010, 0.020, 0.030, 0.040];
        var m = MetricComparison.Of("latency", "latency", "ms", 1000, sim, real, 0.01);
        var chart = CompareCharts.Latency(m, "loopback", "Gossip latency").Panels.Single();
        var medians = chart.Series.Where(s => s.Marker == MarkerShape.FilledCircle).Select(s => s.Points.Single()).ToList();
        Assert.That(medians[0].X, Is.EqualTo(2).Within(1e-9));
        Assert.That(medians[1].X, Is.EqualTo(20).Within(1e-9)); // nearest rank of four: the second
        Assert.That(medians.Select(p => p.Y), Is.All.EqualTo(0.5));
        Assert.That(chart.X.Label, Does.Contain("milliseconds"));
    }

    [TestCase(8.0, 1.0)]
    [TestCase(40.0, null)]
    public void Hops_TickEveryWholeHopWhileFew(double most, double? step)
    {
        var m = MetricComparison.Of("hops", "hop count", "", 1, [1, 2, most], [1, 2, 3], 0.01);
        var chart = CompareCharts.Hops(m, "loopback").Panels.Single();
        Assert.That(chart.X.TickStep, Is.EqualTo(step));
        Assert.That(chart.Series.Where(s => s.Legend != null).Select(s => s.Points[^1].Y), Is.All.EqualTo(1.0));
    }

    [Test]
    public void Degrees_WithNoLinkOnEitherSide_SaysSo()
    {
        var m = MetricComparison.Of("degree", "degree", "", 1, [0, 0], [0], 0.01);
        Assert.That(CompareCharts.Degrees(m, "loopback").Panels.Single().EmptyMessage, Is.EqualTo("no peer with a link at the end"));
    }

    [Test]
    public void EachOverlay_RendersAPngAndAnSvg()
    {
        var figures = new[]
        {
            CompareCharts.Degrees(MetricComparison.Of("degree", "degree", "", 1, SimDegrees, RealDegrees, 0.01), "loopback"),
            CompareCharts.Hops(MetricComparison.Of("hops", "hop count", "", 1, [1, 2, 2, 3], [1, 1, 2], 0.01), "loopback"),
            CompareCharts.Latency(MetricComparison.Of("latency", "latency", "ms", 1000, [0.001, 0.004], [0.002, 0.009], 0.01), "loopback", "Latency"),
        };
        foreach (var figure in figures)
        {
            byte[] png = ChartRenderer.Png(figure);
            Assert.That(png.Take(4), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }));
            Assert.That(XDocument.Parse(ChartRenderer.Svg(figure)).Root!.Name.LocalName, Is.EqualTo("svg"));
        }
    }
}

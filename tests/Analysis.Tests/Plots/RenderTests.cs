using System.Xml.Linq;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.PowerLaw;
using GossipSim.Analysis.Trace;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.Plots;

/// <summary>ScottPlot turns every plot into a PNG and an SVG (no outside tool).</summary>
public class RenderTests
{
    private static readonly byte[] PngMagic = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static IEnumerable<TestCaseData> Figures()
    {
        var degrees = BarabasiAlbert.Degrees(800, 2, new Rng(5));
        var fit = PowerLawFitter.Fit(degrees, new PowerLawFitOptions { BootstrapSamples = 0 });
        yield return new TestCaseData(DegreePlot.Figure(degrees, fit)).SetName("Degree");
        yield return new TestCaseData(DegreePlot.Figure([], null)).SetName("DegreeEmpty");
        yield return new TestCaseData(LatencyPlot.Figure([new LatencySeries("all", [0.1, 0.2, 0.25, 0.9])])).SetName("Latency");
        yield return new TestCaseData(LatencyPlot.Figure([])).SetName("LatencyEmpty");
        yield return new TestCaseData(FailureTimelinePlot.Figure([new FailureRow("10.1.0.9:7000", "peer", 35, 74.1, 77.1, 80.2)],
            [new NetworkWindow(NetworkCondition.Loss, 10, 20, "rate 0.1")], [new NodeRestart("10.1.0.9:7000", 90)])).SetName("Failures");
        yield return new TestCaseData(FailureTimelinePlot.Figure([])).SetName("FailuresEmpty");
    }

    [TestCaseSource(nameof(Figures))]
    public void WritesAValidPngAndSvg(Figure figure)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"render-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string svg = ChartRenderer.Save(figure, Path.Combine(dir, "plot"));
            byte[] png = File.ReadAllBytes(Path.Combine(dir, "plot.png"));
            Assert.That(png.Take(8), Is.EqualTo(PngMagic));
            var root = XDocument.Load(Path.Combine(dir, "plot.svg")).Root!;
            Assert.That(root.Name.LocalName, Is.EqualTo("svg"));
            Assert.That(root.Attribute("width")!.Value, Is.EqualTo(figure.Width.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(root.Attribute("viewBox")!.Value, Is.EqualTo($"0 0 {figure.Width} {figure.Height}"));
            Assert.That(XElement.Parse(ChartRenderer.InlineSvg(svg)).Name.LocalName, Is.EqualTo("svg"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void InlineSvg_DropsTheXmlDeclarationAndRefusesOtherMarkup()
    {
        Assert.That(ChartRenderer.InlineSvg("<?xml version=\"1.0\"?>\n<svg/>"), Is.EqualTo("<svg/>\n"));
        Assert.Throws<ArgumentException>(() => ChartRenderer.InlineSvg("<html/>"));
    }
}

using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Plots.Svg;

namespace GossipSim.Analysis.Tests.Plots;

public class PngConverterTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), $"png-{Guid.NewGuid():N}"));

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string WriteSvg()
    {
        var doc = new SvgDocument(120, 80, "t");
        doc.Rect(10, 10, 50, 30, "#0072B2");
        doc.Text(10, 70, "10", new TextStyle());
        string path = Path.Combine(_dir, "chart.svg");
        SvgDocument.Save(doc.ToSvg(), path);
        return path;
    }

    [Test]
    public void WithoutTheTool_ReturnsFalseAndSaysWhatToInstall()
    {
        string svg = WriteSvg();
        bool ok = PngConverter.TryConvert(svg, toolPath: null, out string reason);
        Assert.That(ok, Is.False);
        Assert.That(reason, Does.Contain("rsvg-convert is not installed").And.Contain("librsvg2-bin"));
        Assert.That(File.Exists(Path.ChangeExtension(svg, ".png")), Is.False);
    }

    [Test]
    public void MissingSvg_ReturnsFalse()
    {
        Assert.That(PngConverter.TryConvert(Path.Combine(_dir, "none.svg"), "/bin/true", out string reason), Is.False);
        Assert.That(reason, Does.Contain("no such file"));
    }

    [Test]
    public void AFailingTool_ReturnsFalseWithItsExitCode()
    {
        string svg = WriteSvg();
        Assert.That(PngConverter.TryConvert(svg, "/bin/false", out string reason), Is.False);
        Assert.That(reason, Does.Contain("exit 1"));
    }

    [Test]
    public void WithTheTool_WritesAPngBesideTheSvg()
    {
        string? tool = PngConverter.FindTool();
        if (tool == null) Assert.Ignore("rsvg-convert is not installed here");
        string svg = WriteSvg();
        Assert.That(PngConverter.TryConvert(svg, tool, out string reason), Is.True, reason);
        var png = File.ReadAllBytes(Path.ChangeExtension(svg, ".png"));
        Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
    }
}

using System.Xml.Linq;
using GossipSim.Analysis.Plots.Svg;

namespace GossipSim.Analysis.Tests.Plots;

public class SvgDocumentTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Test]
    public void Document_IsWellFormedSvgWithSizeAndViewBox()
    {
        var doc = new SvgDocument(300, 200, "t");
        doc.Line(0, 0, 10, 10, "#000");
        var root = XElement.Parse(doc.ToSvg());
        Assert.That(root.Name, Is.EqualTo(Svg + "svg"));
        Assert.That(root.Attribute("width")!.Value, Is.EqualTo("300"));
        Assert.That(root.Attribute("viewBox")!.Value, Is.EqualTo("0 0 300 200"));
        Assert.That(root.Elements(Svg + "line").Count(), Is.EqualTo(1));
    }

    [Test]
    public void Text_IsEscaped()
    {
        var doc = new SvgDocument(100, 100, "t");
        doc.Text(1, 2, "a < b & \"c\" > 'd'\u0001", new TextStyle());
        var text = XElement.Parse(doc.ToSvg()).Element(Svg + "text")!;
        Assert.That(text.Value, Is.EqualTo("a < b & \"c\" > 'd'"));
    }

    [Test]
    public void Superscript_IsARaisedSmallerTspan()
    {
        var doc = new SvgDocument(100, 100, "t");
        doc.RichText(5, 5, new TextStyle(), ("10", "\u22123"));
        var text = XElement.Parse(doc.ToSvg()).Element(Svg + "text")!;
        var sup = text.Element(Svg + "tspan")!;
        Assert.That(sup.Value, Is.EqualTo("\u22123"));
        Assert.That(sup.Attribute("dy")!.Value, Does.StartWith("-"));
        Assert.That(sup.Attribute("font-size")!.Value, Is.EqualTo("75%"));
        Assert.That(text.Value, Is.EqualTo("10\u22123"));
    }

    [Test]
    public void Numbers_UseInvariantFormatWithTwoDecimals()
    {
        Assert.That(SvgDocument.Num(1.23456), Is.EqualTo("1.23"));
        Assert.That(SvgDocument.Num(-0.001), Is.EqualTo("0"));
        Assert.That(SvgDocument.Num(1500), Is.EqualTo("1500"));
        Assert.Throws<ArgumentException>(() => SvgDocument.Num(double.NaN));
    }

    [Test]
    public void ClipGroups_GetPrefixedIdsAndMustBeClosed()
    {
        var doc = new SvgDocument(100, 100, "chart-a");
        doc.BeginClip(0, 0, 50, 50);
        Assert.Throws<InvalidOperationException>(() => doc.ToSvg());
        doc.EndGroup();
        var root = XElement.Parse(doc.ToSvg());
        var clip = root.Descendants(Svg + "clipPath").Single();
        Assert.That(clip.Attribute("id")!.Value, Is.EqualTo("chart-a-clip0"));
        Assert.That(root.Element(Svg + "g")!.Attribute("clip-path")!.Value, Is.EqualTo("url(#chart-a-clip0)"));
        Assert.Throws<InvalidOperationException>(() => doc.EndGroup());
    }

    [Test]
    public void BadIdPrefix_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new SvgDocument(10, 10, "1bad"));
        Assert.Throws<ArgumentException>(() => new SvgDocument(10, 10, "has space"));
    }

    [Test]
    public void Save_AddsTheXmlDeclaration()
    {
        string path = Path.Combine(Path.GetTempPath(), $"svgtest-{Guid.NewGuid():N}.svg");
        try
        {
            SvgDocument.Save(new SvgDocument(10, 10, "t").ToSvg(), path);
            string text = File.ReadAllText(path);
            Assert.That(text, Does.StartWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg"));
            Assert.DoesNotThrow(() => XDocument.Parse(text));
        }
        finally { File.Delete(path); }
    }
}

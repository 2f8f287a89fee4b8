using System.Xml.Linq;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.PowerLaw;
using GossipSim.Engine.Core;

namespace GossipSim.Analysis.Tests.Plots;

public class ChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static List<string> Texts(string svg) => XElement.Parse(svg).Descendants(Svg + "text").Select(t => t.Value).ToList();

    [Test]
    public void DegreePlot_ShowsDataFitLegendAndDecadeLabels()
    {
        var degrees = BarabasiAlbert.Degrees(3000, 2, new Rng(1));
        var fit = PowerLawFitter.Fit(degrees, new PowerLawFitOptions { BootstrapSamples = 0 });
        string svg = DegreePlot.Render(degrees, fit);
        var root = XElement.Parse(svg);
        var texts = Texts(svg);

        Assert.That(texts, Has.Some.Contains($"xmin = {fit.Xmin}"));
        Assert.That(texts, Has.Some.Contains("α = "));
        Assert.That(texts, Has.Some.Contains("KS D = "));
        Assert.That(texts, Has.Some.Contains("p not computed"));
        Assert.That(texts, Has.Some.EqualTo("degree k (links)"));
        Assert.That(texts, Has.Some.EqualTo("P(K ≥ k)"));
        Assert.That(texts, Has.Some.EqualTo("10\u22121"));
        // One hollow circle per distinct degree in the CCDF (plus the legend's).
        int distinct = degrees.Distinct().Count();
        Assert.That(root.Descendants(Svg + "circle").Count(), Is.EqualTo(distinct + 1));
        // The fitted line in both panels.
        Assert.That(root.Descendants(Svg + "polyline").Count(), Is.EqualTo(2));
    }

    [Test]
    public void DegreePlot_LeavesOutZerosAndSaysSo()
    {
        string svg = DegreePlot.Render(new long[] { 0, 0, 1, 2, 3, 5, 8 }, null);
        Assert.That(Texts(svg), Has.Some.Contains("2 with degree 0 not shown"));
    }

    [Test]
    public void DegreePlot_WithNoPositiveDegree_SaysSo()
    {
        Assert.That(Texts(DegreePlot.Render(Array.Empty<long>(), null)), Has.Some.EqualTo("no peer with a positive degree"));
    }

    [Test]
    public void EmpiricalCcdf_IsTheShareAtOrAbove()
    {
        var points = DegreePlot.EmpiricalCcdf(new long[] { 1, 1, 2, 4 });
        Assert.That(points, Is.EqualTo(new[] { (1.0, 1.0), (2.0, 0.5), (4.0, 0.25) }));
    }

    [Test]
    public void LogBinnedPdf_IntegratesToOne()
    {
        var data = new DiscretePowerLawSampler(2.5, 1).Sample(5000, new Rng(3));
        Array.Sort(data);
        var bins = DegreePlot.LogBinnedPdf(data);
        // Rebuild each bin's integer width from the same edge rule and sum density × width.
        double ratio = Math.Pow(10, 0.1), total = 0;
        long lo = data[0];
        int b = 0;
        while (b < bins.Count && lo <= data[^1])
        {
            long hi = Math.Max(lo + 1, (long)Math.Ceiling(lo * ratio));
            double centre = Math.Sqrt((double)lo * (hi - 1));
            if (Math.Abs(bins[b].X - centre) < 1e-9) { total += bins[b].Y * (hi - lo); b++; }
            lo = hi;
        }
        Assert.That(b, Is.EqualTo(bins.Count));
        Assert.That(total, Is.EqualTo(1).Within(1e-9));
    }

    [Test]
    public void LatencyPlot_MarksPercentilesPerSeriesInTheLegend()
    {
        var before = Enumerable.Range(1, 100).Select(i => i / 100.0).ToArray(); // 0.01 .. 1.00
        var after = Enumerable.Range(1, 10).Select(i => 2.0 * i).ToArray();
        string svg = LatencyPlot.Render(new[] { new LatencySeries("before crash", before), new LatencySeries("after removal", after) });
        var texts = Texts(svg);
        Assert.That(texts, Has.Some.EqualTo("before crash (n = 100): p50 500 ms, p90 900 ms, p99 990 ms"));
        Assert.That(texts, Has.Some.EqualTo("after removal (n = 10): p50 10.00 s, p90 18.00 s, p99 20.00 s"));
        Assert.That(texts, Has.Some.EqualTo("time from creation to first receipt (s)"));
        Assert.That(XElement.Parse(svg).Descendants(Svg + "polyline").Count(), Is.EqualTo(2));
    }

    [Test]
    public void LatencyPlot_WithNoDeliveries_SaysSo()
    {
        Assert.That(Texts(LatencyPlot.Render(Array.Empty<LatencySeries>())), Has.Some.EqualTo("no deliveries recorded"));
    }

    [Test]
    public void StepCdf_EndsAtOneAndNeverDecreases()
    {
        var xs = Enumerable.Range(0, 50_000).Select(i => Math.Sqrt(i % 977)).OrderBy(x => x).ToArray();
        var points = LatencyPlot.StepCdf(xs);
        Assert.That(points.Count, Is.LessThan(5000));
        Assert.That(points[^1].Y, Is.EqualTo(1));
        for (int i = 1; i < points.Count; i++)
        {
            Assert.That(points[i].X, Is.GreaterThanOrEqualTo(points[i - 1].X));
            Assert.That(points[i].Y, Is.GreaterThanOrEqualTo(points[i - 1].Y));
        }
    }

    [TestCase(0.5, 3.0)]
    [TestCase(0.9, 5.0)]
    [TestCase(1.0, 5.0)]
    [TestCase(0.2, 1.0)]
    public void Percentiles_AreNearestRank(double q, double expected)
    {
        Assert.That(Percentiles.Of(new double[] { 1, 2, 3, 4, 5 }, q), Is.EqualTo(expected));
    }

    [Test]
    public void FailureTimeline_HasOneRowPerFailureWithMarkersForWhatHappened()
    {
        var rows = new[]
        {
            new FailureRow("10.1.0.9:7000", "peer", 35, 74.1, 77.1, 80.2),
            new FailureRow("10.1.0.4:7000", "peer", 35, null, null, null),
            new FailureRow("10.0.0.1:7000", "seed", 50, null, null, null),
        };
        string svg = FailureTimelinePlot.Render(rows);
        var texts = Texts(svg);
        Assert.That(texts, Has.Some.EqualTo("10.1.0.9:7000 (peer)"));
        Assert.That(texts, Has.Some.EqualTo("crash 35.0 s → suspected +39.1 s"));
        Assert.That(texts, Has.Some.EqualTo("reported +42.1 s → removed +45.2 s"));
        Assert.That(texts, Has.Some.EqualTo("crash 35.0 s → not suspected"));
        Assert.That(texts, Has.Some.EqualTo("(a seed: peers do not remove seeds)"));
        var root = XElement.Parse(svg);
        // Suspicion circles: one in the first row plus the legend's.
        Assert.That(root.Descendants(Svg + "circle").Count(), Is.EqualTo(2));
        Assert.That(root.Attribute("height")!.Value, Is.EqualTo(FailureTimelinePlot.HeightFor(3).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void FailureTimeline_WithNoFailures_SaysSo()
    {
        Assert.That(Texts(FailureTimelinePlot.Render(Array.Empty<FailureRow>())), Has.Some.EqualTo("no failure was injected in this run"));
    }

    [Test]
    public void Charts_AreDeterministic()
    {
        var degrees = BarabasiAlbert.Degrees(500, 2, new Rng(9));
        Assert.That(DegreePlot.Render(degrees, null), Is.EqualTo(DegreePlot.Render(degrees, null)));
    }
}

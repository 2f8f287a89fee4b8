using GossipSim.Analysis.Plots;
using GossipSim.Analysis.PowerLaw;
using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Trace;
using GossipSim.Engine.Core;
using ScottPlot;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.Plots;

/// <summary>What each plot is given to draw: its chart model, built by pure functions.</summary>
public class ChartTests
{
    private static PowerLawFit FitOf(long[] degrees) => PowerLawFitter.Fit(degrees, new PowerLawFitOptions { BootstrapSamples = 0 });

    [Test]
    public void DegreeCcdf_FittedLineStartsAtXminAndLiesOnTheData()
    {
        var degrees = BarabasiAlbert.Degrees(3000, 2, new Rng(1));
        var fit = FitOf(degrees);
        var figure = DegreePlot.Figure(degrees, fit);
        var ccdf = figure.Panels[0];
        var line = ccdf.Series.Single(s => s.LineWidth > 0 && s.Points.Count > 0);
        Assert.That(line.Points[0].X, Is.EqualTo(fit.Xmin));
        // At xmin the line is the tail's share of nodes: P(K ≥ xmin) of the data.
        Assert.That(line.Points[0].Y, Is.EqualTo((double)fit.NTail / fit.N).Within(1e-9));
        var data = ccdf.Series.Single(s => s.Marker == MarkerShape.OpenCircle);
        Assert.That(data.Points, Is.EqualTo(DegreePlot.EmpiricalCcdf(degrees.OrderBy(d => d).ToArray())));
        Assert.That(ccdf.Rules.Single().At, Is.EqualTo(fit.Xmin));
        Assert.That(ccdf.X.Scale, Is.EqualTo(AxisScale.Log));
        Assert.That(ccdf.Y.Scale, Is.EqualTo(AxisScale.Log));
        Assert.That(ccdf.X.Label, Is.EqualTo("degree k (links)"));
        Assert.That(ccdf.LegendTexts, Has.Some.Contains($"xmin = {fit.Xmin}").And.Some.Contains("KS D = ").And.Some.Contains("p not computed"));
    }

    [Test]
    public void DegreePdf_FittedPmfStartsAtXmin()
    {
        var degrees = BarabasiAlbert.Degrees(3000, 2, new Rng(2));
        var fit = FitOf(degrees);
        var pdf = DegreePlot.Figure(degrees, fit).Panels[1];
        Assert.That(pdf.Series.Single(s => s.LineWidth > 0 && s.Points.Count > 0).Points[0].X, Is.EqualTo(fit.Xmin));
        Assert.That(pdf.Series.Single(s => s.Marker == MarkerShape.FilledSquare).Points,
            Is.EqualTo(DegreePlot.LogBinnedPdf(degrees.OrderBy(d => d).ToArray())));
    }

    [Test]
    public void DegreePlot_LeavesOutZerosAndSaysSo()
    {
        var ccdf = DegreePlot.Figure(new long[] { 0, 0, 1, 2, 3, 5, 8 }, null).Panels[0];
        Assert.That(ccdf.LegendTexts, Has.Some.Contains("2 with degree 0 not shown"));
        Assert.That(ccdf.Series.SelectMany(s => s.Points).Select(p => p.X), Has.None.EqualTo(0.0));
    }

    [Test]
    public void DegreePlot_WithNoPositiveDegree_SaysSo()
    {
        Assert.That(DegreePlot.Figure(Array.Empty<long>(), null).Panels.Select(p => p.EmptyMessage), Is.All.EqualTo("no peer with a positive degree"));
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
    public void Latency_QuantileMarkersSitAtTheSamplesPercentiles()
    {
        var before = Enumerable.Range(1, 100).Select(i => i / 100.0).Reverse().ToArray(); // 0.01 .. 1.00, unsorted
        var after = Enumerable.Range(1, 10).Select(i => 2.0 * i).ToArray();
        var chart = LatencyPlot.Chart([new LatencySeries("before crash", before), new LatencySeries("after removal", after)]);
        Assert.That(chart.LegendTexts, Has.Some.EqualTo("before crash (n = 100): p50 500 ms, p90 900 ms, p99 990 ms"));
        Assert.That(chart.LegendTexts, Has.Some.EqualTo("after removal (n = 10): p50 10.00 s, p90 18.00 s, p99 20.00 s"));
        var markers = chart.Series.Where(s => s.Points.Count == 1).SelectMany(s => s.Points).ToList();
        Assert.That(markers, Is.EquivalentTo(new[] { (0.5, 0.5), (0.9, 0.9), (0.99, 0.99), (10.0, 0.5), (18.0, 0.9), (20.0, 0.99) }));
        Assert.That(chart.Rules.Select(r => r.At), Is.EqualTo(LatencyPlot.Marked));
        Assert.That(chart.X.Label, Is.EqualTo("time from creation to first receipt (s)"));
    }

    [TestCase(new[] { 5.0 }, 5.0, 5.0, 5.0)]
    [TestCase(new[] { 1.0, 2, 3, 4 }, 2.0, 4.0, 4.0)]
    public void Latency_MarksAreNearestRankPercentiles(double[] sorted, double p50, double p90, double p99)
    {
        Assert.That(LatencyPlot.Marks(sorted).Select(m => m.Value), Is.EqualTo(new[] { p50, p90, p99 }));
    }

    [Test]
    public void Latency_WithNoDeliveries_SaysSo()
    {
        Assert.That(LatencyPlot.Chart([]).EmptyMessage, Is.EqualTo("no deliveries recorded"));
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

    private static readonly FailureRow[] Rows =
    [
        new("10.1.0.9:7000", "peer", 35, 74.1, 77.1, 80.2),
        new("10.1.0.4:7000", "peer", 35, null, null, null),
        new("10.0.0.1:7000", "seed", 50, null, null, null),
    ];

    [Test]
    public void FailureTimeline_HasOneRowPerFailureWithAMarkerForEachObservedStage()
    {
        var chart = FailureTimelinePlot.Chart(Rows, [], []);
        Assert.That(chart.YTicks!.Select(t => t.Label), Is.EqualTo(new[] { "10.1.0.9:7000 (peer)", "10.1.0.4:7000 (peer)", "10.0.0.1:7000 (seed)" }));
        var top = FailureTimelinePlot.RowY(0, 3);
        Assert.That(Stage(chart, "crash"), Is.EqualTo(new[] { (35.0, top), (35.0, FailureTimelinePlot.RowY(1, 3)), (50.0, FailureTimelinePlot.RowY(2, 3)) }));
        Assert.That(Stage(chart, "first suspicion"), Is.EqualTo(new[] { (74.1, top) }));
        Assert.That(Stage(chart, "dead report"), Is.EqualTo(new[] { (77.1, top) }));
        Assert.That(Stage(chart, "removal by seeds"), Is.EqualTo(new[] { (80.2, top) }));
        var notes = chart.Notes.Select(n => n.Text).ToList();
        Assert.That(notes, Does.Contain("crash 35.0 s → suspected +39.1 s").And.Contain("reported +42.1 s → removed +45.2 s")
            .And.Contain("crash 35.0 s → not suspected").And.Contain("(a seed: peers do not remove seeds)"));
        // The notes are right of every event, inside the axis.
        Assert.That(chart.Notes.Select(n => n.X), Is.All.GreaterThan(80.2).And.All.LessThan(chart.X.Max!.Value));
    }

    private static IEnumerable<(double, double)> Stage(Chart chart, string name) => chart.Series.Single(s => s.Legend == name).Points;

    [Test]
    public void FailureTimeline_ShadesNetworkFaultsAndMarksRestartsOnTheirRow()
    {
        var windows = new[]
        {
            new NetworkWindow(NetworkCondition.Partition, 20, 30, "[a] | [b]"),
            new NetworkWindow(NetworkCondition.Loss, 40, 60, "rate 0.1"),
            new NetworkWindow(NetworkCondition.Loss, 70, 75, "rate 0.2"),
        };
        var chart = FailureTimelinePlot.Chart(Rows, windows, [new NodeRestart("10.1.0.4:7000", 90), new NodeRestart("10.9.9.9:7000", 95)]);
        Assert.That(chart.Spans.Select(s => (s.From, s.To)), Is.EqualTo(new[] { (20.0, 30.0), (40.0, 60.0), (70.0, 75.0) }));
        Assert.That(chart.Spans.Select(s => s.Legend), Is.EqualTo(new[] { "network partition", "message loss", null }));
        Assert.That(chart.Notes.Select(n => n.Text), Does.Contain("rate 0.2"));
        Assert.That(chart.Series.Single(s => s.Legend == "restart").Points, Is.EqualTo(new[] { (90.0, FailureTimelinePlot.RowY(1, 3)) }));
        // The restarted node's row runs on to its restart.
        Assert.That(chart.Series.Where(s => s.Legend == null && s.LineWidth > 0).Select(s => s.Points[^1].X), Is.EqualTo(new[] { 80.2, 90, 50 }));
        Assert.That(chart.Rules.Single().At, Is.EqualTo(95)); // a node with no crash row: a line across the plot
    }

    [Test]
    public void FailureTimeline_WithNoFailures_SaysWhatThereWas()
    {
        Assert.That(FailureTimelinePlot.Chart([], [], []).EmptyMessage, Is.EqualTo("no failure was injected in this run"));
        var partitioned = FailureTimelinePlot.Chart([], [new NetworkWindow(NetworkCondition.Partition, 1, 2, "")], []);
        Assert.That(partitioned.EmptyMessage, Is.EqualTo("no node crashed in this run"));
        Assert.That(partitioned.Spans, Has.Count.EqualTo(1));
    }
}

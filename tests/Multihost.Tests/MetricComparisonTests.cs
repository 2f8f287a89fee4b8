using GossipSim.Scenarios.Compare;

namespace GossipSim.Multihost.Tests;

public class MetricComparisonTests
{
    [Test]
    public void Verdict_WhenRealIsSlower_SaysRealIsHigherWithBothMedians()
    {
        var sim = Enumerable.Range(0, 201).Select(i => 0.001 + i * 1e-5).ToArray();
        var real = Enumerable.Range(0, 201).Select(i => 0.004 + i * 1e-5).ToArray();
        var m = MetricComparison.Of("latency", "latency", "ms", 1000, sim, real, 0.01);
        Assert.That(m.Differs, Is.True);
        Assert.That(m.Direction, Is.GreaterThan(0));
        Assert.That(m.Verdict, Does.StartWith("latency: differ, real latency is higher: median 5 ms vs 2 ms"));
    }

    [Test]
    public void Verdict_WhenRealIsLower_SaysSo()
    {
        var m = MetricComparison.Of("hops", "hop count", "", 1, Enumerable.Repeat(3.0, 100).ToArray(), Enumerable.Repeat(2.0, 100).ToArray(), 0.01);
        Assert.That(m.Verdict, Does.StartWith("hop count: differ, real hop count is lower: median 2 vs 3"));
    }

    [Test]
    public void Verdict_WhenMediansTie_NamesTheMeans()
    {
        var sim = Enumerable.Repeat(2.0, 80).Concat(Enumerable.Repeat(1.0, 20)).ToArray();
        var real = Enumerable.Repeat(2.0, 60).Concat(Enumerable.Repeat(5.0, 40)).ToArray();
        var m = MetricComparison.Of("hops", "hop count", "", 1, sim, real, 0.01);
        Assert.That(m.Differs, Is.True);
        Assert.That(m.Verdict, Does.Contain("real hop count is higher: mean 3.2 vs 1.8 (medians both 2)"));
    }

    [Test]
    public void Verdict_WhenConsistent_SaysNoSignificantDifference()
    {
        var a = Enumerable.Range(0, 50).Select(i => (double)(i % 7)).ToArray();
        var b = Enumerable.Range(3, 50).Select(i => (double)(i % 7)).ToArray();
        var m = MetricComparison.Of("degree", "degree", "", 1, a, b, 0.01);
        Assert.That(m.Differs, Is.False);
        Assert.That(m.Verdict, Does.StartWith("degree: no significant difference at α = 0.01 (D = "));
    }

    [Test]
    public void Report_VerdictLine_ListsWhatAgreesAndWhatDiffers()
    {
        var same = MetricComparison.Of("degree", "degree", "", 1, new double[] { 1, 2, 3, 4 }, new double[] { 1, 2, 3, 4 }, 0.01);
        var slower = MetricComparison.Of("latency", "latency", "ms", 1000,
            Enumerable.Repeat(0.001, 100).ToArray(), Enumerable.Repeat(0.004, 100).ToArray(), 0.01);
        var report = new CompareReport
        {
            Scenario = "x", Bed = "b", RealName = "real nodes", Seed = 1, SimLatencyModel = "m", RealLatencyModel = "m",
            LatencyNote = "n", Metrics = new[] { same, slower }, Alpha = 0.01,
        };
        Assert.That(report.VerdictLine, Is.EqualTo("verdict: the simulator and real nodes agree on degree; they differ on latency: real is higher, median 4 ms vs 1 ms (D = 1.000)"));
        Assert.That(report.ToJson(), Does.Contain("\"D\": 1"));
        Assert.That(report.ToMarkdown(), Does.Contain("| latency | 100 | 100 | 1 ms | 4 ms |"));
    }
}

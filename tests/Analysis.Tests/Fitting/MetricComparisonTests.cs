using GossipSim.Engine.Vocabulary;
using GossipSim.Analysis.Fitting;

namespace GossipSim.Analysis.Tests.Fitting;

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
        Assert.That(m.Verdict, Does.StartWith("degree: no significant difference at α = 0.01 by the naive KS test (D = "));
    }

    /// <summary>Runs of a clustered model: each message's deliveries share one factor, the dependence real deliveries have.</summary>
    private static double[] ClusteredRun(Rng rng, int messages, int copies, double level = 1) =>
        Enumerable.Range(0, messages).SelectMany(_ =>
        {
            double factor = Math.Exp(0.5 * rng.NextGaussian());
            return Enumerable.Range(0, copies).Select(_ => level * factor * Math.Exp(0.3 * rng.NextGaussian())).ToArray();
        }).ToArray();

    [Test]
    public void WithModelRuns_TheMonteCarloTestDecides_WhereTheNaiveOneRejects()
    {
        var rng = new Rng(21);
        var real = ClusteredRun(rng, 30, 20);
        var runs = Enumerable.Range(0, 99).Select(_ => (IReadOnlyCollection<double>)ClusteredRun(rng, 30, 20)).ToList();
        var sim = ClusteredRun(rng, 30, 20);
        var naive = MetricComparison.Of("latency", "latency", "ms", 1000, sim, real, 0.01);
        var mc = MetricComparison.Of("latency", "latency", "ms", 1000, sim, real, 0.01, runs);
        Assume.That(naive.Differs, Is.True, "this seed's naive test must reject for the comparison to say something");
        Assert.That(mc.RunToRun!.PValue, Is.GreaterThan(0.01));
        Assert.That(mc.Differs, Is.False);
        Assert.That(mc.Verdict, Does.StartWith("latency: no significant difference at α = 0.01 by the Monte Carlo test (D = "));
        Assert.That(mc.Verdict, Does.Contain("against the pool of the model's 99 runs at other seeds, Monte Carlo p = "));
    }

    [Test]
    public void WithModelRuns_ARealRunAtAHigherLevel_Differs()
    {
        var rng = new Rng(4);
        var real = ClusteredRun(rng, 300, 10, level: 1.2);
        var runs = Enumerable.Range(0, 99).Select(_ => (IReadOnlyCollection<double>)ClusteredRun(rng, 300, 10)).ToList();
        var mc = MetricComparison.Of("latency", "latency", "ms", 1000, ClusteredRun(rng, 300, 10), real, 0.01, runs);
        Assert.That(mc.Differs, Is.True);
        Assert.That(mc.Verdict, Does.StartWith("latency: differ, real latency is higher"));
        Assert.That(mc.Verdict, Does.Contain("Monte Carlo p = 0.01: "));
    }
}

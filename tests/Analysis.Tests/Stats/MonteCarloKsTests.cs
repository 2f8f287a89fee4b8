using GossipSim.Analysis.Stats;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.Stats;

public class MonteCarloKsTests
{
    // p = (1 + #{b: D_b ≥ observed}) / (B + 1); a tie counts against the real run.
    [TestCase(0.5, new[] { 0.1, 0.2, 0.3, 0.4 }, 0.2)]        // every run nearer: the least p
    [TestCase(0.05, new[] { 0.1, 0.2, 0.3, 0.4 }, 1.0)]       // every run farther: 1
    [TestCase(0.25, new[] { 0.1, 0.2, 0.3, 0.4 }, 0.6)]       // two farther
    [TestCase(0.3, new[] { 0.1, 0.3, 0.3, 0.4 }, 0.8)]        // ties count as farther
    [TestCase(0.3, new[] { 0.3 }, 1.0)]
    public void PValue_RanksTheRealRunAmongTheModelsRuns(double observed, double[] runDs, double expected) =>
        Assert.That(MonteCarloKs.PValue(observed, runDs), Is.EqualTo(expected).Within(1e-12));

    [TestCase(0.01, 99)]
    [TestCase(0.05, 19)]
    [TestCase(0.1, 9)]
    [TestCase(0.03, 33)]
    public void MinRuns_IsWhatLetsTheLeastPReachAlpha(double alpha, int expected)
    {
        Assert.That(MonteCarloKs.MinRuns(alpha), Is.EqualTo(expected));
        Assert.That(1.0 / (expected + 1), Is.LessThanOrEqualTo(alpha + 1e-12));
    }

    [Test]
    public void Test_WithTooFewRunsToReject_Refuses()
    {
        var runs = Enumerable.Range(0, 50).Select(i => (IReadOnlyCollection<double>)new double[] { i, i + 1 }).ToList();
        var ex = Assert.Throws<ArgumentException>(() => MonteCarloKs.Test(new double[] { 1, 2 }, runs, 0.01));
        Assert.That(ex!.Message, Does.Contain("at least 99"));
    }

    // Tiny pools where the pool of the others can be written out: the walk over the whole pool gives the plain KS D.
    [TestCase(new[] { 1.0, 2, 3 }, new[] { 4.0, 5, 6 })]
    [TestCase(new[] { 1.0, 1, 2 }, new[] { 1.0, 2, 2, 2 })]
    [TestCase(new[] { 5.0 }, new[] { 1.0, 5, 9 })]
    [TestCase(new[] { 2.0, 2, 2 }, new[] { 2.0, 2 })]
    [TestCase(new[] { 0.5, 3, 7, 7 }, new[] { 1.0, 3, 3, 8, 9 })]
    public void LeaveOneOutD_IsTheKsDAgainstThePoolOfTheOthers(double[] run, double[] others)
    {
        var pool = run.Concat(others).OrderBy(v => v).ToArray();
        double expected = KolmogorovSmirnov.TwoSample(run, others).D;
        Assert.That(MonteCarloKs.LeaveOneOutD(pool, run.OrderBy(v => v).ToArray()), Is.EqualTo(expected).Within(1e-12));
    }

    /// <summary>
    /// One run of a clustered model: <paramref name="messages"/> messages, each delivered
    /// <paramref name="copies"/> times, all its deliveries times one log-normal factor (sigma 0.5):
    /// the dependence real deliveries of one message have.
    /// </summary>
    private static double[] ClusteredRun(Rng rng, int messages, int copies, double level = 1)
    {
        var values = new double[messages * copies];
        for (int m = 0; m < messages; m++)
        {
            double factor = Math.Exp(0.5 * rng.NextGaussian());
            for (int c = 0; c < copies; c++) values[m * copies + c] = level * factor * Math.Exp(0.3 * rng.NextGaussian());
        }
        return values;
    }

    private static List<IReadOnlyCollection<double>> Runs(Rng rng, int count, int messages, int copies) =>
        Enumerable.Range(0, count).Select(_ => (IReadOnlyCollection<double>)ClusteredRun(rng, messages, copies)).ToList();

    [Test]
    public void ModelAgainstItself_IsRejectedAtAboutAlpha_WhileTheNaiveKsRejectsMost()
    {
        // 200 "real" runs, each one more run of the model, each against 19 other runs at α = 0.05.
        var rng = new Rng(11);
        int monteCarloRejects = 0, naiveRejects = 0, n = 200;
        for (int i = 0; i < n; i++)
        {
            var real = ClusteredRun(rng, 30, 20);
            var runs = Runs(rng, 19, 30, 20);
            var result = MonteCarloKs.Test(real, runs, 0.05);
            if (!result.Agrees) monteCarloRejects++;
            var pool = runs.SelectMany(r => r).ToArray();
            if (KolmogorovSmirnov.TwoSample(real, pool).PValue < 0.05) naiveRejects++;
        }
        TestContext.Out.WriteLine($"of {n}: Monte Carlo rejects {monteCarloRejects}, naive KS {naiveRejects}");
        Assert.That(monteCarloRejects, Is.InRange(n * 2 / 100, n * 10 / 100));
        Assert.That(naiveRejects, Is.GreaterThan(n / 2));
    }

    [Test]
    public void ModelAgainstItself_NaiveCountOfItsOwnRuns_IsMost()
    {
        var rng = new Rng(5);
        var result = MonteCarloKs.Test(ClusteredRun(rng, 30, 20), Runs(rng, 99, 30, 20), 0.01);
        TestContext.Out.WriteLine($"naive KS calls {result.NaiveRejections} of 99 runs different; p {result.PValue}");
        Assert.That(result.Runs, Is.EqualTo(99));
        Assert.That(result.NaiveRejections, Is.GreaterThan(50));
    }

    [Test]
    public void RealRunAtAFifthHigherLevel_IsRejected()
    {
        var rng = new Rng(3);
        for (int i = 0; i < 5; i++)
        {
            var result = MonteCarloKs.Test(ClusteredRun(rng, 300, 10, level: 1.2), Runs(rng, 99, 300, 10), 0.01);
            Assert.That(result.Agrees, Is.False, $"repetition {i}: D {result.D}, p {result.PValue}");
            Assert.That(result.PValue, Is.EqualTo(0.01));
        }
    }

    [Test]
    public void RealRunFromTheModel_KeepsDAsTheEffectSize()
    {
        var rng = new Rng(8);
        var real = ClusteredRun(rng, 30, 20);
        var runs = Runs(rng, 19, 30, 20);
        var result = MonteCarloKs.Test(real, runs, 0.05);
        Assert.That(result.D, Is.EqualTo(KolmogorovSmirnov.TwoSample(real, runs.SelectMany(r => r).ToArray()).D).Within(1e-12));
        Assert.That(result.RunDs, Has.Length.EqualTo(19));
    }
}

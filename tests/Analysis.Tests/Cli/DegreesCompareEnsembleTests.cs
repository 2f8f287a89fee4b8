using GossipSim.Analysis.Cli;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Stats;
using ScottPlot;

namespace GossipSim.Analysis.Tests.Cli;

public class DegreesCompareEnsembleTests
{
    // Two runs against three reference draws, small enough to work every figure by hand.
    private static readonly DegreeSample[] A = [new("a1", [1, 2, 2, 10]), new("a2", [1, 1, 3, 20])];
    private static readonly DegreeSample[] B = [new("b1", [1, 2, 3, 4]), new("b2", [2, 2, 5, 40]), new("b3", [1, 3, 3, 8])];

    private static DegreesCompareEnsemble Compare(params long[] tailAt) => DegreesCompareEnsemble.Of("runs", A, "ba", B, tailAt);

    [Test]
    public void Ks_IsOnThePooledDegrees()
    {
        var e = Compare();
        // Pooled A: 1 1 1 2 2 3 10 20 (8); pooled B: 1 1 2 2 2 3 3 3 4 5 8 40 (12).
        // The widest gap is at 1: F_A = 3/8, F_B = 2/12 (and again at 2: 5/8 against 5/12).
        Assert.That(e.Ks.D, Is.EqualTo(3.0 / 8 - 2.0 / 12).Within(1e-12));
        Assert.That(e.Ks.Lambda, Is.EqualTo(Math.Sqrt(8.0 * 12 / 20) * e.Ks.D).Within(1e-12));
        Assert.That(e.Ks.Critical05, Is.EqualTo(KolmogorovSmirnov.CriticalD(0.05, 8, 12)));
        Assert.That(e.Ks.PMethod, Does.StartWith("pooled"));
        Assert.That((e.A.PooledN, e.B.PooledN), Is.EqualTo((8L, 12L)));
        Assert.That(e.A.PooledMean, Is.EqualTo(40.0 / 8));
        Assert.That(e.B.PooledMean, Is.EqualTo(74.0 / 12));
    }

    [Test]
    public void EachSample_IsTestedAgainstTheOtherSidePooled()
    {
        var e = Compare();
        double[] poolA = [1, 1, 1, 2, 2, 3, 10, 20], poolB = [1, 1, 2, 2, 2, 3, 3, 3, 4, 5, 8, 40];
        var pA = A.Select(s => KolmogorovSmirnov.TwoSample(s.Sorted.Select(v => (double)v).ToArray(), poolB).PValue).ToList();
        var pB = B.Select(s => KolmogorovSmirnov.TwoSample(s.Sorted.Select(v => (double)v).ToArray(), poolA).PValue).ToList();
        Assert.That(e.EachA.P, Is.EqualTo(pA));
        Assert.That(e.EachB.P, Is.EqualTo(pB));
        Assert.That((e.EachA.PMin, e.EachA.PMax), Is.EqualTo((pA.Min(), pA.Max())));
        Assert.That(pB.Distinct().Count(), Is.GreaterThan(1), "the three draws differ from pool A by different gaps");
    }

    [Test]
    public void Tail_IsTheMeanShareOverASidesSamples_WithRangeAndCounts()
    {
        var t = Compare(3).Tails.Single();
        // At 3: a1 has 1 of 4 (10), a2 2 of 4 (3, 20); b1 2 of 4, b2 2 of 4, b3 3 of 4.
        Assert.That(t.A.P, Is.EqualTo(new Spread(0.375, 0.25, 0.5)));
        Assert.That(t.A.Count, Is.EqualTo(new Spread(1.5, 1, 2)));
        Assert.That(t.B.P.Mean, Is.EqualTo(7.0 / 12).Within(1e-12));
        Assert.That((t.B.P.Min, t.B.P.Max), Is.EqualTo((0.5, 0.75)));
        Assert.That(t.B.Count.Mean, Is.EqualTo(7.0 / 3).Within(1e-12));
        Assert.That(t.Ratio, Is.EqualTo(0.375 / (7.0 / 12)).Within(1e-12));
    }

    [Test]
    public void Tail_BeyondEveryReferenceDegree_HasNoRatio()
    {
        var t = Compare(50).Tails.Single();
        Assert.That(t.Ratio, Is.Null);
        Assert.That(t.B.Count.Mean, Is.EqualTo(0));
    }

    [Test]
    public void MaxDegree_IsTheMeanOfEachSamplesMax_WithItsRange()
    {
        var e = Compare();
        Assert.That(e.A.MaxDegree, Is.EqualTo(new Spread(15, 10, 20)));
        Assert.That(e.B.MaxDegree.Mean, Is.EqualTo(52.0 / 3).Within(1e-12));
        Assert.That((e.B.MaxDegree.Min, e.B.MaxDegree.Max), Is.EqualTo((4.0, 40.0)));
        Assert.That(e.MaxRatio, Is.EqualTo(15 / (52.0 / 3)).Within(1e-12));
        Assert.That(e.A.Samples.Select(s => s.Max), Is.EqualTo(new long[] { 10, 20 }));
    }

    [Test]
    public void Verdict_AppliesTheRuleToTheEnsembleFigures()
    {
        // At 3 the ratio is 0.64 and B has 2.3 nodes on average: judged, and below 1/1.5.
        var e = Compare(2, 3, 50);
        Assert.That(e.Verdict.Met, Is.False);
        Assert.That(e.Verdict.Failures, Has.Exactly(1).StartsWith("tail ratio at 3"));
        Assert.That(e.Verdict.TailsNotJudged, Is.EqualTo(new long[] { 50 }));
    }

    [Test]
    public void Plot_ShowsEachSidePooled_OverFaintPerSampleCurves()
    {
        var chart = DegreeComparePlot.Chart("runs", A.Select(s => s.Sorted).ToList(), "ba", B.Select(s => s.Sorted).ToList(), ["KS line"], [3, 10]);
        var pooledA = chart.Series.Single(s => s.Marker == MarkerShape.OpenCircle);
        Assert.That(pooledA.Points, Is.EqualTo(DegreePlot.EmpiricalCcdf([1, 1, 1, 2, 2, 3, 10, 20])));
        Assert.That(pooledA.Legend, Does.Contain("8 nodes").And.Contain("max 15 on average (10–20)"));
        var faint = chart.Series.Where(s => s.Marker == MarkerShape.None && s.Points.Count > 0).ToList();
        Assert.That(faint, Has.Count.EqualTo(5));
        Assert.That(faint[0].Points, Is.EqualTo(DegreePlot.EmpiricalCcdf(A[0].Sorted)));
        Assert.That(faint.All(s => s.Color.Alpha < 255 && s.Legend == null));
        Assert.That(chart.LegendTexts, Has.Some.EqualTo("KS line"));
        Assert.That(chart.Rules.Select(r => r.At), Is.EqualTo(new double[] { 3, 10 }));
    }
}

public class DegreesCompareAcceptanceTests
{
    // ks p, ratio at x = 500, B's mean count at 500, max ratio → met, failures
    [TestCase(0.71, 0.95, 5.3, 0.8, true, 0, TestName = "all within: met")]
    [TestCase(0.05, 1.0, 5.3, 1.0, false, 1, TestName = "KS p exactly 0.05 fails (p must exceed it)")]
    [TestCase(0.5, 0.66, 5.3, 1.0, false, 1, TestName = "ratio just below 1/1.5 fails")]
    [TestCase(0.5, 0.667, 5.3, 1.0, true, 0, TestName = "ratio just above 1/1.5 passes")]
    [TestCase(0.5, 1.5, 5.3, 1.0, true, 0, TestName = "ratio 1.5 passes")]
    [TestCase(0.5, 1.51, 5.3, 1.0, false, 1, TestName = "ratio above 1.5 fails")]
    [TestCase(0.5, 0.0, 0.9, 1.0, true, 0, TestName = "B's mean count below 1: not judged")]
    [TestCase(0.5, 0.0, 1.0, 1.0, false, 1, TestName = "B's mean count of 1: judged, and none in A fails")]
    [TestCase(0.5, 1.0, 5.3, 1.51, false, 1, TestName = "max ratio above 1.5 fails")]
    [TestCase(0.01, 3.0, 5.3, 2.0, false, 3, TestName = "every part fails, each named")]
    public void Rule(double ksP, double ratio, double referenceCount, double maxRatio, bool met, int failures)
    {
        var a = Acceptance.Of(ksP, [new TailCheck(500, ratio, referenceCount)], maxRatio);
        Assert.That(a.Met, Is.EqualTo(met));
        Assert.That(a.Failures, Has.Count.EqualTo(failures));
        Assert.That(a.TailsNotJudged, Is.EqualTo(referenceCount < 1 ? new long[] { 500 } : Array.Empty<long>()));
        Assert.That(a.Line(), Does.Contain(Acceptance.RuleText).And.StartWith(met ? "verdict: meets" : "verdict: does NOT meet"));
    }
}

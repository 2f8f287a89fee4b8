using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Stats;
using ScottPlot;

namespace GossipSim.Analysis.Tests.Stats;

public class DegreeComparisonTests
{
    // D worked by hand from the two step CDFs; λ = √(nA·nB/(nA+nB)) · D.
    [TestCase(new long[] { 1, 2, 3, 4 }, new long[] { 1, 2, 3, 4 }, 0.0)]
    [TestCase(new long[] { 1, 1, 1, 1 }, new long[] { 2, 2, 2, 2 }, 1.0)]      // F_A(1) = 1, F_B(1) = 0
    [TestCase(new long[] { 1, 2, 3, 4 }, new long[] { 3, 4, 5, 6 }, 0.5)]      // at 2: F_A = 2/4, F_B = 0
    [TestCase(new long[] { 3, 3, 5 }, new long[] { 3, 5, 5, 5 }, 5.0 / 12)]    // at 3: 2/3 against 1/4
    [TestCase(new long[] { 2 }, new long[] { 1, 2, 3 }, 1.0 / 3)]             // at 1: 0 against 1/3; at 2: 1 against 2/3
    public void KsDistance_OnSmallSamples_IsTheHandWorkedGap(long[] a, long[] b, double d)
    {
        var c = DegreeComparison.Of("a", a, "b", b, []);
        Assert.That(c.Ks.D, Is.EqualTo(d).Within(1e-12));
        Assert.That(c.Ks.Lambda, Is.EqualTo(Math.Sqrt((double)a.Length * b.Length / (a.Length + b.Length)) * d).Within(1e-12));
        Assert.That(c.Ks.P, Is.EqualTo(KolmogorovSmirnov.KolmogorovSurvival(c.Ks.Lambda)).Within(1e-15));
    }

    [Test]
    public void IdenticalSamples_HaveDZeroAndPOne()
    {
        long[] a = [3, 3, 4, 5, 8, 13, 40];
        var c = DegreeComparison.Of("a", a, "b", a.ToArray(), [5, 100]);
        Assert.That(c.Ks.D, Is.EqualTo(0));
        Assert.That(c.Ks.P, Is.EqualTo(1));
        Assert.That(c.MaxRatio, Is.EqualTo(1));
        Assert.That(c.Tails.Select(t => t.Ratio), Is.EqualTo(new double?[] { 1, null }), "at 100 neither has a node: no ratio");
    }

    // λ_0.05 = 1.35810 (Kolmogorov distribution), so D_crit = 1.35810 · √((nA+nB)/(nA·nB)).
    [TestCase(0.05, 100, 100, 0.192064)]
    [TestCase(0.05, 1_000_000, 1_000_000, 0.00192064)]
    [TestCase(0.01, 1000, 4000, 1.62762 * 0.0353553)]
    public void CriticalD_IsTheKolmogorovQuantileScaledBySampleSizes(double alpha, long n1, long n2, double expected)
    {
        Assert.That(KolmogorovSmirnov.CriticalD(alpha, n1, n2), Is.EqualTo(expected).Within(expected * 1e-4));
        double lambda = KolmogorovSmirnov.CriticalD(alpha, n1, n2) / Math.Sqrt((double)(n1 + n2) / (n1 * n2));
        Assert.That(KolmogorovSmirnov.KolmogorovSurvival(lambda), Is.EqualTo(alpha).Within(1e-9));
    }

    [TestCase(new long[] { 1, 2, 3, 4 }, 0, 1.0)]
    [TestCase(new long[] { 1, 2, 3, 4 }, 3, 0.5)]
    [TestCase(new long[] { 1, 2, 2, 2, 9 }, 2, 0.8)]
    [TestCase(new long[] { 1, 2, 3, 4 }, 5, 0.0)]
    public void AtLeast_IsTheShareAtOrAboveX(long[] sorted, long x, double share) =>
        Assert.That(DegreeComparison.AtLeast(sorted, x), Is.EqualTo(share));

    [Test]
    public void TailsMaximaAndMeans_AreReportedForBoth()
    {
        long[] a = [1, 1, 2, 10, 20];
        long[] b = [1, 2, 2, 4, 5, 10, 40, 40];
        var c = DegreeComparison.Of("proto", a, "ba", b, [2, 10, 50]);
        Assert.That((c.A.N, c.B.N, c.A.Max, c.B.Max), Is.EqualTo((5, 8, 20L, 40L)));
        Assert.That(c.A.Mean, Is.EqualTo(34.0 / 5));
        Assert.That(c.B.Mean, Is.EqualTo(104.0 / 8));
        Assert.That(c.MaxRatio, Is.EqualTo(0.5));
        Assert.That(c.Tails[0], Is.EqualTo(new TailRatio(2, 3.0 / 5, 7.0 / 8, (3.0 / 5) / (7.0 / 8))));
        Assert.That(c.Tails[1], Is.EqualTo(new TailRatio(10, 2.0 / 5, 3.0 / 8, (2.0 / 5) / (3.0 / 8))));
        Assert.That(c.Tails[2], Is.EqualTo(new TailRatio(50, 0, 0, null)));
    }

    [Test]
    public void Plot_OverlaysBothCcdfs_WithARuleAtEachTailPoint()
    {
        long[] a = [0, 1, 1, 2, 10, 20];
        long[] b = [1, 2, 2, 4, 5, 10, 40, 40];
        var c = DegreeComparison.Of("proto", a, "ba", b, [2, 10]);
        var chart = DegreeComparePlot.Chart(a, b, c);
        Assert.That(chart.X.Scale, Is.EqualTo(AxisScale.Log));
        Assert.That(chart.Y.Scale, Is.EqualTo(AxisScale.Log));
        var sa = chart.Series.Single(s => s.Marker == MarkerShape.OpenCircle);
        var sb = chart.Series.Single(s => s.Marker == MarkerShape.OpenTriangleUp);
        // A's degree-0 node cannot sit on a log axis but still counts in P(K ≥ k): 5 of 6 have k ≥ 1.
        Assert.That(sa.Points, Is.EqualTo(new[] { (1.0, 5.0 / 6), (2.0, 3.0 / 6), (10.0, 2.0 / 6), (20.0, 1.0 / 6) }));
        Assert.That(sb.Points, Is.EqualTo(DegreePlot.EmpiricalCcdf(b)));
        Assert.That(chart.Rules.Select(r => r.At), Is.EqualTo(new double[] { 2, 10 }));
        Assert.That(chart.LegendTexts, Has.Some.StartsWith("proto: 6 nodes").And.Some.Contains("1 with degree 0 not shown"));
        Assert.That(chart.LegendTexts, Has.Some.Contains($"D = {c.Ks.D:0.0000}").And.Some.Contains("critical D"));
    }
}

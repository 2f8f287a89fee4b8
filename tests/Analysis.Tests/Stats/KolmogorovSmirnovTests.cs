using GossipSim.Engine.Core;
using GossipSim.Analysis.Stats;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.Stats;

public class KolmogorovSmirnovTests
{
    // Q_KS(λ) = P(K > λ), computed to 17 digits with mpmath from both of its series.
    [TestCase(0.2, 0.99999999999949496)]
    [TestCase(0.3, 0.99999069419866543)]
    [TestCase(0.5, 0.96394524366487509)]
    [TestCase(0.8, 0.54414241157419808)]
    [TestCase(1.0, 0.26999967167735452)]
    [TestCase(1.18, 0.12345380942976571)]
    [TestCase(2.5, 7.4533063441573416e-6)]
    public void KolmogorovSurvival_MatchesHighPrecisionValues(double lambda, double expected) =>
        Assert.That(KolmogorovSmirnov.KolmogorovSurvival(lambda), Is.EqualTo(expected).Within(1e-12 + 1e-10 * expected));

    // Smirnov's table of asymptotic critical values: P(K > c) = alpha.
    [TestCase(1.22385, 0.10)]
    [TestCase(1.35810, 0.05)]
    [TestCase(1.48022, 0.025)]
    [TestCase(1.62762, 0.01)]
    [TestCase(1.94947, 0.001)]
    public void KolmogorovSurvival_AtTheTabledCriticalValues_IsAlpha(double c, double alpha) =>
        Assert.That(KolmogorovSmirnov.KolmogorovSurvival(c), Is.EqualTo(alpha).Within(alpha * 1e-3));

    [Test]
    public void KolmogorovSurvival_IsOneAtZeroAndFallsMonotonically()
    {
        Assert.That(KolmogorovSmirnov.KolmogorovSurvival(0), Is.EqualTo(1));
        double last = 1;
        for (double l = 0.05; l < 4; l += 0.05)
        {
            double q = KolmogorovSmirnov.KolmogorovSurvival(l);
            Assert.That(q, Is.LessThanOrEqualTo(last + 1e-15), $"λ = {l}");
            last = q;
        }
    }

    [Test]
    public void TwoSample_DisjointSamples_HaveDOne()
    {
        var r = KolmogorovSmirnov.TwoSample(new double[] { 1, 2, 3 }, new double[] { 4, 5, 6 });
        Assert.That(r.D, Is.EqualTo(1));
        // λ = √(3·3/6) · 1 = √1.5
        Assert.That(r.Lambda, Is.EqualTo(Math.Sqrt(1.5)).Within(1e-12));
        Assert.That(r.PValue, Is.EqualTo(KolmogorovSmirnov.KolmogorovSurvival(Math.Sqrt(1.5))).Within(1e-15));
    }

    [Test]
    public void TwoSample_IdenticalSamples_HaveDZeroAndPOne()
    {
        var r = KolmogorovSmirnov.TwoSample(new double[] { 3, 1, 2, 2 }, new double[] { 2, 3, 2, 1 });
        Assert.That(r.D, Is.EqualTo(0));
        Assert.That(r.PValue, Is.EqualTo(1));
    }

    [Test]
    public void TwoSample_WithTies_StepsPastEveryCopyBeforeComparing()
    {
        // F1(1) = 2/3, F2(1) = 1/3; F1(2) = F2(2) = 1: D = 1/3, not the 2/3 a tie-blind merge would see.
        var r = KolmogorovSmirnov.TwoSample(new double[] { 1, 1, 2 }, new double[] { 1, 2, 2 });
        Assert.That(r.D, Is.EqualTo(1.0 / 3).Within(1e-12));
    }

    [Test]
    public void TwoSample_HandWorkedUnequalSizes()
    {
        // a = {0.1, 0.4, 0.7}, b = {0.2, 0.3, 0.5, 0.6}: at 0.3, F1 = 1/3 and F2 = 2/4, gap 1/6;
        // at 0.6, F1 = 2/3, F2 = 1: gap 1/3, the largest.
        var r = KolmogorovSmirnov.TwoSample(new[] { 0.7, 0.1, 0.4 }, new[] { 0.5, 0.2, 0.6, 0.3 });
        Assert.That(r.D, Is.EqualTo(1.0 / 3).Within(1e-12));
        Assert.That(r.Lambda, Is.EqualTo(Math.Sqrt(12.0 / 7) / 3).Within(1e-12));
    }

    [Test]
    public void TwoSample_IsSymmetric()
    {
        var rng = new Rng(7);
        var a = Enumerable.Range(0, 300).Select(_ => rng.NextGaussian()).ToArray();
        var b = Enumerable.Range(0, 200).Select(_ => rng.NextGaussian() + 0.2).ToArray();
        var ab = KolmogorovSmirnov.TwoSample(a, b);
        var ba = KolmogorovSmirnov.TwoSample(b, a);
        Assert.That(ab.D, Is.EqualTo(ba.D));
        Assert.That(ab.PValue, Is.EqualTo(ba.PValue));
    }

    [Test]
    public void TwoSample_SameDistribution_IsRarelyRejected()
    {
        // 200 seeded pairs from one normal: at alpha 0.05 about 5 % are rejected (fewer, as the asymptotic p is conservative at n = 100).
        var rng = new Rng(2024);
        int rejected = 0;
        for (int i = 0; i < 200; i++)
        {
            var a = Enumerable.Range(0, 100).Select(_ => rng.NextGaussian()).ToArray();
            var b = Enumerable.Range(0, 100).Select(_ => rng.NextGaussian()).ToArray();
            if (KolmogorovSmirnov.TwoSample(a, b).PValue < 0.05) rejected++;
        }
        Assert.That(rejected, Is.InRange(1, 20));
    }

    [Test]
    public void TwoSample_ShiftedByHalfASigma_IsRejected()
    {
        var rng = new Rng(99);
        var a = Enumerable.Range(0, 500).Select(_ => rng.NextGaussian()).ToArray();
        var b = Enumerable.Range(0, 500).Select(_ => rng.NextGaussian() + 0.5).ToArray();
        var r = KolmogorovSmirnov.TwoSample(a, b);
        // The population D of N(0,1) vs N(0.5,1) is 2Φ(0.25) − 1 ≈ 0.197.
        Assert.That(r.D, Is.EqualTo(0.197).Within(0.06));
        Assert.That(r.PValue, Is.LessThan(1e-4));
    }

    [Test]
    public void TwoSample_RefusesEmptyOrNaN()
    {
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample(Array.Empty<double>(), new double[] { 1 }));
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample(new[] { double.NaN }, new double[] { 1 }));
    }
}

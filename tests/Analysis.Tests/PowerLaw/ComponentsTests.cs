using GossipSim.Analysis.PowerLaw;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.PowerLaw;

public class ComponentsTests
{
    [Test]
    public void DistinctCounts_HoldSortedValuesCountsAndSuffixSums()
    {
        var d = DistinctCounts.FromSample(new long[] { 5, 1, 2, 5, 1, 1 });
        Assert.That(d.Values, Is.EqualTo(new double[] { 1, 2, 5 }));
        Assert.That(d.Counts, Is.EqualTo(new[] { 3, 1, 2 }));
        Assert.That(d.TailCount, Is.EqualTo(new long[] { 6, 3, 2, 0 }));
        Assert.That(d.TailLogSum[1], Is.EqualTo(Math.Log(2) + 2 * Math.Log(5)).Within(1e-12));
        Assert.That(d.IndexOf(3), Is.EqualTo(2));
        Assert.That(d.IndexOf(9), Is.EqualTo(3));
    }

    [Test]
    public void DistinctCounts_OfAListInOrder_AreThoseOfTheSameListShuffled()
    {
        // degrees.txt gives its values in order, which skips the sort; the counts must not depend on it.
        var inOrder = new long[] { 1, 1, 1, 2, 5, 5, 9 };
        var shuffled = new long[] { 5, 1, 9, 2, 1, 5, 1 };
        var a = DistinctCounts.FromSample(inOrder);
        var b = DistinctCounts.FromSample(shuffled);
        Assert.That(a.Values, Is.EqualTo(b.Values).And.EqualTo(new double[] { 1, 2, 5, 9 }));
        Assert.That(a.Counts, Is.EqualTo(b.Counts).And.EqualTo(new[] { 3, 1, 2, 1 }));
        Assert.That(a.TailLogSum, Is.EqualTo(b.TailLogSum));
    }

    [TestCase(2.5, 1.0)]
    [TestCase(2.0, 4.0)]
    [TestCase(3.2, 10.0)]
    public void PowerLawSampler_MatchesThePmf(double alpha, double xmin)
    {
        const int n = 200_000;
        var sampler = new DiscretePowerLawSampler(alpha, xmin);
        var rng = new Rng(77);
        var counts = new Dictionary<double, int>();
        for (int i = 0; i < n; i++)
        {
            double x = sampler.Next(rng);
            Assert.That(x, Is.GreaterThanOrEqualTo(xmin));
            counts[x] = counts.GetValueOrDefault(x) + 1;
        }
        double logZeta = HurwitzZeta.Log(alpha, xmin);
        // Each of the first values within 4 binomial standard deviations of n·p(x).
        for (double x = xmin; x < xmin + 6; x++)
        {
            double p = Math.Exp(DiscretePowerLaw.LogPmf(x, alpha, logZeta));
            double sd = Math.Sqrt(n * p * (1 - p));
            Assert.That(counts.GetValueOrDefault(x), Is.EqualTo(n * p).Within(4 * sd), $"x = {x}");
        }
    }

    [Test]
    public void PowerLawSampler_BeyondItsTable_StillFollowsTheCcdf()
    {
        // alpha 1.6, xmin 1: P(X ≥ 65537) ≈ 1.5e-3, so a few hundred draws land beyond the table.
        var sampler = new DiscretePowerLawSampler(1.6, 1);
        var rng = new Rng(5);
        const int n = 200_000;
        int beyond = 0, beyondTenfold = 0;
        for (int i = 0; i < n; i++)
        {
            double x = sampler.Next(rng);
            if (x >= 65_537) beyond++;
            if (x >= 655_370) beyondTenfold++;
        }
        foreach (var (count, at) in new[] { (beyond, 65_537.0), (beyondTenfold, 655_370.0) })
        {
            double p = sampler.Ccdf(at);
            Assert.That(count, Is.EqualTo(n * p).Within(4 * Math.Sqrt(n * p)), $"P(X ≥ {at})");
        }
    }

    [TestCase(0)]
    [TestCase(3)]
    [TestCase(40)]
    [TestCase(DiscretePowerLawSampler.TableSpan)]
    public void PowerLawSampler_GivenXAtLeastAValue_DrawsTheLawBeyondIt(int k)
    {
        // The counted bootstrap draws its last tail points so: X given X ≥ xmin + k, k up to the table's end.
        const int n = 100_000;
        var sampler = new DiscretePowerLawSampler(1.8, 2);
        double from = 2 + k, further = 3 * from;
        var rng = new Rng(9);
        int onFrom = 0, beyondFurther = 0;
        for (int i = 0; i < n; i++)
        {
            double x = sampler.NextAtLeast(k, rng);
            Assert.That(x, Is.GreaterThanOrEqualTo(from));
            if (x == from) onFrom++;
            if (x >= further) beyondFurther++;
        }
        double pFrom = k < DiscretePowerLawSampler.TableSpan ? sampler.Hazard(k) : 1 - sampler.Ccdf(from + 1) / sampler.Ccdf(from);
        double pFurther = sampler.Ccdf(further) / sampler.Ccdf(from);
        Assert.That(onFrom, Is.EqualTo(n * pFrom).Within(5 * Math.Sqrt(n * pFrom * (1 - pFrom))), "P(X = xmin + k | X ≥ xmin + k)");
        Assert.That(beyondFurther, Is.EqualTo(n * pFurther).Within(5 * Math.Sqrt(n * pFurther * (1 - pFurther))), "P(X ≥ 3 (xmin + k) | X ≥ xmin + k)");
    }

    [Test]
    public void PowerLawSampler_Hazard_IsThePmfOverTheCcdf()
    {
        var sampler = new DiscretePowerLawSampler(2.6, 7);
        double logZeta = HurwitzZeta.Log(2.6, 7);
        foreach (int k in new[] { 0, 1, 100, 60_000 })
        {
            double x = 7 + k;
            double expected = Math.Exp(DiscretePowerLaw.LogPmf(x, 2.6, logZeta)) / sampler.Ccdf(x);
            Assert.That(sampler.Hazard(k), Is.EqualTo(expected).Within(1e-9 * expected), $"k = {k}");
        }
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    public void XminSearch_TriedFromAnyCandidateFirst_ChoosesWhatThePlainOrderChooses(ulong seed)
    {
        // The bootstrap tries the data's xmin first to cut the other scans short; the choice must not depend on it.
        foreach (var sample in new[]
        {
            BarabasiAlbert.Degrees(5_000, 3, new Rng(seed)),
            new DiscretePowerLawSampler(2.3, 4).Sample(3_000, new Rng(seed)),
            AlternativeSamplers.Geometric(3_000, 0.2, 1, new Rng(seed)),
        })
        {
            var d = DistinctCounts.FromSample(sample);
            var plain = XminSearch.Find(d);
            for (int first = 0; first < d.Length; first++)
                Assert.That(XminSearch.Find(d, 2, first), Is.EqualTo(plain), $"first try {first}");
        }
    }

    [Test]
    public void FitAlpha_MaximisesTheLikelihood()
    {
        var data = new DiscretePowerLawSampler(2.7, 3).Sample(4000, new Rng(1));
        var d = DistinctCounts.FromSample(data);
        int start = d.IndexOf(3);
        double alpha = DiscretePowerLaw.FitAlpha(d.TailCount[start], d.TailLogSum[start], 3);
        double LogLikelihood(double a) => -d.TailCount[start] * HurwitzZeta.Log(a, 3) - a * d.TailLogSum[start];
        Assert.That(LogLikelihood(alpha), Is.GreaterThan(LogLikelihood(alpha + 1e-3)));
        Assert.That(LogLikelihood(alpha), Is.GreaterThan(LogLikelihood(alpha - 1e-3)));
    }

    [Test]
    public void AlphaStdErr_ApproachesTheContinuousFormulaForLargeXmin()
    {
        // Clauset et al. eq. 3.2: (α - 1)/√n when xmin is large.
        double se = DiscretePowerLaw.AlphaStdErr(2.5, 1000, 10_000);
        Assert.That(se, Is.EqualTo(1.5 / Math.Sqrt(10_000)).Within(1e-4));
    }

    [Test]
    public void KsDistance_IsZeroForDataExactlyOnTheModel_AndLargeForAShiftedSample()
    {
        // Counts proportional to the pmf (to rounding): KS distance near 0.
        double alpha = 2.5, logZeta = HurwitzZeta.Log(alpha, 1);
        var values = Enumerable.Range(1, 2000).Select(x => (double)x).ToArray();
        var counts = values.Select(x => (int)Math.Round(1e7 * Math.Exp(DiscretePowerLaw.LogPmf(x, alpha, logZeta)))).ToArray();
        var keep = counts.Select((c, i) => (c, i)).Where(t => t.c > 0).ToArray();
        var d = new DistinctCounts(keep.Select(t => values[t.i]).ToArray(), keep.Select(t => t.c).ToArray());
        // Not exactly 0: counts are rounded and stop at 2000, where the model still has ~1e-5 of mass left.
        Assert.That(DiscretePowerLaw.KsDistance(d, 0, alpha), Is.LessThan(1e-4));
        Assert.That(DiscretePowerLaw.KsDistance(d, 0, 3.5), Is.GreaterThan(0.1));
    }

    [TestCase(2.2, 1, 17UL)]
    [TestCase(3.0, 4, 18UL)]
    [TestCase(1.8, 2, 19UL)]
    public void KsDistance_IsTheSupremumOverEveryIntegerInTheTail(double alpha, int xmin, ulong seed)
    {
        // Brute force: both CDFs at every integer from xmin to the largest value (as poweRlaw does).
        var data = new DiscretePowerLawSampler(alpha, xmin).Sample(300, new Rng(seed));
        var d = DistinctCounts.FromSample(data);
        int start = d.IndexOf(xmin);
        double fitted = alpha + 0.15; // any exponent will do; off the truth so the distance is not tiny
        double logZeta = HurwitzZeta.Log(fitted, xmin), n = d.TailCount[start], model = 0, expected = 0;
        long max = data.Max();
        for (long x = xmin; x <= max; x++)
        {
            model += Math.Exp(DiscretePowerLaw.LogPmf(x, fitted, logZeta));
            double empirical = data.Count(v => v >= xmin && v <= x) / n;
            expected = Math.Max(expected, Math.Abs(empirical - model));
        }
        Assert.That(DiscretePowerLaw.KsDistance(d, start, fitted), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void KsDistance_SeesTheGapBetweenDataValues()
    {
        // One point at 1, ten at 50: the data CDF sits at 1/11 from 1 to 49 while the model climbs to ~0.89.
        var d = new DistinctCounts(new double[] { 1, 50 }, new[] { 1, 10 });
        double logZeta = HurwitzZeta.Log(1.5, 1);
        double modelAt49 = 1 - Math.Exp(HurwitzZeta.Log(1.5, 50) - logZeta);
        double atDataValues = Math.Max(Math.Abs(1.0 / 11 - Math.Exp(-logZeta)), Math.Abs(1 - (modelAt49 + Math.Exp(-1.5 * Math.Log(50) - logZeta))));
        double inTheGap = Math.Abs(1.0 / 11 - modelAt49);
        Assert.That(inTheGap, Is.GreaterThan(atDataValues + 0.3));
        Assert.That(DiscretePowerLaw.KsDistance(d, 0, 1.5), Is.EqualTo(inTheGap).Within(1e-12));
    }

    [Test]
    public void Exponential_MleIsTheClosedForm()
    {
        var data = AlternativeSamplers.Geometric(20_000, 0.3, 2, new Rng(4));
        var d = DistinctCounts.FromSample(data);
        var fit = DiscreteExponential.Fit(d, 0, 2);
        Assert.That(fit.Rate, Is.EqualTo(0.3).Within(0.01));
        double LogLikelihood(double rate)
        {
            var m = new DiscreteExponential(rate, 2);
            double ll = 0;
            for (int j = 0; j < d.Length; j++) ll += d.Counts[j] * m.LogPmf(d.Values[j]);
            return ll;
        }
        Assert.That(LogLikelihood(fit.Rate), Is.GreaterThan(LogLikelihood(fit.Rate * 1.01)));
        Assert.That(LogLikelihood(fit.Rate), Is.GreaterThan(LogLikelihood(fit.Rate * 0.99)));
    }

    [Test]
    public void Exponential_PmfSumsToOne()
    {
        var m = new DiscreteExponential(0.05, 3);
        double total = 0;
        for (double x = 3; x < 3000; x++) total += Math.Exp(m.LogPmf(x));
        Assert.That(total, Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void Lognormal_FitRecoversItsParameters()
    {
        var data = AlternativeSamplers.DiscreteLognormal(20_000, 2.0, 0.7, 1, new Rng(6));
        var fit = DiscreteLognormal.Fit(DistinctCounts.FromSample(data), 0, 1);
        Assert.That(fit.Mu, Is.EqualTo(2.0).Within(0.03));
        Assert.That(fit.Sigma, Is.EqualTo(0.7).Within(0.03));
    }

    [Test]
    public void Lognormal_PmfSumsToOneFromXmin()
    {
        var m = new DiscreteLognormal(1.5, 1.2, 4);
        double total = 0;
        for (double x = 4; x < 200_000; x++) total += Math.Exp(m.LogPmf(x));
        Assert.That(total, Is.EqualTo(1).Within(1e-6));
    }

    [Test]
    public void LikelihoodRatio_OfAModelWithItself_IsZeroWithPOne()
    {
        var d = DistinctCounts.FromSample(new long[] { 1, 2, 2, 3, 7 });
        var test = LikelihoodRatio.Test(d, 0, x => -2 * Math.Log(x), x => -2 * Math.Log(x));
        Assert.That(test, Is.EqualTo(new LikelihoodRatio(0, 1, 0)));
    }

    [Test]
    public void LikelihoodRatio_OnGeometricData_FavoursTheExponential()
    {
        var data = AlternativeSamplers.Geometric(5000, 0.2, 1, new Rng(9));
        var d = DistinctCounts.FromSample(data);
        double alpha = DiscretePowerLaw.FitAlpha(d.N, d.TailLogSum[0], 1);
        double logZeta = HurwitzZeta.Log(alpha, 1);
        var exp = DiscreteExponential.Fit(d, 0, 1);
        var test = LikelihoodRatio.Test(d, 0, x => DiscretePowerLaw.LogPmf(x, alpha, logZeta), exp.LogPmf);
        Assert.That(test.R, Is.LessThan(-5));
        Assert.That(test.P, Is.LessThan(1e-6));
        Assert.That(test.P, Is.EqualTo(MathNet.Numerics.SpecialFunctions.Erfc(Math.Abs(test.R) / Math.Sqrt(2))).Within(1e-15));
    }

    [Test]
    public void BarabasiAlbert_HasMinimumDegreeMAndTheRightEdgeCount()
    {
        var degrees = BarabasiAlbert.Degrees(1000, 3, new Rng(2));
        Assert.That(degrees.Min(), Is.EqualTo(3));
        // Clique of 4 (6 edges) then 996 nodes × 3 edges; each edge adds 2 to the degree sum.
        Assert.That(degrees.Sum(), Is.EqualTo(2 * (6 + 996 * 3)));
    }
}

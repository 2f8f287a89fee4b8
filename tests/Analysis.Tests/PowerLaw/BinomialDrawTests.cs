using GossipSim.Analysis.PowerLaw;
using GossipSim.Engine.Vocabulary;
using MathNet.Numerics.Distributions;

namespace GossipSim.Analysis.Tests.PowerLaw;

/// <summary>The binomial draw the counted bootstrap rests on: its frequencies are the binomial pmf, in both methods it switches between.</summary>
public class BinomialDrawTests
{
    [TestCase(20, 0.1, 1UL, TestName = "inversion: mean 2")]
    [TestCase(1_000, 0.009, 2UL, TestName = "inversion: mean 9, just under the switch")]
    [TestCase(1_000, 0.011, 3UL, TestName = "rejection: mean 11, just over the switch")]
    [TestCase(60, 0.5, 4UL, TestName = "rejection: p one half")]
    [TestCase(1_000_000, 0.4, 5UL, TestName = "rejection: a million points")]
    [TestCase(40, 0.97, 6UL, TestName = "p above one half: the complement's draw")]
    [TestCase(17_151, 0.0004, 7UL, TestName = "inversion: 17,151 tail points on a value far out, mean 7")]
    public void Frequencies_AreTheBinomialPmf(int n, double p, ulong seed)
    {
        const int draws = 200_000;
        var rng = new Rng(seed);
        var seen = new Dictionary<long, int>();
        for (int i = 0; i < draws; i++)
        {
            long k = BinomialDraw.Next(rng, n, p);
            Assert.That(k, Is.InRange(0, n));
            seen[k] = seen.GetValueOrDefault(k) + 1;
        }
        // Pearson's chi-square over cells of expected count ≥ 5, the rest pooled into the two ends.
        var cells = new List<(double Observed, double Expected)>();
        double lowObs = 0, lowExp = 0;
        long mode = (long)Math.Floor((n + 1) * p);
        for (long k = 0; k <= mode; k++)
        {
            lowObs += seen.GetValueOrDefault(k);
            lowExp += draws * Binomial.PMF(p, n, (int)k);
            if (lowExp >= 5) { cells.Add((lowObs, lowExp)); lowObs = lowExp = 0; }
        }
        double highObs = 0, highExp = 0;
        for (long k = n; k > mode; k--)
        {
            highObs += seen.GetValueOrDefault(k);
            highExp += draws * Binomial.PMF(p, n, (int)k);
            if (highExp >= 5) { cells.Add((highObs, highExp)); highObs = highExp = 0; }
        }
        // What is left of either end joins the last cell made.
        var last = cells[^1];
        cells[^1] = (last.Observed + lowObs + highObs, last.Expected + lowExp + highExp);
        double chi2 = cells.Sum(c => (c.Observed - c.Expected) * (c.Observed - c.Expected) / c.Expected);
        double critical = ChiSquared.InvCDF(cells.Count - 1, 0.999);
        Assert.That(chi2, Is.LessThan(critical), $"{cells.Count} cells");
    }

    [Test]
    public void Ends_AreCertain()
    {
        var rng = new Rng(1);
        Assert.That(BinomialDraw.Next(rng, 0, 0.3), Is.Zero);
        Assert.That(BinomialDraw.Next(rng, 50, 0), Is.Zero);
        Assert.That(BinomialDraw.Next(rng, 50, 1), Is.EqualTo(50));
    }

    [Test]
    public void LogFactorial_IsTheSumOfLogsOnBothSidesOfItsTable()
    {
        foreach (int k in new[] { 0, 1, 10, 255, 256, 257, 1000, 123_456 })
        {
            double sum = 0;
            for (int i = 2; i <= k; i++) sum += Math.Log(i);
            Assert.That(BinomialDraw.LogFactorial(k), Is.EqualTo(sum).Within(1e-12 * Math.Max(1, sum)), $"ln {k}!");
        }
    }
}

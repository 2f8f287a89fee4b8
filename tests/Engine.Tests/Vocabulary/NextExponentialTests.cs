using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>The ziggurat's exponential is the exponential of mean 1: its moments, its whole distribution and its tail.</summary>
public class NextExponentialTests
{
    private const int Draws = 1_000_000;

    private static double[] Sorted(ulong seed)
    {
        var rng = new Rng(seed);
        var draws = new double[Draws];
        for (int i = 0; i < Draws; i++) draws[i] = rng.NextExponential();
        Array.Sort(draws);
        return draws;
    }

    [TestCase(1UL)]
    [TestCase(42UL)]
    public void AMillionDraws_HaveMeanAndVarianceOne(ulong seed)
    {
        var d = Sorted(seed);
        double mean = d.Average();
        double variance = d.Sum(x => (x - mean) * (x - mean)) / (Draws - 1);
        // Standard errors: 0.001 for the mean, 0.002 for the variance (its fourth moment is 9).
        Assert.That(mean, Is.EqualTo(1.0).Within(0.005));
        Assert.That(variance, Is.EqualTo(1.0).Within(0.012));
        Assert.That(d[0], Is.GreaterThanOrEqualTo(0.0));
    }

    [TestCase(1UL)]
    [TestCase(42UL)]
    public void TheirDistribution_IsTheExponentials_ByKolmogorovSmirnov(ulong seed)
    {
        var d = Sorted(seed);
        double worst = 0;
        for (int i = 0; i < Draws; i++)
        {
            double cdf = -double.ExpM1(-d[i]);
            worst = Math.Max(worst, Math.Max(cdf - (double)i / Draws, (double)(i + 1) / Draws - cdf));
        }
        // 1.63 / sqrt(n): the 1 % critical value. The inverse transform's own draws sit near 0.9 / sqrt(n).
        Assert.That(worst, Is.LessThan(1.63 / Math.Sqrt(Draws)), "KS distance to 1 - e^-x");
    }

    [TestCase(1.0)]
    [TestCase(3.0)]
    [TestCase(7.0)]
    [TestCase(7.69711747013104972)] // where the ziggurat's tail starts
    [TestCase(9.0)]
    public void EachTail_HoldsItsShare(double beyond)
    {
        var rng = new Rng(7);
        const int n = 4_000_000;
        int over = 0;
        for (int i = 0; i < n; i++) if (rng.NextExponential() > beyond) over++;
        double expected = n * Math.Exp(-beyond);
        // Within 4.5 binomial standard deviations (and at least 6 draws, for the far tails' few counts).
        Assert.That(over, Is.EqualTo(expected).Within(Math.Max(6, 4.5 * Math.Sqrt(expected))), $"draws beyond {beyond}");
    }

    [Test]
    public void ASeed_GivesTheSameDraws()
    {
        var a = new Rng(5);
        var b = new Rng(5);
        for (int i = 0; i < 1000; i++) Assert.That(b.NextExponential(), Is.EqualTo(a.NextExponential()));
    }
}

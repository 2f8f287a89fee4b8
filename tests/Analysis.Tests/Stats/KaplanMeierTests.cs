using GossipSim.Analysis.Stats;

namespace GossipSim.Analysis.Tests.Stats;

public class KaplanMeierTests
{
    private static Duration[] Of(string durations) =>
        durations.Split(' ').Select(d => d.EndsWith('+') ? new Duration(double.Parse(d[..^1]), false) : new Duration(double.Parse(d), true)).ToArray();

    // "3+" is censored at 3 (it lasted longer). F worked by hand: S(t) = Π (1 − ended / at risk).
    [TestCase("1 2 3 4", new[] { 1.0, 2, 3, 4 }, new[] { 0.25, 0.5, 0.75, 1 })]                 // none censored: the empirical CDF
    [TestCase("1 2+ 3 4", new[] { 1.0, 3, 4 }, new[] { 0.25, 0.625, 1 })]                       // at 3: S = 3/4 · (1 − 1/2)
    [TestCase("2 2+ 5 5+", new[] { 2.0, 5 }, new[] { 0.25, 0.625 })]                            // a tie: the ending counts first (4 at risk, then 2)
    [TestCase("1 5+ 5+ 5+", new[] { 1.0 }, new[] { 0.25 })]                                     // the rest outlast every ending
    public void TheEstimate_IsTheHandWorkedProductLimit(string durations, double[] times, double[] cdf)
    {
        var km = KaplanMeier.Of(Of(durations));
        Assert.That(km.Times, Is.EqualTo(times));
        Assert.That(km.Cdf, Is.EqualTo(cdf).Within(1e-12));
    }

    [TestCase(0.0, 1)]
    [TestCase(0.25, 1)]
    [TestCase(0.5, 3)]
    [TestCase(0.625, 3)]
    [TestCase(0.7, 4)]
    [TestCase(1.0, 4)]
    public void AQuantile_IsTheFirstEndingWhereTheCdfReachesIt(double p, double expected)
    {
        Assert.That(KaplanMeier.Of(Of("1 2+ 3 4")).Quantile(p), Is.EqualTo(expected));
    }

    [Test]
    public void PastTheLastEnding_TheQuantileIsTheLastEnding_AndCoveredSaysHowMuchIsKnown()
    {
        var km = KaplanMeier.Of(Of("1 5+ 5+ 5+"));
        Assert.That(km.Covered, Is.EqualTo(0.25));
        Assert.That(km.Quantile(0.9), Is.EqualTo(1));
        Assert.Throws<InvalidOperationException>(() => KaplanMeier.Of(Of("1+ 2+")).Quantile(0.5));
    }

    [Test]
    public void CensoringTheLosersOfARace_RecoversTheDelayDistribution_WhereTheWinnersAloneUnderstateIt()
    {
        // Three copies race, each exponential with mean 1: the winner is seen, the others are censored at the winner's time.
        var rng = new Random(5);
        var durations = new List<Duration>();
        var winners = new List<double>();
        for (int i = 0; i < 20_000; i++)
        {
            var copies = Enumerable.Range(0, 3).Select(_ => -Math.Log(1 - rng.NextDouble())).ToArray();
            double first = copies.Min();
            winners.Add(first);
            durations.AddRange(copies.Select(c => c == first ? new Duration(c, true) : new Duration(first, false)));
        }
        double median = KaplanMeier.Of(durations).Quantile(0.5);
        Assert.That(median, Is.EqualTo(Math.Log(2)).Within(0.03), "the exponential's median, ln 2");
        Assert.That(winners.Order().ElementAt(winners.Count / 2), Is.EqualTo(Math.Log(2) / 3).Within(0.02), "the winners alone: the minimum of three, a third of it");
    }
}

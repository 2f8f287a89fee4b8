using GossipSim.Scenarios.Soak;

namespace GossipSim.Scenarios.Tests.Soak;

public class ResourceTrendTests
{
    private static IReadOnlyList<(double, double)> Line(int n, double slope, double intercept, params double[] noise) =>
        Enumerable.Range(0, n).Select(i => ((double)i, intercept + slope * i + (noise.Length > 0 ? noise[i % noise.Length] : 0))).ToList();

    [TestCase(10, 3.0, 100.0, 3.0)]
    [TestCase(10, -0.5, 7.0, -0.5)]
    [TestCase(41, 0.0, 50_000.0, 0.0)]
    public void AnExactLine_HasItsSlope_AndNoError(int n, double slope, double intercept, double expected)
    {
        var fit = SlopeFit.Of(Line(n, slope, intercept));
        Assert.That(fit.Slope, Is.EqualTo(expected).Within(1e-9));
        Assert.That(fit.StandardError, Is.EqualTo(0).Within(1e-9));
        Assert.That(fit.Points, Is.EqualTo(n));
    }

    [Test]
    public void ANoisyLine_HasTheTextbookStandardError()
    {
        // y = 0, 2, 1, 3 at x = 0..3: slope 0.8, residuals -0.2, 1.0, -0.8, 0.4 → RSS 1.8, SE = sqrt(1.8 / 2 / 5) = 0.42426...
        var fit = SlopeFit.Of([(0, 0), (1, 2), (2, 1), (3, 3)]);
        Assert.That(fit.Slope, Is.EqualTo(0.8).Within(1e-12));
        Assert.That(fit.StandardError, Is.EqualTo(Math.Sqrt(0.18)).Within(1e-12));
        Assert.That(fit.Mean, Is.EqualTo(1.5).Within(1e-12));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void FewerThanThreePoints_SayNothing(int n)
    {
        var fit = SlopeFit.Of(Line(n, 5, 0));
        Assert.That(double.IsPositiveInfinity(fit.StandardError), Is.True);
        Assert.That(ResourceTrend.Judge(fit, 1), Is.EqualTo(Flatness.TooFewSamples));
    }

    // slope, standard error, points, bound → verdict
    [TestCase(0.0, 0.0, 40, 100.0, Flatness.Flat)]
    [TestCase(99.0, 0.1, 40, 100.0, Flatness.Flat)]
    [TestCase(-100.0, 0.1, 40, 100.0, Flatness.Flat)]
    [TestCase(150.0, 80.0, 40, 100.0, Flatness.WithinNoise)]   // above the bound but within 2 SE of 0
    [TestCase(150.0, 74.0, 40, 100.0, Flatness.Growing)]       // 150 > 2 × 74
    [TestCase(-0.2, 0.01, 40, 0.05, Flatness.Shrinking)]
    [TestCase(0.06, 0.01, 40, 0.05, Flatness.Growing)]
    [TestCase(500.0, 1.0, 3, 100.0, Flatness.TooFewSamples)]
    public void Judge_IsFlatUnderTheBound_OrWithinNoise(double slope, double se, int points, double bound, Flatness expected)
    {
        Assert.That(ResourceTrend.Judge(new SlopeFit(slope, se, points, 0), bound), Is.EqualTo(expected));
    }

    [TestCase(3600.0, 1200.0, 3600.0)]   // an hour: the last 40 minutes
    [TestCase(7200.0, 4800.0, 7200.0)]   // two hours: still the last 40 minutes
    [TestCase(300.0, 100.0, 300.0)]      // five minutes: the last two thirds
    public void TheWindow_IsTheLastFortyMinutes_OrTheLastTwoThirds(double end, double from, double to)
    {
        Assert.That(ResourceTrend.Window(end), Is.EqualTo((from, to)));
    }

    // run end, process born at, the state's fill time → from when its samples count
    [TestCase(3600.0, 0.0, 360.0, 1200.0)]      // started with an hour's run: the window's start, minute 20
    [TestCase(3600.0, 1800.0, 360.0, 2160.0)]   // restarted at minute 30: after its own 6 minutes
    [TestCase(900.0, 0.0, 360.0, 360.0)]        // 15 minutes: the Message List's fill outlasts the run's first third
    [TestCase(300.0, 0.0, 0.0, 100.0)]
    public void AProcessSamples_CountFromTheWindow_AndAfterItsStateFilled(double end, double born, double fill, double expected)
    {
        Assert.That(ResourceTrend.CountedFrom(end, born, fill), Is.EqualTo(expected));
    }

    [Test]
    public void APeerRestartedLate_IsJudgedOnlyAfterItsOwnWarmUp()
    {
        var samples = new List<ResourceSample>();
        // Restarted at minute 30 of an hour: its RSS climbs for 6 minutes (warm-up), then holds. Judged from minute 36 on: flat.
        for (int minute = 30; minute <= 60; minute++)
            samples.Add(new ResourceSample(minute * 60, "peer:4", "a", 44, new ProcessResources(30_000 + 2000 * Math.Min(minute - 30, 6), 60, 18)));
        var (trends, shortLives) = ResourceVerdicts.Judge(samples, 3600, fillSeconds: 360);
        Assert.That(shortLives, Is.Zero);
        Assert.That(trends.Select(t => t.Verdict), Is.All.EqualTo(Flatness.Flat));
        Assert.That(trends[0].Fit.Points, Is.EqualTo(25), "minutes 36 to 60");
        // Had it been judged over the whole window (minutes 20-60, its birth included), the climb would read as growth.
        var climb = SlopeFit.Of(samples.Select(s => (s.Seconds / 60, (double)s.Resources.RssKiB)).ToList());
        Assert.That(ResourceTrend.Judge(climb, ResourceVerdicts.RssKiBPerMinute), Is.EqualTo(Flatness.Growing));
    }

    [Test]
    public void ALeakingNode_FailsTheFlatCheck_AndASteadyOneWithNoise_Passes()
    {
        var samples = new List<ResourceSample>();
        for (int minute = 0; minute <= 60; minute++)
        {
            // peer:1 leaks 1 MiB a minute and a descriptor every 20 s; peer:2 wobbles by ±2 MiB around 40 MiB.
            samples.Add(new ResourceSample(minute * 60, "peer:1", "a", 11, new ProcessResources(40_000 + 1024 * minute, 50 + 3 * minute, 20)));
            samples.Add(new ResourceSample(minute * 60, "peer:2", "b", 12,
                new ProcessResources(40_000 + (minute % 2 == 0 ? 2048 : -2048), 50 + minute % 3, 20)));
        }
        // peer:3 lived two minutes of the window: not judged.
        samples.Add(new ResourceSample(3000, "peer:3", "c", 13, new ProcessResources(1, 1, 1)));
        samples.Add(new ResourceSample(3060, "peer:3", "c", 13, new ProcessResources(90_000, 9, 9)));
        var (trends, shortLives) = ResourceVerdicts.Judge(samples, 3600);
        Assert.That(shortLives, Is.EqualTo(1));
        Assert.That(trends.Where(t => t.Node == "peer:1").Select(t => t.Verdict),
            Is.EqualTo(new[] { Flatness.Growing, Flatness.Growing, Flatness.Flat }));
        Assert.That(trends.Where(t => t.Node == "peer:2").Select(t => ResourceTrend.Passes(t.Verdict)), Is.All.True);
        var rss = trends.Single(t => t.Node == "peer:1" && t.Resource == Resource.Rss);
        Assert.That(rss.Fit.Slope, Is.EqualTo(1024).Within(1e-6), "KiB a minute");
        Assert.That(SoakRun.FlatCheck(trends, shortLives, 3600).Failed, Is.True);
        Assert.That(SoakRun.FlatCheck(trends.Where(t => t.Node == "peer:2").ToList(), shortLives, 3600).Verdict,
            Is.EqualTo(Analysis.Summary.CheckVerdict.Passed));
    }
}

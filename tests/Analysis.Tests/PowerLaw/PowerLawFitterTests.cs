using GossipSim.Analysis.PowerLaw;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.PowerLaw;

public class PowerLawFitterTests
{
    private static readonly PowerLawFitOptions NoBootstrap = new() { BootstrapSamples = 0 };

    [Test, Combinatorial]
    public void Fit_OnAKnownPowerLaw_RecoversAlphaWithinTwoStandardErrors(
        [Values(2.0, 2.5, 3.0, 3.5)] double alpha,
        [Values(1, 5, 10)] int xmin)
    {
        var rng = new Rng((ulong)(alpha * 1000) + (ulong)xmin);
        var data = new DiscretePowerLawSampler(alpha, xmin).Sample(10_000, rng);

        var fit = PowerLawFitter.Fit(data, NoBootstrap);

        Assert.That(fit.Alpha, Is.EqualTo(alpha).Within(2 * fit.AlphaStdErr), $"xmin found {fit.Xmin}, ntail {fit.NTail}");
        // The KS search may start a little above the true xmin (the fit is as good there), never below.
        Assert.That(fit.Xmin, Is.InRange(xmin, 3 * xmin + 2));
    }

    [Test]
    public void Fit_WithXminFixedAtTheTruth_IsCloseToTheExponent()
    {
        var data = new DiscretePowerLawSampler(2.5, 3).Sample(20_000, new Rng(7));
        var fit = PowerLawFitter.Fit(data, NoBootstrap with { Xmin = 3 });
        Assert.That(fit.Xmin, Is.EqualTo(3));
        Assert.That(fit.NTail, Is.EqualTo(20_000));
        Assert.That(fit.Alpha, Is.EqualTo(2.5).Within(2 * fit.AlphaStdErr));
        // With the whole sample in the tail the standard error is close to (α - 1)/√n scaled by the discrete correction.
        Assert.That(fit.AlphaStdErr, Is.InRange(0.005, 0.02));
    }

    [Test]
    public void Fit_OnDataThatIsNotAPowerLawBelowXmin_FindsXminInTheRightRegion()
    {
        // Below 20: uniform on 1..19 (flat, nothing like a power law); from 20 up: alpha = 2.5.
        var rng = new Rng(11);
        var body = Enumerable.Range(0, 6000).Select(_ => (long)(1 + rng.NextInt(19)));
        var tail = new DiscretePowerLawSampler(2.5, 20).Sample(6000, rng);
        var data = body.Concat(tail).ToArray();

        var fit = PowerLawFitter.Fit(data, NoBootstrap);

        Assert.That(fit.Xmin, Is.InRange(17, 30));
        Assert.That(fit.Alpha, Is.EqualTo(2.5).Within(2 * fit.AlphaStdErr + 0.05));
    }

    [Test]
    public void Bootstrap_OnATruePowerLaw_GivesAPlausibleP()
    {
        var data = new DiscretePowerLawSampler(2.5, 2).Sample(3000, new Rng(21));
        var fit = PowerLawFitter.Fit(data, new PowerLawFitOptions { BootstrapSamples = 100, Seed = 5 });
        Assert.That(fit.Bootstrap, Is.EqualTo(100));
        Assert.That(fit.P, Is.GreaterThan(0.1));
    }

    [Test]
    public void Bootstrap_GivesTheSameP_OnOneThreadOrMany()
    {
        var data = new DiscretePowerLawSampler(2.2, 1).Sample(2000, new Rng(3));
        var options = new PowerLawFitOptions { BootstrapSamples = 60, Seed = 99 };
        var one = PowerLawFitter.Fit(data, options with { MaxDegreeOfParallelism = 1 });
        var four = PowerLawFitter.Fit(data, options with { MaxDegreeOfParallelism = 4 });
        var again = PowerLawFitter.Fit(data, options with { MaxDegreeOfParallelism = 2 });
        Assert.That(four.P, Is.EqualTo(one.P));
        Assert.That(again.P, Is.EqualTo(one.P));
        Assert.That(one.Bootstrap, Is.EqualTo(60));
    }

    [Test]
    public void Geometric_IsRejectedOrDisfavouredAgainstExponential()
    {
        var data = AlternativeSamplers.Geometric(5000, 0.15, 1, new Rng(4));
        var fit = PowerLawFitter.Fit(data, new PowerLawFitOptions { BootstrapSamples = 100, Seed = 2 });
        bool rejected = fit.P < 0.1;
        bool disfavoured = fit.VsExponential.R < 0 && fit.VsExponential.P < 0.1;
        Assert.That(rejected || disfavoured, Is.True,
            $"p = {fit.P}, vs exponential R = {fit.VsExponential.R} (p = {fit.VsExponential.P}), xmin = {fit.Xmin}, ntail = {fit.NTail}");
    }

    [Test]
    public void Lognormal_IsNotFavouredAgainstLognormal()
    {
        var data = AlternativeSamplers.DiscreteLognormal(10_000, 2.0, 1.0, 1, new Rng(8));
        var fit = PowerLawFitter.Fit(data, NoBootstrap);
        bool powerLawFavoured = fit.VsLognormal.R > 0 && fit.VsLognormal.P < 0.1;
        Assert.That(powerLawFavoured, Is.False, $"R = {fit.VsLognormal.R}, p = {fit.VsLognormal.P}, xmin = {fit.Xmin}");
    }

    [Test]
    public void BarabasiAlbertDegrees_FitAnExponentNearThree()
    {
        var degrees = BarabasiAlbert.Degrees(50_000, 3, new Rng(2009));
        var fit = PowerLawFitter.Fit(degrees, NoBootstrap);
        Assert.That(fit.Alpha, Is.EqualTo(3.0).Within(0.3), $"xmin {fit.Xmin}, ntail {fit.NTail}");
        Assert.That(fit.VsExponential.R, Is.GreaterThan(0));
        Assert.That(fit.VsExponential.P, Is.LessThan(0.1));
    }

    [Test]
    public void Fit_ReportsTheSampleAndTail()
    {
        long[] data = [1, 1, 2, 3, 5, 8, 13, 21, 34, 55];
        var fit = PowerLawFitter.Fit(data, NoBootstrap);
        Assert.That(fit.N, Is.EqualTo(10));
        Assert.That(fit.NTail, Is.EqualTo(data.Count(x => x >= fit.Xmin)));
        Assert.That(fit.HasPValue, Is.False);
        Assert.That(double.IsNaN(fit.P), Is.True);
    }

    [Test]
    public void Fit_RefusesEmptyData()
    {
        var ex = Assert.Throws<PowerLawFitException>(() => PowerLawFitter.Fit(Array.Empty<long>(), NoBootstrap));
        Assert.That(ex!.Message, Does.Contain("no data"));
    }

    [TestCase(0L)]
    [TestCase(-3L)]
    public void Fit_RefusesNonPositiveValues_NamingThem(long bad)
    {
        long[] data = [4, 2, bad, 7];
        var ex = Assert.Throws<PowerLawFitException>(() => PowerLawFitter.Fit(data, NoBootstrap));
        Assert.That(ex!.Message, Does.Contain($"value {bad} at position 3"));
    }

    [Test]
    public void Fit_RefusesAllEqualValues()
    {
        var ex = Assert.Throws<PowerLawFitException>(() => PowerLawFitter.Fit(new long[] { 5, 5, 5, 5 }, NoBootstrap));
        Assert.That(ex!.Message, Does.Contain("all 4 values equal 5"));
    }

    [Test]
    public void Fit_RefusesAFixedXminThatLeavesNoTail()
    {
        var ex = Assert.Throws<PowerLawFitException>(() => PowerLawFitter.Fit(new long[] { 1, 2, 3, 9 }, NoBootstrap with { Xmin = 9 }));
        Assert.That(ex!.Message, Does.Contain("xmin = 9"));
    }
}

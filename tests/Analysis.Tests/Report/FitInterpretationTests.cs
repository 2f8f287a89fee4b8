using GossipSim.Analysis.PowerLaw;
using GossipSim.Analysis.Report;
using GossipSim.Analysis.Summary;
using LikelihoodRatio = GossipSim.Analysis.PowerLaw.LikelihoodRatio;

namespace GossipSim.Analysis.Tests.Report;

public class FitInterpretationTests
{
    private static PowerLawFit Fit(double p, (double R, double P) vsExp, (double R, double P) vsLn, int bootstrap = 1000) => new(
        2.5, 0.05, 3, 1000, 0.02, p,
        new LikelihoodRatio(vsLn.R, vsLn.P, 0), new LikelihoodRatio(vsExp.R, vsExp.P, 0),
        5000, bootstrap, new DiscreteLognormal(1, 1, 3), new DiscreteExponential(0.1, 3));

    [Test]
    public void PlausibleAndFavouredOverExponential_InconclusiveAgainstLognormal()
    {
        string s = FitInterpretation.Sentence(Fit(0.41, (12.3, 1e-9), (-0.52, 0.6)));
        Assert.That(s, Is.EqualTo("A power law is plausible (p = 0.41) and favoured over exponential (R = 12.3, p < 0.001); "
            + "the comparison with log-normal (R = -0.52, p = 0.6) is inconclusive."));
    }

    [Test]
    public void RuledOutAndDisfavoured()
    {
        string s = FitInterpretation.Sentence(Fit(0.03, (-4.1, 0.00004), (-2.2, 0.028)));
        Assert.That(s, Is.EqualTo("A power law is ruled out (p = 0.03) and disfavoured against exponential (R = -4.1, p < 0.001) "
            + "and log-normal (R = -2.2, p = 0.028)."));
    }

    [Test]
    public void FavouredAndDisfavouredTogether()
    {
        string s = FitInterpretation.Sentence(Fit(0.5, (4.5, 0.00001), (-1.66, 0.0966)));
        Assert.That(s, Does.Contain("favoured over exponential").And.Contain("but disfavoured against log-normal (R = -1.66, p = 0.0966)"));
    }

    [TestCase(49, true)]
    [TestCase(50, false)]
    [TestCase(1000, false)]
    public void ATailOfFewerThanFiftyValues_GetsAPlainCaveat(int ntail, bool caveat)
    {
        var fit = Fit(0.41, (12.3, 1e-9), (-0.52, 0.6)) with { NTail = ntail };
        string? text = FitInterpretation.Caveat(fit);
        Assert.That(text, caveat ? Does.StartWith($"Caution: the tail has only {ntail} values (fewer than 50).") : Is.Null);
        string html = HtmlReport.Render(new ReportContent { Scenario = "s", ReproduceCommand = "r", Fit = fit });
        Assert.That(html.Contains("class=\"caveat\""), Is.EqualTo(caveat), "the report shows it beside the verdict");
    }

    [Test]
    public void ThresholdIsPointOne_Inclusive()
    {
        Assert.That(FitInterpretation.Sentence(Fit(0.1, (1, 0.5), (1, 0.5))), Does.StartWith("A power law is plausible (p = 0.1)"));
        Assert.That(FitInterpretation.Sentence(Fit(0.099, (1, 0.5), (1, 0.5))), Does.StartWith("A power law is ruled out"));
        Assert.That(FitInterpretation.Compare(new LikelihoodRatio(3, 0.1, 0)), Is.EqualTo(FitInterpretation.Verdict.Inconclusive));
        Assert.That(FitInterpretation.Compare(new LikelihoodRatio(3, 0.099, 0)), Is.EqualTo(FitInterpretation.Verdict.Favoured));
    }

    [Test]
    public void ZeroBootstrapExceedances_AreReportedAsBelowOneOverB()
    {
        Assert.That(FitInterpretation.Sentence(Fit(0, (1, 0.5), (1, 0.5), bootstrap: 500)), Does.StartWith("A power law is ruled out (p < 0.002)"));
    }

    [Test]
    public void WithoutBootstrap_SaysThereWasNoTest()
    {
        string s = FitInterpretation.Sentence(Fit(double.NaN, (5, 0.001), (0.2, 0.8), bootstrap: 0));
        Assert.That(s, Does.StartWith("A power law was fitted without a goodness-of-fit test (no bootstrap); it is favoured over exponential"));
    }

    [TestCase(12.345, "12.3")]
    [TestCase(0.41, "0.41")]
    [TestCase(-0.5234, "-0.523")]
    [TestCase(1234.5, "1235")]
    [TestCase(0.00001234, "1.23e-5")]
    public void Numbers_HaveThreeSignificantDigits(double x, string expected)
    {
        Assert.That(Readable.Number(x), Is.EqualTo(expected));
    }
}

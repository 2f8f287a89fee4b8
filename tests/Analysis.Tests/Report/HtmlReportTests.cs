using GossipSim.Engine.Vocabulary;
using System.Text.RegularExpressions;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.PowerLaw;
using GossipSim.Analysis.Report;
using GossipSim.Analysis.Summary;
using LikelihoodRatio = GossipSim.Analysis.PowerLaw.LikelihoodRatio;

namespace GossipSim.Analysis.Tests.Report;

public class HtmlReportTests
{
    private static ReportContent Content(PowerLawFit? fit = null) => new()
    {
        Scenario = "crash-hub <test>",
        ReproduceCommand = "dotnet run --project Scenarios -- scenarios/crash-hub.json --seed 42 && echo \"done\"",
        Summary = [new("peers", "1000"), new("gossip.deliveryRatio", "1"), new("gossip.deliveries", "999")],
        Checks =
        [
            CheckResult.Pass("heal: live seeds agree", "3 live seeds hold the same 9 peers"),
            CheckResult.NotExercised("liveness: crashed peers removed in time", "no peer crashed"),
            CheckResult.Fail("safety: no live peer removed", "no seed removes a peer that has not crashed or left", "t=5.000 seed a removed live peer b"),
        ],
        Fit = fit,
        FitNote = "no fit here",
        Figures = [new ReportFigure("Latency", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>", "a caption")],
        Failures = [new FailureRow("10.1.0.9:7000", "peer", 35, 74.1, 77.1, 80.2, Degree: 12, RemovedBySeeds: 2),
            new FailureRow("10.1.0.4:7000", "peer", 40, null, null, null, Degree: 3)],
        Seeds = 3,
    };

    [Test]
    public void Report_IsSelfContained()
    {
        string html = HtmlReport.Render(Content());
        Assert.That(html, Does.Not.Contain("<script"));
        Assert.That(html, Does.Not.Contain("<link"));
        Assert.That(html, Does.Not.Match("(src|href)\\s*="));
        // The only URL is the SVG namespace, which is a name, not a fetch.
        var urls = Regex.Matches(html, "https?://[^\"'\\s<]+").Select(m => m.Value).Distinct().ToList();
        Assert.That(urls, Is.EqualTo(new[] { "http://www.w3.org/2000/svg" }));
        Assert.That(html, Does.Contain("<style>"));
    }

    [Test]
    public void Report_EscapesTextAndInlinesFiguresWithoutTheXmlDeclaration()
    {
        string html = HtmlReport.Render(Content());
        Assert.That(html, Does.Contain("crash-hub &lt;test&gt;"));
        Assert.That(html, Does.Contain("&amp;&amp; echo &quot;done&quot;"));
        Assert.That(html, Does.Contain("<figure>\n<svg xmlns="));
        Assert.That(html, Does.Not.Contain("<?xml"));
        Assert.That(html, Does.Contain("<figcaption>a caption</figcaption>"));
    }

    [Test]
    public void Report_HasSummaryAndFailureTables()
    {
        string html = HtmlReport.Render(Content());
        Assert.That(html, Does.Contain("<td>gossip.deliveryRatio</td><td class=\"num\">1</td>"));
        Assert.That(html, Does.Contain("<td>gossip.deliveries</td><td class=\"num\">999</td><td>first receipts: each (message, peer) counted once, duplicates not</td>"));
        Assert.That(html, Does.Contain("<td>10.1.0.9:7000</td><td>peer</td><td class=\"num\">12</td><td class=\"num\">35.000</td><td class=\"num\">74.100</td>"));
        Assert.That(html, Does.Contain("<td class=\"num\">+39.100</td><td class=\"num\">+45.200</td><td class=\"num\">2 of 3</td></tr>"));
        Assert.That(html, Does.Contain("<td class=\"num\">—</td><td class=\"num\">—</td><td class=\"num\">0 of 3</td></tr>"));
        Assert.That(html, Does.Contain("<td class=\"num\">—</td>"));
    }

    [Test]
    public void Report_ListsEveryCheckWithItsVerdictAndFirstViolation_AndTheCounts()
    {
        string html = HtmlReport.Render(Content());
        Assert.That(html, Does.Contain("<p class=\"verdict\">1 passed, 1 not exercised, 1 failed: a check failed.</p>"));
        Assert.That(html, Does.Contain("<td class=\"passed\">PASS</td><td>heal: live seeds agree</td>"));
        Assert.That(html, Does.Contain("<td class=\"notexercised\">NOT EXERCISED</td><td>liveness: crashed peers removed in time</td><td>no peer crashed</td><td>—</td>"));
        Assert.That(html, Does.Contain("<td class=\"failed\">FAIL</td><td>safety: no live peer removed</td>"));
        Assert.That(html, Does.Contain("<td>t=5.000 seed a removed live peer b</td>"));
    }

    [Test]
    public void Report_ShowsTheFitAndItsSentence_OrTheReasonThereIsNone()
    {
        Assert.That(HtmlReport.Render(Content()), Does.Contain("no fit here"));
        var fit = new PowerLawFit(2.77, 0.09, 5, 402, 0.0174, 0.49,
            new LikelihoodRatio(-1.66, 0.0966, -10), new LikelihoodRatio(4.5, 1e-5, 30), 999, 1000,
            new DiscreteLognormal(1, 1, 5), new DiscreteExponential(0.1, 5));
        string html = HtmlReport.Render(Content(fit));
        Assert.That(html, Does.Contain(HtmlReport.H(FitInterpretation.Sentence(fit))));
        Assert.That(html, Does.Contain("2.770 ± 0.090"));
        Assert.That(html, Does.Contain("402 / 999"));
        Assert.That(html, Does.Not.Contain("no fit here"));
    }

    [Test]
    public void RunReport_WritesPlotsAndReportIntoTheFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}");
        try
        {
            var degrees = BarabasiAlbert.Degrees(2000, 2, new Rng(4));
            var output = RunReport.Write(dir, new RunReportInput
            {
                Scenario = "unit",
                ReproduceCommand = "dotnet run --project Analysis -- report x",
                Degrees = degrees,
                Latency = [new LatencySeries("all deliveries", [0.1, 0.2, 0.3])],
                FitOptions = new PowerLawFitOptions { BootstrapSamples = 20 },
            });
            foreach (var name in new[] { "degree.svg", "latency.svg", "failures.svg", "degree.png", "latency.png", "failures.png", "report.html" })
                Assert.That(File.Exists(Path.Combine(dir, name)), Is.True, name);
            Assert.That(output.Fit, Is.Not.Null);
            Assert.That(output.Files[^1], Does.EndWith("report.html"));
            string html = File.ReadAllText(Path.Combine(dir, "report.html"));
            Assert.That(Regex.Matches(html, "<svg ").Count, Is.EqualTo(3));
            Assert.That(html, Does.Not.Contain("<?xml"));
            // Self-contained: the only URLs are the SVG namespaces, which are names, not fetches.
            var urls = Regex.Matches(html, "https?://[^\"'\\s<]+").Select(m => m.Value).Distinct().Order().ToList();
            Assert.That(urls, Is.EqualTo(new[] { "http://www.w3.org/1999/xlink", "http://www.w3.org/2000/svg" }));
            // Ids (clip paths) stay unique across the three inlined SVGs.
            var ids = Regex.Matches(html, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.That(ids, Is.Unique);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void FitDegrees_LeavesOutZerosAndExplainsARefusal()
    {
        var (fit, note) = RunReport.FitDegrees(new long[] { 0, 0, 4, 4, 4 }, new PowerLawFitOptions { BootstrapSamples = 0 });
        Assert.That(fit, Is.Null);
        Assert.That(note, Does.Contain("3 positive degrees").And.Contain("all 3 values equal 4"));
    }

    [Test]
    public void SummaryJson_FlattensNestedObjectsAndSkipsBulk()
    {
        var pairs = SummaryJson.Flatten("""
            {"scenario":"x","seed":20261122,"peers":1000,"peakWorkingSetBytes":3344044032,"degree":{"mean":5.931034482758621,"histogram":{"3":412},"vsLognormal":{"R":-1.5,"p":0.1}},
             "failures":[{"node":"a"}],"checks":[{"name":"c"}],"ok":true,"none":null,"list":[1,2],"extra":{"timeOriginUnixSeconds":1795395282.012}}
            """);
        Assert.That(pairs.Select(p => $"{p.Key}={p.Value}"), Is.EqualTo(new[]
        {
            "scenario=x", "seed=20261122", "peers=1,000", "peakWorkingSetBytes=3.11 GiB", "degree.mean=5.93", "degree.vsLognormal.R=-1.5", "degree.vsLognormal.p=0.1",
            "ok=true", "list=1, 2", "extra.timeOriginUnixSeconds=1795395282.012",
        }), "rounded for people: byte counts in GiB, counts with separators; the seed and Unix times exact");
    }
}

using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Report;

namespace GossipSim.Analysis.Tests.Plots;

/// <summary>
/// A simulation with 9,000 crashed peers (a mass failure at 10⁴) asked the failure
/// timeline for a row each, a 468,210 px tall image, and Skia's NullReferenceException ("invalid
/// SKImageInfo") failed the run after its summary was written.
/// </summary>
public class ManyFailuresTests
{
    private static readonly byte[] PngMagic = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>9,000 peers crashed at 60 s; every 100th never removed, every 10th never suspected.</summary>
    private static List<FailureRow> MassFailure(int count = 9000) => Enumerable.Range(0, count).Select(i => new FailureRow(
        $"10.1.{i / 250}.{i % 250}:7000", "peer", 60 + i % 3 * 0.001,
        i % 10 == 0 ? null : 63 + i % 7, i % 10 == 0 ? null : 65 + i % 7, i % 100 == 0 ? null : 68 + i % 11)).ToList();

    [Test]
    public void ThousandsOfCrashes_DrawAsCountsOverTime_InAFigureOfOrdinarySize()
    {
        var figure = FailureTimelinePlot.Figure(MassFailure());

        Assert.That(figure.Height, Is.LessThanOrEqualTo(2000), "a page's plot, not 468,210 px");
        byte[] png = [];
        Assert.DoesNotThrow(() => png = ChartRenderer.Png(figure));
        Assert.That(png.Take(8), Is.EqualTo(PngMagic));
        Assert.That(ChartRenderer.Svg(figure), Does.Contain("<svg"));

        var chart = figure.Panels.Single();
        double Last(string legend) => chart.Series.Single(s => s.Legend == legend).Points[^1].Y;
        Assert.Multiple(() =>
        {
            Assert.That(Last("crashed"), Is.EqualTo(9000));
            Assert.That(Last("suspected"), Is.EqualTo(8100));
            Assert.That(Last("reported dead"), Is.EqualTo(8100));
            Assert.That(Last("removed by the seeds"), Is.EqualTo(8910));
            Assert.That(chart.Title, Does.Contain("9,000 crashed nodes"));
            Assert.That(chart.YTicks, Is.Null, "no row per node");
            Assert.That(chart.Notes.Select(n => n.Text), Has.Some.Contains("after the crash").And.Some.Contains("90 not removed"));
        });
    }

    /// <summary>The run path's report (RunReport.Write, what a run calls once its summary is written) with the 9,000 crashes.</summary>
    [Test]
    public void TheReportOfAMassFailure_IsWritten_WithItsThreePlots()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}");
        try
        {
            Assert.DoesNotThrow(() => RunReport.Write(dir, Input(MassFailure())));
            string html = File.ReadAllText(Path.Combine(dir, RunReport.HtmlFile));
            Assert.That(System.Text.RegularExpressions.Regex.Matches(html, "<svg ").Count, Is.EqualTo(3));
            Assert.That(File.Exists(Path.Combine(dir, "failures.png")), Is.True);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static RunReportInput Input(IReadOnlyList<FailureRow> failures) => new()
    {
        Scenario = "unit",
        ReproduceCommand = "dotnet run --project Analysis -- report x",
        Degrees = [1, 2, 2, 3, 3, 3, 5, 8],
        Latency = [new LatencySeries("all deliveries", [0.1, 0.2, 0.3])],
        Failures = failures,
        FitOptions = new GossipSim.Analysis.PowerLaw.PowerLawFitOptions { BootstrapSamples = 0 },
    };

    [Test]
    public void AFewCrashes_KeepARowEach()
    {
        var chart = FailureTimelinePlot.Chart(MassFailure(FailureTimelinePlot.MostRows), [], []);
        Assert.That(chart.YTicks, Has.Count.EqualTo(FailureTimelinePlot.MostRows));
    }

    [Test]
    public void AFigureTooLargeToDraw_IsRefusedInWords()
    {
        var ex = Assert.Throws<PlotException>(() => ChartRenderer.Png(new Figure(FailureTimelinePlot.Chart([], [], []), 1240, 468_210)));
        Assert.That(ex!.Message, Does.Contain("1240 × 468210 px"));
    }

    /// <summary>A report never fails the run: a plot that cannot be drawn is left out, and the page says why.</summary>
    [Test]
    public void APlotThatCannotBeDrawn_IsLeftOutOfTheReport_WithTheReason()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}");
        try
        {
            var said = new List<string>();
            string Save(Figure figure, string path) => Path.GetFileName(path) == RunReport.FailuresFile
                ? throw new NullReferenceException("invalid SKImageInfo")
                : ChartRenderer.Save(figure, path);
            var output = RunReport.Write(dir, Input(MassFailure(3)), said.Add, Save);

            Assert.That(output.LeftOut, Is.EqualTo(new[] { "failures plot left out: it could not be drawn (invalid SKImageInfo)" }));
            Assert.That(said, Does.Contain(output.LeftOut[0]));
            Assert.That(File.Exists(Path.Combine(dir, "degree.png")) && File.Exists(Path.Combine(dir, "latency.svg")), Is.True);
            Assert.That(File.Exists(Path.Combine(dir, "failures.png")), Is.False);
            string html = File.ReadAllText(Path.Combine(dir, RunReport.HtmlFile));
            Assert.That(System.Text.RegularExpressions.Regex.Matches(html, "<svg ").Count, Is.EqualTo(2));
            Assert.That(html, Does.Contain("<h2>Failure timeline</h2>\n<p class=\"caveat\">This plot was left out: it could not be drawn (invalid SKImageInfo).</p>"));
            Assert.That(html, Does.Contain("<h2>Failures</h2>"), "the failures table is still there");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}

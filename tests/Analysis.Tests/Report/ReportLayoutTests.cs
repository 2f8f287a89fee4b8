using System.Text.RegularExpressions;
using GossipSim.Analysis.Cli;
using GossipSim.Analysis.Report;
using GossipSim.TestSupport;

namespace GossipSim.Analysis.Tests.Report;

/// <summary>
/// The report page as a reader meets it, on a report generated from the fixture run
/// (tests/fixtures/crash-hub): the verdicts, then the three plots, then the figures; every
/// summary row says what it measures; delays say they are from the crash.
/// </summary>
[NonParallelizable] // the report command writes to Console
public class ReportLayoutTests
{
    private string _dir = "";
    private string _html = "";

    [OneTimeSetUp]
    public void GenerateTheFixtureRunsReport()
    {
        _dir = Path.Combine(Path.GetTempPath(), $"report-layout-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dir);
        foreach (var name in new[] { "trace.jsonl.gz", "summary.json", "repro.txt", "scenario.json" })
            File.Copy(RepositoryFiles.Path("tests", "fixtures", "crash-hub", name), Path.Combine(_dir, name));
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var err = new StringWriter();
        Console.SetOut(new StringWriter());
        Console.SetError(err);
        int code;
        try { code = AnalysisCli.Run(["report", _dir, "--bootstrap", "0"]); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
        Assert.That(code, Is.Zero, err.ToString());
        _html = File.ReadAllText(Path.Combine(_dir, RunReport.HtmlFile));
    }

    [OneTimeTearDown]
    public void RemoveTheFolder()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private int At(string text)
    {
        int i = _html.IndexOf(text, StringComparison.Ordinal);
        Assert.That(i, Is.GreaterThanOrEqualTo(0), $"the report holds {text}");
        return i;
    }

    private IEnumerable<string> Headings() => Regex.Matches(_html, "<h2[^>]*>(.*?)</h2>").Select(m => m.Groups[1].Value);

    [Test]
    public void ReadsTopDown_TheChecks_ThenTheThreePlots_ThenTheFigures()
    {
        var svgs = Regex.Matches(_html, "<svg ").Select(m => m.Index).ToList();
        Assert.That(svgs, Has.Count.EqualTo(3));
        int checks = At("<h2>Checks</h2>"), summary = At("<h2>Summary</h2>"), fitTable = At("<th>quantity</th><th>value</th><th>meaning</th>");
        int failureTable = At("<h2>Failures</h2>");
        Assert.That(checks, Is.LessThan(svgs[0]), "the verdicts come first");
        Assert.That(At("<h2>Degree distribution</h2>"), Is.LessThan(At("<h2>Gossip propagation latency</h2>")));
        Assert.That(At("<h2>Gossip propagation latency</h2>"), Is.LessThan(At("<h2>Failure timeline</h2>")));
        foreach (var (name, at) in new[] { ("summary table", summary), ("fit table", fitTable), ("failures table", failureTable) })
            Assert.That(at, Is.GreaterThan(svgs[2]), $"the {name} comes after the three plots");
        Assert.That(Headings().First(), Is.EqualTo("Checks"));
    }

    [Test]
    public void EverySummaryRow_SaysWhatItMeasures()
    {
        string table = _html[At("<h2>Summary</h2>")..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        var rows = Regex.Matches(table, "<tr><td>([^<]*)</td><td class=\"num\">[^<]*</td><td>([^<]*)</td></tr>")
            .Select(m => (Key: m.Groups[1].Value, Meaning: m.Groups[2].Value)).ToList();
        Assert.That(rows, Has.Count.GreaterThan(40), "the fixture's summary has its ~60 rows");
        Assert.That(rows.Where(r => r.Meaning.Trim().Length == 0).Select(r => r.Key), Is.Empty, "rows with no description");
    }

    [Test]
    public void TheFailuresTable_GivesTheCrashedNodesDegree_TheSeedsThatRemovedIt_AndDelaysFromTheCrash()
    {
        // The fixture's hub: degree 14 at its crash, removed by all 3 seeds (its summary.json says the same).
        string table = _html[At("<h2>Failures</h2>")..];
        Assert.That(table, Does.Contain("<th>degree at the crash</th>").And.Contain("<th>seeds that removed it</th>"));
        Assert.That(table, Does.Contain("after the crash"));
        Assert.That(table, Does.Match("<td>127\\.0\\.0\\.1:35009</td><td>peer</td><td class=\"num\">14</td>"));
        Assert.That(table, Does.Match("<td class=\"num\">3 of 3</td></tr>"));
    }

    [Test]
    public void NothingUnexercised_NoNotExercisedFootnote()
    {
        Assert.That(_html, Does.Contain("All 8 checks passed"));
        Assert.That(_html, Does.Not.Contain("Not exercised:"));
    }
}

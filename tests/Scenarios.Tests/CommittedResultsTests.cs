using GossipSim.Analysis.Cli;
using GossipSim.Analysis.Summary;
using GossipSim.Dashboard.Events;

namespace GossipSim.Scenarios.Tests;

/// <summary>
/// The headline run as committed (its compressed trace, summary and scenario, kept as a fixture in
/// tests/fixtures/crash-hub so that running the headline command does not change it): it replays
/// and its report is rebuilt from a copy, so a reader can check it without running anything.
/// </summary>
[NonParallelizable] // swaps Console.Out and Console.Error
public class CommittedResultsTests
{
    private string _copy = "";

    [SetUp]
    public void CopyCrashHub()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root != null && !File.Exists(Path.Combine(root.FullName, "GossipSim.sln"))) root = root.Parent;
        if (root == null) Assert.Ignore("not run from inside the repository");
        string source = Path.Combine(root.FullName, "tests", "fixtures", "crash-hub");
        _copy = Path.Combine(Path.GetTempPath(), $"crash-hub-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_copy);
        // What the report is rebuilt from; the plots and report.html are left behind on purpose.
        foreach (var name in new[] { "trace.jsonl.gz", "summary.json", "scenario.json", "repro.txt" })
            File.Copy(Path.Combine(source, name), Path.Combine(_copy, name));
    }

    [TearDown]
    public void Remove()
    {
        if (Directory.Exists(_copy)) Directory.Delete(_copy, recursive: true);
    }

    [Test]
    public void TheReport_IsRebuiltFromTheCompressedTrace_WithEveryCheckAndItsVerdict()
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o);
        Console.SetError(e);
        int code;
        try { code = AnalysisCli.Run(["report", _copy, "--bootstrap", "0"]); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }

        Assert.That(code, Is.EqualTo(0), e.ToString());
        foreach (var f in new[] { "report.html", "degree.svg", "latency.svg", "failures.svg", "failures.png" })
            Assert.That(File.Exists(Path.Combine(_copy, f)), Is.True, f);
        string html = File.ReadAllText(Path.Combine(_copy, "report.html"));
        var summary = RunSummary.FromJson(File.ReadAllText(Path.Combine(_copy, "summary.json")));
        Assert.That(summary.Checks, Is.Not.Empty);
        foreach (var c in summary.Checks!)
            Assert.That(html, Does.Contain(Analysis.Report.HtmlReport.H(c.Name)).And.Contain(CheckResult.Word(c.Verdict)), c.Name);
        var crash = summary.Failures.Single();
        Assert.That(html, Does.Contain(crash.Node), "the crash is in the failure table");
        Assert.That(crash.At, Is.GreaterThanOrEqualTo(9), "on the scenario's clock, the crash came at its 9 s or later");
    }

    [Test]
    public void TheRun_Replays_EveryEventOfItsTrace()
    {
        var summary = RunSummary.FromJson(File.ReadAllText(Path.Combine(_copy, "summary.json")));
        var oldOut = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            var (timeline, origin, name) = SavedRun.Load(_copy);
            Assert.That(name, Is.EqualTo("crash-hub"));
            Assert.That(timeline.Count, Is.EqualTo(summary.TraceLines));
            Assert.That(origin.TotalSeconds, Is.GreaterThan(1e9), "a real run's origin is its Unix start time");
        }
        finally { Console.SetOut(oldOut); }
    }
}

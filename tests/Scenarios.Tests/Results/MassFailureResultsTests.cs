using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Summary;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Results;

/// <summary>
/// A simulation with 9,000 crashed peers (a mass failure at 10⁴) wrote its summary and
/// trace, then exited 1 with "NullReferenceException: invalid SKImageInfo" from the failures plot.
/// Here the results of such a run (its statistics fed the crashes as the simulator traces them) go
/// through what a run does once it has ended: write the results, print the summary lines.
/// </summary>
public class MassFailureResultsTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("gossipsim-mass-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private const int Peers = 10_000, Crashed = 9_000;

    /// <summary>3 seeds and 10,000 peers in a chain; 9,000 peers crash at 60 s; the seeds remove all but 90 of them.</summary>
    private RunResult MassFailure()
    {
        var stats = new RunStatistics();
        NodeAddress Seed(int i) => new((uint)(0x0A000001 + i), 7000);
        NodeAddress Peer(int i) => new((uint)(0x0A010000 + i), 7000);
        for (int i = 0; i < 3; i++) stats.Write(new TraceEvent(TimeSpan.Zero, TraceKind.NodeStarted, Seed(i), Detail: "seed"));
        for (int i = 0; i < Peers; i++) stats.Write(new TraceEvent(TimeSpan.FromSeconds(1), TraceKind.NodeStarted, Peer(i), Detail: "peer"));
        for (int i = 1; i < Peers; i++)
        {
            stats.Write(new TraceEvent(TimeSpan.FromSeconds(2), TraceKind.LinkUp, Peer(i), Peer(i - 1)));
            stats.Write(new TraceEvent(TimeSpan.FromSeconds(2), TraceKind.LinkUp, Peer(i - 1), Peer(i)));
        }
        for (int i = 0; i < Crashed; i++) stats.Write(new TraceEvent(TimeSpan.FromSeconds(60), TraceKind.CrashInjected, Peer(i), A: 2));
        for (int i = 90; i < Crashed; i++)
            for (int s = 0; s < 3; s++)
                stats.Write(new TraceEvent(TimeSpan.FromSeconds(70 + i % 20), TraceKind.MemberRemoved, Seed(s), Peer(i), A: 1));
        var summary = new RunSummary { Scenario = "mass-failure", Runtime = "sim", Seed = 1, Seeds = 3, Peers = Peers };
        stats.FillSummary(summary);
        string outDir = Path.Combine(_dir, "out");
        Directory.CreateDirectory(outDir);
        return new RunResult(summary, stats, outDir);
    }

    [Test]
    public void AMassFailuresResults_AreWritten_WithItsFailurePlot()
    {
        var result = MassFailure();
        Assert.That(result.Summary.Failures, Has.Count.EqualTo(Crashed));
        string path = Path.Combine(_dir, "mass-failure.json");
        File.WriteAllText(path, $"{{ \"seeds\": 3, \"peers\": {Peers} }}");
        var said = new List<string>();

        Assert.DoesNotThrow(() => ResultsWriter.Write(result, ScenarioLoader.Load(path), path, new RunOptions { Quiet = true }, said.Add));

        foreach (var file in new[] { "summary.json", "report.html", "failures.png", "failures.svg", "degree.png", "latency.png" })
            Assert.That(File.Exists(Path.Combine(result.OutDir, file)), Is.True, file);
        Assert.That(said, Has.None.Contains("left out"));
    }

    [Test]
    public void AMassFailuresSummaryLines_NameAFewFailures_AndCountTheRest()
    {
        var result = MassFailure();
        var lines = RunSummaryLines.Of(result).ToList();
        var failures = lines.Where(l => l.StartsWith("failure", StringComparison.Ordinal)).ToList();
        Assert.That(failures, Has.Count.LessThanOrEqualTo(RunSummaryLines.MostFailureLines + 1));
        Assert.That(failures[^1], Does.Contain("8,990 more").And.Contain("summary.json"));
        Assert.That(lines, Has.Some.Contains("9,000 crashed").And.Some.Contains("8,910 removed"));
    }
}

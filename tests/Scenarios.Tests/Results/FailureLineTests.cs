using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;

namespace GossipSim.Scenarios.Tests.Results;

/// <summary>A crash's line in what a run prints says what became of the peer: removed by the seeds, or started again first; and a
/// run whose receipts were timed before their creation says its nodes' clocks differ.</summary>
public class FailureLineTests
{
    private static string LineOf(FailureRecord f) => LineOf(new RunSummary
        { Scenario = "lines", Runtime = "sim", Seed = 1, Seeds = 3, Peers = 2, Failures = [f] }, "failure:");

    // The lines after it read the results folder: only those before it are read.
    private static string LineOf(RunSummary summary, string start) =>
        RunSummaryLines.Of(new RunResult(summary, new RunStatistics(), "")).First(l => l.StartsWith(start));

    [Test]
    public void ReceiptsTimedBeforeTheirCreation_AreSaidToComeFromClocksThatDiffer()
    {
        var summary = new RunSummary { Scenario = "lines", Runtime = "real", Seed = 1, Seeds = 3, Peers = 2 };
        summary.Gossip.ReceivedBeforeCreated = new ClockSkew { Receipts = 12, WorstSeconds = 0.0254 };
        Assert.That(LineOf(summary, "clocks:"), Is.EqualTo("clocks: 12 first receipts were timed before their message's creation, the "
            + "earliest by 25.4 ms: the nodes' clocks differ by at least that (those latencies count as 0)"));
    }

    [Test]
    public void APeerStartedAgainBeforeItsRemoval_IsSaidSo() =>
        Assert.That(LineOf(new FailureRecord { Node = "10.1.0.2:7000", At = 10, RestartedAt = 12 }),
            Does.EndWith("removed never (by 0 seeds), started again at 12.0 s first"));

    [Test]
    public void APeerTheSeedsRemoved_SaysNoRestart() =>
        Assert.That(LineOf(new FailureRecord { Node = "10.1.0.2:7000", At = 10, RemovedAt = 14.5, RemovedBySeeds = 3 }),
            Does.EndWith("removed 14.5 s (by 3 seeds)"));
}

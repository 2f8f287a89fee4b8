using GossipSim.Scenarios.Compare;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>
/// SWIM on the simulator, on the headline scenario: every check of crash-hub holds (the hub found, reported, removed by the seeds'
/// majority, delivery after the heal), it is suspected sooner than by the classic three missed pings, reported only after
/// Lifeguard's suspicion time, a peer sends one probe a period, and the run is as reproducible as the classic one on any thread
/// count.
/// </summary>
public class SwimSimTests : RunFolder
{
    [Test]
    public void CompareProtocols_OnCrashHub_SwimKeepsEveryCheck_AndFindsTheHubSooner()
    {
        var report = CrashHubUnder.Compared(Dir, "flood", "flood+swim");
        var classic = report.Runs.Single(r => r.Protocol == "flood");
        var swim = report.Runs.Single(r => r.Protocol == "flood+swim");
        foreach (var r in report.Runs) Assert.That(r.RemovedAfter, Is.Not.Null, $"{r.Protocol}: the hub is removed");
        Assert.That(swim.Victim, Is.EqualTo(classic.Victim).And.Not.Null, "the same victim");
        Assert.That(swim.FirstSuspectedAfter, Is.LessThan(classic.FirstSuspectedAfter!.Value), "one probe a period finds the hub before three missed 1 s pings");
        // Lifeguard gives a suspect at least the shortest suspicion (6 s) to answer before it is reported: under crash-hub's demo
        // timings (1 s pings) the classic detector reports sooner, at the price of no such grace.
        Assert.That(swim.RemovedAfter, Is.GreaterThan(swim.FirstSuspectedAfter!.Value + 6));
        Assert.That(classic.ProbesPerPeer, Is.Null, "the classic detector sends no SWIM probes");
        Assert.That(swim.ProbesPerPeer, Is.GreaterThan(10), "a peer probes once a period over the run");
        Assert.That(File.ReadAllText(Path.Combine(Dir, "comparison.md")), Does.Contain("| [flood+swim](flood+swim/report.html) | all 8 checks passed |"));
    }

    [Test]
    public void Swim_ProbesOnceAPeriod_AndRunsToTheSameTrace_OnOneTwoAndFourThreads()
    {
        var runs = new[] { 1, 2, 4 }.Select(threads =>
            RunDoor.Run(CrashHubUnder.OnTheSimulator(Engine.Config.BroadcastProtocol.Flood, Engine.Config.FailureDetector.Swim),
                new RunOptions { Quiet = true, Logs = false, TraceFile = false, Threads = threads },
                Path.Combine(Dir, $"t{threads}"), _ => { })).ToArray();
        var swim = runs[0].Summary.Membership.Swim;
        Assert.That(swim, Is.Not.Null, "the summary carries SWIM's counts");
        // A peer probes one neighbour a period from its first link to the end: never more than the run's seconds (1 s periods).
        Assert.That(swim!.ProbesPerPeer, Is.GreaterThan(runs[0].Summary.SimulatedSeconds / 3).And.LessThanOrEqualTo(runs[0].Summary.SimulatedSeconds));
        Assert.That(swim.Suspicions, Is.GreaterThan(0), "the hub's neighbours suspected it");
        Assert.That(runs.Select(r => r.Summary.TraceHash).Distinct().Count(), Is.EqualTo(1),
            string.Join(", ", runs.Select(r => r.Summary.TraceHash)));
    }

    [Test]
    public void CompareProtocols_AnUnknownFailureDetector_IsRefusedInOneLine()
    {
        var (code, _, err) = ScenariosCommand.Run("compare-protocols", "crash-hub.json", "--failure-detector", "classic,phi", "--out", Dir);
        Assert.That(code, Is.EqualTo(Engine.Core.ExitCodes.BadInput));
        // The menu's names in order: the engine's, the shipped samples', then any a test of this process registered.
        Assert.That(err.Trim(), Does.StartWith("error: --failure-detector: 'phi' is not a failure detector: expected one or more of "
            + "classic, swim, phi-accrual"));
        Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void CombinationsOf_NamesEachBroadcastUnderEachDetector() =>
        Assert.That(CompareProtocolsCommand.CombinationsOf("flood,plumtree", "classic,swim"),
            Is.EqualTo(new[] { "flood", "plumtree", "flood+swim", "plumtree+swim" }));
}

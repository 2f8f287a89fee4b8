using GossipSim.Scenarios.Compare;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>
/// HyParView on the simulator: crash-hub's checks hold on its overlay under each broadcast, the views keep their sizes, the run is
/// reproducible on any thread count, and a mass failure is survived better than on the classic overlay.
/// </summary>
public class HyParViewSimTests : RunFolder
{
    [Test]
    public void CompareProtocols_OnCrashHub_HyParViewKeepsEveryCheck_WithBoundedViews()
    {
        var report = CrashHubUnder.Compared(Dir, "flood", "flood+hyparview", "plumtree+hyparview");
        var classic = report.Runs.Single(r => r.Protocol == "flood");
        var view = report.Runs.Single(r => r.Protocol == "flood+hyparview");
        var tree = report.Runs.Single(r => r.Protocol == "plumtree+hyparview");
        // The hub is the peer of highest degree: another overlay may have another hub (same seed, same picker, another graph).
        Assert.That(view.Victim, Is.Not.Null, "HyParView's hub crashed");
        Assert.That(classic.Victim, Is.Not.Null);
        Assert.That(view.RemovedAfter, Is.Not.Null);
        Assert.That(view.Redundancy, Is.LessThan(classic.Redundancy), "five links a peer, against the hubs' dozens");
        Assert.That(tree.Redundancy, Is.LessThan(0.1), "Plumtree's tree on HyParView's overlay: iroh-gossip's pairing");
        var summary = Analysis.Summary.RunSummary.FromJson(File.ReadAllText(Path.Combine(Dir, "flood+hyparview", "summary.json")));
        Assert.That(summary.Degree.Max, Is.LessThanOrEqualTo(5), "the active view's size (5) bounds every degree");
        Assert.That(summary.Membership.HyParView!.PassiveMean, Is.GreaterThan(5).And.LessThanOrEqualTo(30), "passive views filled, within 30");
    }

    [Test]
    public void HyParView_RunsToTheSameTrace_OnOneAndTwoThreads()
    {
        var hashes = new[] { 1, 2 }.Select(threads =>
        {
            var r = RunDoor.Run(CrashHubUnder.OnTheSimulator(Engine.Config.BroadcastProtocol.Flood, Engine.Config.FailureDetector.Classic,
                Engine.Config.Overlay.Hyparview), new RunOptions { Quiet = true, Logs = false, TraceFile = false, Threads = threads },
                Path.Combine(Dir, $"t{threads}"), _ => { });
            Assert.That(r.Summary.CheckCounts!.AllPassed, Is.True, r.Summary.CheckCounts.Sentence());
            return r.Summary.TraceHash;
        }).ToArray();
        Assert.That(hashes.Distinct().Count(), Is.EqualTo(1), string.Join(", ", hashes));
    }

    [Test]
    public void AMassFailure_IsMeasuredWhileUnrepaired_AndLeavesFewerCrashedPeersUnwatched_OnHyParView()
    {
        // The paper scenario at a fifth of its size: 200 peers, half crashed at once.
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve("papers/hyparview-mass-failure.json"));
        s.Peers = 200;
        s.Faults[0].Count = 100;
        s.Gossip["messagesPerPeer"] = 90;
        s.Expected = null;
        var report = CompareProtocolsCommand.Compare(s, ScenarioLoader.Resolve("papers/hyparview-mass-failure.json"),
            ["flood", "flood+hyparview"], 42, Dir, quiet: true, _ => { });
        Analysis.Summary.RunSummary Summary(string p) => Analysis.Summary.RunSummary.FromJson(File.ReadAllText(Path.Combine(Dir, p, "summary.json")));
        foreach (var p in new[] { "flood", "flood+hyparview" })
        {
            var during = Summary(p).Gossip.DuringFailure;
            Assert.That(during, Is.Not.Null, $"{p}: messages were created while the crashed peers were not yet removed");
            Assert.That(during!.Messages, Is.GreaterThan(0));
            Assert.That(during.Reliability, Is.GreaterThan(0.5).And.LessThanOrEqualTo(1.0), p);
            Assert.That(during.Lowest, Is.LessThanOrEqualTo(during.Reliability), p);
        }
        // A crashed peer whose every neighbour crashed too has nobody to report it (the seeds find it by its certificate's silence):
        // five random links a peer leave fewer such than three preferential ones.
        int Unwatched(string p) => Summary(p).Failures.Count(f => f.Unwatched == true);
        Assert.That(Unwatched("flood+hyparview"), Is.GreaterThan(0).And.LessThan(Unwatched("flood")));
        // Every crashed peer that someone could report is removed within the detection bound (the unwatched ones, within theirs).
        foreach (var p in new[] { "flood", "flood+hyparview" })
        {
            var removed = Summary(p).Checks!.Single(c => c.Name == Analysis.Checks.TraceChecks.CrashedRemoved);
            Assert.That(removed.Verdict, Is.EqualTo(Analysis.Summary.CheckVerdict.Passed), $"{p}: {removed.Line()}");
        }
        Assert.That(report.Runs.Single(r => r.Protocol == "flood+hyparview").ReliabilityDuringFailure, Is.Not.Null, "the report shows it");
    }

    [Test]
    public void CompareProtocols_CombinationsName_TheOverlayBetweenBroadcastAndDetector() =>
        Assert.That(CompareProtocolsCommand.CombinationsOf("flood,plumtree", "classic,swim", "seed-pa,hyparview"),
            Is.EqualTo(new[] { "flood", "plumtree", "flood+hyparview", "plumtree+hyparview", "flood+swim", "plumtree+swim",
                "flood+hyparview+swim", "plumtree+hyparview+swim" }));
}

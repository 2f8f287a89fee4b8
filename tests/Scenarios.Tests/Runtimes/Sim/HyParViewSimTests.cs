using GossipSim.TestSupport;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
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
            Assert.That(r.Summary.CheckCounts!.AllPassed, Is.True, ChecksSaid.Of(r.Summary));
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

    /// <summary>
    /// HyParView's TCP failure detection through real messages: every peer linked to the crashed hub drops it at its first failed send
    /// (before its pings could miss), reports it to the seeds then (no detector watches it once the link is gone), and is linked again
    /// from its passive view before the seeds remove the hub; every check holds.
    /// </summary>
    [Test]
    public void TheHubsNeighbours_DropItAtAFailedSend_ReportIt_AndPromoteAPassivePeer_BeforeTheSeedsRemoveIt()
    {
        var s = CrashHubUnder.OnTheSimulator(Engine.Config.BroadcastProtocol.Flood, Engine.Config.FailureDetector.Classic,
            Engine.Config.Overlay.Hyparview);
        var r = RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = true }, Dir, _ => { });
        Assert.That(r.Summary.CheckCounts!.AllPassed, Is.True, ChecksSaid.Of(r.Summary));
        var events = Analysis.Trace.TraceFile.Read(Analysis.Trace.TraceFile.Require(Dir)).ToList();
        int crash = events.FindIndex(e => e.Kind == TraceKind.CrashInjected);
        var hub = events[crash].Node;
        int removed = events.FindIndex(crash, e => e.Kind == TraceKind.MemberRemoved && e.Peer == hub);
        Assert.That(removed, Is.GreaterThan(crash), "the seeds removed the hub");
        var drops = Enumerable.Range(crash, removed - crash)
            .Where(i => events[i].Kind == TraceKind.LinkDown && events[i].Peer == hub).ToList();
        Assert.That(drops, Has.Count.EqualTo(r.Summary.Failures.Single().Degree),
            "every peer linked to the hub at its crash dropped it before the seeds removed it");
        Assert.That(events.Where(e => e.Kind == TraceKind.LinkDown && e.Detail?.Contains("a send to it failed") == true)
            .Select(e => e.Peer).Distinct(), Is.EqualTo(new[] { hub }), "a failed send drops only the link it went on: the crashed hub's");
        foreach (int d in drops)
        {
            var peer = events[d].Node;
            Assert.That(events[d].Detail, Does.Contain("a send to it failed"), $"{peer}: the drop is HyParView's, at a failed send");
            Assert.That(events.Skip(crash).Take(d - crash).Any(e => e.Node == peer && e.Peer == hub
                && e.Kind is TraceKind.PingMissed or TraceKind.Suspected), Is.False, $"{peer}: dropped before a ping to the hub missed");
            int report = events.FindIndex(d, e => e.Kind == TraceKind.DeadReported && e.Node == peer && e.Peer == hub);
            Assert.That(report, Is.GreaterThan(d), $"{peer}: reports the hub after dropping it");
            Assert.That(events[report].Detail, Does.Contain("a send to it failed"));
            // The repair: the peer's next link is a promotion, its own or the other's (two of the hub's neighbours often promote each
            // other): one of the two held the other in its passive view when the peer dropped the hub.
            int linked = events.FindIndex(d, e => e.Kind == TraceKind.LinkUp && e.Node == peer);
            Assert.That(linked, Is.GreaterThan(report).And.LessThan(removed), $"{peer}: linked again before the seeds removed the hub");
            var other = events[linked].Peer;
            bool Passive(NodeAddress holder, NodeAddress entry) => events.Take(d)
                .LastOrDefault(e => e.Kind == TraceKind.EdgeModeChanged && e.Node == holder && e.Peer == entry).A == (long)EdgeMode.Passive;
            Assert.That(Passive(peer, other) || Passive(other, peer), Is.True, $"{peer}: its link to {other} was a passive peer's promotion");
        }
    }

    [Test]
    public void CompareProtocols_CombinationsName_TheOverlayBetweenBroadcastAndDetector() =>
        Assert.That(CompareProtocolsCommand.CombinationsOf("flood,plumtree", "classic,swim", "seed-pa,hyparview"),
            Is.EqualTo(new[] { "flood", "plumtree", "flood+hyparview", "plumtree+hyparview", "flood+swim", "plumtree+swim",
                "flood+hyparview+swim", "plumtree+hyparview+swim" }));
}

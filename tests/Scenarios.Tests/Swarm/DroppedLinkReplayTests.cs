using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Swarm;

namespace GossipSim.Scenarios.Tests.Swarm;

/// <summary>
/// Swarm runs of seed 1 (50 peers) where what came or went over a link just dropped was lost (docs/soak.md, classes W and X).
/// </summary>
public class DroppedLinkReplayTests
{
    // Class W (plumtree+hyparview+swim): HyParView made room while a Plumtree payload was in flight to the peer that made it. Peer
    // 10 dropped its tree link to peer 23 at 60.474 s, and the payload of 10.1.0.48:7000#55 that 23 had pushed on it at 60.267 s
    // came at 60.511 s, "not a neighbour"; 10's other links were new (their ends had the message before they linked) or had
    // dropped it too, so 10 never had it: 44 of 45 live peers after the heal settled. A link this peer's overlay dropped within a
    // link timeout still carries gossip in.
    [TestCase(2413, "plumtree", "hyparview", "swim", TraceChecks.NewGossipReachesAll)]
    // The same with the flood (flood+hyparview, 5 seeds), where a send to the dropped neighbour failed during a one-way partition
    // before its gossip came: a form of the fix that forgot the drop at that failure left one live peer without one message.
    [TestCase(2303, "flood", "hyparview", "classic", TraceChecks.NewGossipReachesAll)]
    // Class X (plumtree+hyparview, 5 seeds): the one neighbour that saw a crash had been removed while alive behind a partition.
    // Peer 37, removed at 27.6-27.8 s, dropped peer 42 at a failed send at 28.03 s (42 had crashed at 27.7 s) and reported it; the
    // seeds answer a removed member with its own removal, not about 42, so the report had no answer, the rejoin let it go, and 42
    // was still listed at 80 s. Reports nobody answered are now held over a rejoin (a ping, then the report again if it is
    // silent): 42 removed at 33.8 s.
    [TestCase(1699, "plumtree", "hyparview", "classic", TraceChecks.CrashedRemoved)]
    public void WhatALinkJustDroppedCarried_IsNotLost_AndEveryCheckPasses(int run, string broadcast, string overlay, string detector, string check)
    {
        var r = SwarmRunner.RunOne(1, run, 50, outDir: null, menu: SwarmMenu.All.Only(broadcast, overlay, detector));
        var named = r.Summary.Checks!.Single(c => c.Name == check);
        Assert.That(named.Verdict, Is.EqualTo(CheckVerdict.Passed), named.Line());
        var failed = r.Summary.Checks!.Where(c => c.Failed).Select(c => c.Line()).ToList();
        Assert.That(failed, Is.Empty, string.Join("\n", failed));
    }
}

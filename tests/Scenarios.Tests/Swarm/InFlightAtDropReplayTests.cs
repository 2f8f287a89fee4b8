using GossipSim.Analysis.Checks;
using GossipSim.Scenarios.Swarm;

namespace GossipSim.Scenarios.Tests.Swarm;

/// <summary>
/// A swarm run of seed 1 (50 peers, plumtree+hyparview+swim) where HyParView made room while a Plumtree payload was in flight to the
/// peer that made it: peer 10 dropped its tree link to peer 23 at 60.474 s, and the payload of 10.1.0.48:7000#55 that 23 had pushed
/// on that link at 60.267 s came at 60.511 s, "not a neighbour". Its other links were new (made after their ends had the message,
/// which Plumtree pushes or announces only at a first receipt) or had dropped it too, so 10 never had it: 44 of 45 live peers, after
/// the heal settled (docs/soak.md, class W). A link this peer's overlay dropped within a link timeout still carries gossip in.
/// </summary>
public class InFlightAtDropReplayTests
{
    [Test]
    public void APayloadInFlightOnALinkTheReceiverJustDropped_IsStillTaken_AndEveryCheckPasses()
    {
        var r = SwarmRunner.RunOne(1, 2413, 50, outDir: null, menu: SwarmMenu.All.Only("plumtree", "hyparview", "swim"));
        var delivery = r.Summary.Checks!.Single(c => c.Name == TraceChecks.NewGossipReachesAll);
        Assert.That(delivery.Verdict, Is.EqualTo(CheckVerdict.Passed), delivery.Line());
        var failed = r.Summary.Checks!.Where(c => c.Failed).Select(c => c.Line()).ToList();
        Assert.That(failed, Is.Empty, string.Join("\n", failed));
    }
}

using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>
/// A peer's degree reports to the seeds (R3) go to one seed, which relays them; with random
/// link latencies a relay can overtake an earlier one, or the commit that registers the peer
/// at the other seeds. Every seed must still end up with every peer's true degree.
/// </summary>
public class DegreeReportTests
{
    [Test]
    public void AfterAJoinBurst_EverySeedHoldsEveryPeersTrueDegree()
    {
        // The periodic re-statement every 2 s, so a report that was lost could be repaired too.
        var h = new SimHarness(3, seed: 11, peer: SimHarness.FastPeer() with { MessagesPerPeer = 0, MembershipRefresh = TimeSpan.FromSeconds(2) });
        h.AddPeers(60, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));
        h.Run(8);

        Assert.That(h.LivePeers.Sum(p => p.Degree), Is.GreaterThanOrEqualTo(60 * 3), "every newcomer made its links");
        Assert.That(h.Net.EventsByKind().GetValueOrDefault("DegreeRelay"), Is.GreaterThan(60), "the seeds relayed the reports");
        AssertEverySeedHoldsTheTrueDegrees(h);
    }

    [Test]
    public void ABurstOfReports_IsRelayedSeveralToAMessage_AndEverySeedStillHoldsTheTrueDegrees()
    {
        // 200 joins within 100 ms; no periodic re-statement, so every report is news and relayed.
        var h = new SimHarness(3, seed: 3, peer: SimHarness.FastPeer() with { MessagesPerPeer = 0, MembershipRefresh = TimeSpan.FromHours(1) });
        h.AddPeers(200, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100));
        h.Run(5);

        long reports = h.Net.EventsByKind().GetValueOrDefault("DegreeUpdate");
        long relays = h.Net.EventsByKind().GetValueOrDefault("DegreeRelay") / 2; // each goes to the two other seeds
        Assert.That(reports, Is.GreaterThanOrEqualTo(200));
        Assert.That(relays, Is.GreaterThan(0).And.LessThan(reports / 4), $"{reports} reports in {relays} relays");
        AssertEverySeedHoldsTheTrueDegrees(h);
    }

    [Test]
    public void ANewcomer_ReportsItsLinksOnce_AndEachPeerItLinkedToOnce()
    {
        // No periodic re-statement within the run: every DegreeUpdate counted is a change.
        var h = new SimHarness(3, seed: 5, peer: SimHarness.FastPeer() with { MessagesPerPeer = 0, MembershipRefresh = TimeSpan.FromHours(1) });
        h.AddPeers(30, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));
        h.Run(5);
        long before = h.Net.EventsByKind().GetValueOrDefault("DegreeUpdate");
        h.AddPeers(1, TimeSpan.FromSeconds(5), TimeSpan.Zero);
        h.Run(8);
        long reports = h.Net.EventsByKind().GetValueOrDefault("DegreeUpdate") - before;

        var newcomer = h.Peer(30);
        Assert.That(newcomer.Degree, Is.EqualTo(3));
        // One from the newcomer for its three links (one per link before), one from each peer it linked to.
        Assert.That(reports, Is.EqualTo(1 + 3));
        foreach (var seed in h.LiveSeeds)
            Assert.That(seed.Peers.DegreeOf(newcomer.Address), Is.EqualTo(3), $"seed {seed.Address}");
    }

    private static void AssertEverySeedHoldsTheTrueDegrees(SimHarness h)
    {
        foreach (var seed in h.LiveSeeds)
            foreach (var peer in h.LivePeers)
                Assert.That(seed.Peers.DegreeOf(peer.Address), Is.EqualTo(peer.Degree), $"seed {seed.Address} on {peer.Address}");
    }
}

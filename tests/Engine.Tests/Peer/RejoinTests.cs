using GossipSim.Engine.Config;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class RejoinTests
{
    [Test]
    public void APeerRemovedWhileCutOff_RejoinsAsANewIncarnation_OnceItCanTalkAgain()
    {
        var h = new SimHarness(3, seed: 33);
        h.AddPeers(20, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3));
        h.Run(15);
        int cutOff = h.PeerIndex[7];
        var address = h.Net.AddressOf(cutOff);
        long before = h.Peer(7).Incarnation;
        h.Net.Partition(new Dictionary<int, int> { [cutOff] = 1 }, "one peer cut off");
        h.Run(40);
        Assert.That(h.LiveSeeds.Select(s => s.Peers.IsLive(address)), Is.All.False, "removed while cut off");

        h.Net.Heal();
        h.Run(100);
        Assert.That(h.Trace.Of(TraceKind.Rejoined).Any(e => e.Node == address), Is.True);
        Assert.That(h.Peer(7).Incarnation, Is.GreaterThan(before));
        Assert.That(h.LiveSeeds.Select(s => s.Peers.IsLive(address)), Is.All.True, "listed again at every seed");
        Assert.That(h.Peer(7).Degree, Is.GreaterThan(0), "linked again");
    }

    /// <summary>
    /// A peer and all but one of its neighbours cut off from the seeds are removed (the one outside reports the peer); after the
    /// heal each registers again keeping its links. A neighbour's link to the peer was made under the incarnation the seeds
    /// removed, so the removal, reaching the neighbour at its next refresh, cut it unless the rejoined peer had shown it its new
    /// certificate (docs/soak.md, class G): the peer was left with links nobody held at the far end, watched by nobody. On
    /// HyParView the re-shown link is the same link: the active view stays within its bound.
    /// </summary>
    [TestCase(Overlay.SeedPa)]
    [TestCase(Overlay.Hyparview)]
    public void APeerThatRejoinsKeepingItsLinks_ShowsThemItsNewCertificate_SoTheOldRemovalCutsNone(Overlay overlay)
    {
        var h = new SimHarness(3, seed: 33, SimHarness.FastPeer() with { Overlay = overlay });
        h.AddPeers(20, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3));
        h.Run(15);
        var peer = h.Peer(7);
        var address = h.Net.AddressOf(h.PeerIndex[7]);
        var kept = peer.Neighbours.Select(n => n.Address).ToArray();
        // All but its first neighbour, which reports it.
        var group = kept.Skip(1).Select(h.Net.IndexOf).Append(h.PeerIndex[7]).ToDictionary(i => i, _ => 1);
        h.Net.Partition(group, "a peer and all but one of its neighbours cut off from the seeds");
        h.Run(40);
        Assert.That(h.LiveSeeds.Select(s => s.Peers.IsLive(address)), Is.All.False, "removed while cut off");

        double healed = h.Net.Now.TotalSeconds;
        h.Net.Heal();
        h.Run(healed + 100);
        var registered = h.Trace.Of(TraceKind.Registered).Last(e => e.Node == address).Time;
        var cut = h.Trace.Of(TraceKind.LinkDown)
            .Where(e => e.Peer == address && e.Time > registered && e.Detail == "removed by the seeds").Select(e => e.Node).ToList();
        Assert.That(cut, Is.Empty, "links of the rejoined incarnation cut by the removal of the one before");
        var holders = h.LivePeers.Count(p => p.Neighbours.Any(n => n.Address == address));
        Assert.That(holders, Is.EqualTo(peer.Degree), "every link the peer holds is held at the far end too");
        Assert.That(kept.Count(k => peer.Neighbours.Any(n => n.Address == k)), Is.GreaterThan(0), "kept links survive");
        if (overlay == Overlay.Hyparview)
            Assert.That(h.LivePeers.Select(p => p.Degree), Is.All.LessThanOrEqualTo(h.PeerConfig.HyParViewActiveSize), "the active view's bound");
    }

    /// <summary>
    /// As above, but the peer registering again hears back from one seed only (the other two cannot reach it): it holds its new
    /// certificate, never a majority's answer, and crashes so. The seeds listed the new incarnation at their commit, and their
    /// removal of the one before reached its kept neighbours at their refreshes and cut their links unless the peer had shown
    /// them its certificate, which it did only once its registration completed: their links watched the removed incarnation, and
    /// in swarm run 9663 of seed 1 (docs/soak.md class K) nobody was left watching it and the seeds kept listing it. Shown with
    /// the first certificate, the kept links watch the new incarnation, and its kept neighbours report the crash.
    /// </summary>
    [Test]
    public void APeerRegisteringAgain_ThatCrashesWithOneSeedsAnswer_IsReportedByTheNeighboursItKept()
    {
        var h = new SimHarness(3, seed: 33, SimHarness.FastPeer());
        h.AddPeers(20, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3));
        h.Run(15);
        var peer = h.Peer(7);
        int index = h.PeerIndex[7];
        var address = h.Net.AddressOf(index);
        long before = peer.Incarnation;
        var kept = peer.Neighbours.Select(n => n.Address).ToArray();
        var group = kept.Skip(1).Select(h.Net.IndexOf).Append(index).ToDictionary(i => i, _ => 1);
        h.Net.Partition(group, "a peer and all but one of its neighbours cut off from the seeds");
        h.Run(40);
        Assert.That(h.LiveSeeds.Select(s => s.Peers.IsLive(address)), Is.All.False, "removed while cut off");

        // Heal, except that nothing from the second and third seed reaches the peer.
        h.Net.Heal();
        var oneWay = new Dictionary<int, int> { [h.SeedIndex[1]] = 1, [h.SeedIndex[2]] = 1, [index] = 2 };
        h.Net.Partition(oneWay, "two seeds cannot reach the peer", oneWay: true);
        h.Run(50);
        Assert.That(peer.IsRegistered, Is.False, "one seed's answer of the two it needs");
        Assert.That(peer.Incarnation, Is.GreaterThan(before), "registering again");
        Assert.That(h.LiveSeeds.Select(s => s.Peers.IsLive(address)), Is.All.True, "listed again: the seeds committed its add");
        // A link watches the incarnation it was shown; one of the removed incarnation ends wherever that removal arrives.
        var watchers = h.LivePeers.Where(p => p.WatchesLinkTo(address, peer.Incarnation)).Select(p => p.Address).ToList();
        // Kept neighbours among them; any other linked to the new incarnation after its first seed's answer.
        Assert.That(watchers.Intersect(kept), Is.Not.Empty, "kept neighbours shown its new certificate, before its registration completed");

        h.Net.Crash(index);
        h.Run(70);
        var reports = h.Trace.Of(TraceKind.DeadReported).Where(e => e.Peer == address && e.Time > TimeSpan.FromSeconds(50)).ToList();
        Assert.That(reports.Select(e => e.Node), Is.Not.Empty.And.SubsetOf(watchers), "its kept neighbours reported the crash");
        Assert.That(h.LiveSeeds.Select(s => s.Peers.IsLive(address)), Is.All.False, "removed at every seed");
    }
}

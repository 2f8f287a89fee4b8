using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Latency;

namespace GossipSim.Protocols.Tests.Rumour;

/// <summary>
/// Rumour mongering (Protocols/Rumour) on real peers and seeds in the simulator: real pushes, real feedback over the peers' links.
/// A rumour goes cold after exactly k feedbacks, a forged feedback changes nothing, and a peer has one timer however many rumours
/// it holds hot.
/// </summary>
public class RumourMongeringTests
{
    [SetUp]
    public void Reset() => WatchedRumour.Reset();

    /// <summary>Seeds and <paramref name="peers"/> peers that all link to each other (each newcomer to every peer before it).</summary>
    private static SimHarness CompleteGraph(int peers, Func<int, Engine.Config.PeerConfig> configOf, ulong seed = 7)
    {
        var h = new SimHarness(3, seed, latency: new UniformLatency(1, 5));
        h.AddPeers(peers, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), i => configOf(i) with { LinksPerNewcomer = peers - 1 });
        return h;
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void ARumour_GoesCold_AfterExactlyKFeedbacks(int k)
    {
        var h = CompleteGraph(5, i => RumourProbes.Peer(RumourProbes.Watched, k, originates: i == 0));
        h.Run(60);

        var origin = h.Peer(0);
        var roles = WatchedRumour.Of;
        Assert.That(roles, Has.Count.GreaterThanOrEqualTo(2), "the rumour reached other peers");
        foreach (var (address, role) in roles)
        {
            // Every peer that had the rumour lost interest in it, and exactly at its k-th unnecessary contact.
            Assert.That(role.WentCold, Is.EqualTo(1), $"{address} lost interest once");
            Assert.That(role.FeedbacksCounted, Is.EqualTo(k), $"{address} counted k feedbacks, no more");
            Assert.That(role.HotCount, Is.Zero, $"{address} holds nothing hot");
            Assert.That(role.FeedbacksRefused, Is.Zero, $"{address}: every feedback answered a push");
        }
        // Every push was either a first receipt (traced, from its pusher) or answered: once cold, a peer pushed no more.
        var firstReceiptsFrom = h.Trace.Of(TraceKind.GossipDelivered).GroupBy(e => e.Peer).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (address, role) in roles)
            Assert.That(role.Pushes, Is.EqualTo(k + firstReceiptsFrom.GetValueOrDefault(address)),
                $"{address}: its pushes are its first receipts given plus its k unnecessary ones");
        Assert.That(origin.GossipSent, Is.EqualTo(roles[origin.Address].Pushes), "each push is one gossip message sent");
    }

    [Test]
    public void WithResets_AUsefulPushStartsTheCountAgain_AndEveryPeerStillLosesInterest()
    {
        const int k = 2;
        var h = CompleteGraph(30, i => RumourProbes.Peer(RumourProbes.Watched, k, originates: i == 0, resets: true));
        h.Run(80);

        var roles = WatchedRumour.Of.Values.ToList();
        Assert.That(roles, Has.Count.GreaterThan(20), "the rumour reached most of the 30 peers");
        Assert.That(roles.Select(r => r.WentCold), Is.All.EqualTo(1), "every peer lost interest in the end");
        Assert.That(roles.Select(r => r.FeedbacksCounted), Is.All.GreaterThanOrEqualTo(k));
        Assert.That(roles.Max(r => r.FeedbacksCounted), Is.GreaterThan(k),
            "a peer that found a peer without the rumour between two unnecessary contacts counted past k");
    }

    [Test]
    public void AForgedFeedback_ChangesNothing()
    {
        const int k = 2;
        // The victim holds the one rumour hot and never pushes it within the run (its cycle is 1,000 s): every "I had it
        // already" it gets is about a push it never made, so each is forged. The insider sends bursts of them, more than k.
        var h = CompleteGraph(3, i => i switch
        {
            0 => RumourProbes.Peer(RumourProbes.Watched, k, cycleSeconds: 1000, originates: true),
            1 => RumourProbes.Peer(RumourProbes.Forging, k, originates: false),
            _ => RumourProbes.Peer(RumourProbes.Watched, k, originates: false),
        });
        ForgingRumour.Victim = SimHarness.PeerAddress(0);
        ForgingRumour.Burst = 5;
        ForgingRumour.Bursts = 4;
        h.Run(30);

        var victim = WatchedRumour.Of[SimHarness.PeerAddress(0)];
        var insider = ForgingRumour.Made!;
        var (id, incarnation) = victim.Received.Single();
        Assert.That(insider.Forged, Is.EqualTo(20), "the insider sent its four bursts of five while the victim held the rumour");
        Assert.That(victim.FeedbacksRefused, Is.EqualTo(insider.Forged), "every forged feedback was refused");
        Assert.That(h.Peer(0).GossipRejected, Is.EqualTo(insider.Forged), "and counted as rejected input");
        Assert.That(victim.FeedbacksFor(id, incarnation), Is.Zero, "none was counted");
        Assert.That(victim.HotCount, Is.EqualTo(1), "the rumour is still hot");
        Assert.That(victim.WentCold, Is.Zero);
    }

    [Test]
    public void APeer_HasOneTimer_HoweverManyRumoursItHoldsHot()
    {
        // Every peer creates ten rumours a tenth of a second apart, far faster than its 1 s cycle: each holds several hot at once.
        var cycle = TimeSpan.FromSeconds(1);
        var h = CompleteGraph(6, _ => RumourProbes.Peer(RumourProbes.Watched, 3, messages: 10) with { GossipInterval = TimeSpan.FromSeconds(0.1) });
        h.Run(40);

        var roles = WatchedRumour.Of.Values.ToList();
        Assert.That(roles, Has.Count.EqualTo(6));
        Assert.That(roles.Max(r => r.MostHot), Is.GreaterThanOrEqualTo(10), "peers held many rumours hot at once");
        foreach (var role in roles)
        {
            Assert.That(role.TimerFires, Is.Not.Empty);
            // One timer: it fires a cycle after the first hot rumour, then once a cycle while any is hot, never twice in a cycle.
            Assert.That(role.TimerFires[0] - role.FirstHotAt!.Value, Is.EqualTo(cycle));
            for (int i = 1; i < role.TimerFires.Count; i++)
                Assert.That(role.TimerFires[i] - role.TimerFires[i - 1], Is.GreaterThanOrEqualTo(cycle), $"fire {i}");
        }
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Latency;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Tests.Network;

/// <summary>
/// The protocol's gossip against graph theory. Real peers join a simulated
/// network with a constant link delay; once the overlay has settled, one peer creates one
/// message. The overlay is read from the peers' own neighbour tables and, since nothing fails,
/// stays as it is while the message floods, so a BFS over it predicts every first receipt:
/// its hop count is the BFS distance and its latency the shortest-path delay (distance × the
/// delay), and flooding costs sum(degree − 1) + 1 = 2E − N + 1 sends.
/// </summary>
public class FloodTheoryTests
{
    private const double DelayMs = 10;

    [TestCase(200, 1UL)]
    [TestCase(500, 7UL)]
    public void OnAStaticOverlayWithConstantDelay_FirstReceiptsFollowTheBfs_AndTheFloodSends2EMinusNPlus1(int peers, ulong seed)
    {
        // Every peer accepts message number 1; only the first peer creates it, after every join has settled.
        var quiet = SimHarness.FastPeer() with { MessagesPerPeer = 1, Originates = false, GossipInterval = TimeSpan.FromSeconds(30) };
        var h = new SimHarness(3, seed, peer: quiet, latency: new ConstantLatency(DelayMs));
        h.AddPeers(peers, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), i => i == 0 ? quiet with { Originates = true } : quiet);
        h.Run(25);
        var overlay = Overlay(h);
        var before = h.LivePeers.Sum(p => p.GossipSent);
        Assert.That(before, Is.Zero, "no gossip before the origin's tick");
        h.Run(60);
        Assert.That(Overlay(h), Is.EqualTo(overlay), "the overlay stayed static while the message flooded");

        var origin = h.Peer(0).Address;
        var distance = Bfs(overlay, origin);
        Assert.That(distance, Has.Count.EqualTo(peers), "the overlay is connected");
        var created = h.Trace.Of(TraceKind.GossipCreated).Single();
        Assert.That(created.Node, Is.EqualTo(origin));

        var receipts = h.Trace.Of(TraceKind.GossipDelivered).ToList();
        Assert.That(receipts.Select(r => r.Node), Is.Unique.And.EquivalentTo(distance.Keys.Where(a => a != origin)), "one first receipt at every other peer");
        foreach (var r in receipts)
        {
            int d = distance[r.Node];
            Assert.That(r.A, Is.EqualTo(d), $"hops at {r.Node}");
            Assert.That(r.Time - created.Time, Is.EqualTo(TimeSpan.FromTicks(d * LatencyModel.TicksOfMs(DelayMs))), $"latency at {r.Node}");
        }

        long links = overlay.Values.Sum(n => (long)n.Count) / 2;
        long sent = h.LivePeers.Sum(p => p.GossipSent);
        Assert.That(sent, Is.EqualTo(2 * links - peers + 1));
        Assert.That(h.LivePeers.Sum(p => p.GossipReceived), Is.EqualTo(sent), "nothing lost: every send is received, duplicates included");
    }

    /// <summary>Each live peer's neighbours, as its own table lists them; links must be symmetric to be an overlay.</summary>
    private static Dictionary<NodeAddress, HashSet<NodeAddress>> Overlay(SimHarness h)
    {
        var overlay = h.LivePeers.ToDictionary(p => p.Address, p => p.Neighbours.Select(n => n.Address).ToHashSet());
        foreach (var (a, ns) in overlay)
            foreach (var b in ns)
                Assert.That(overlay.TryGetValue(b, out var back) && back.Contains(a), $"link {a}–{b} is known at both ends");
        return overlay;
    }

    private static Dictionary<NodeAddress, int> Bfs(Dictionary<NodeAddress, HashSet<NodeAddress>> overlay, NodeAddress from)
    {
        var distance = new Dictionary<NodeAddress, int> { [from] = 0 };
        var queue = new Queue<NodeAddress>([from]);
        while (queue.Count > 0)
        {
            var a = queue.Dequeue();
            foreach (var b in overlay[a])
                if (distance.TryAdd(b, distance[a] + 1)) queue.Enqueue(b);
        }
        return distance;
    }
}

using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Network;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>A node process tells its launcher (status.json) how many of its links are on Plumtree's tree and how many peers HyParView's
/// passive view holds, for the manager's list; a peer of the default protocol says nothing of either.</summary>
public class NodeStatusModesTests
{
    private static readonly NodeAddress[] Seeds = { new((10u << 24) | 1, 5000), new((10u << 24) | 2, 5000) };

    [TestCase(BroadcastProtocol.Plumtree, 0)]
    [TestCase(BroadcastProtocol.Flood, null)]
    public void APeersStatus_CarriesItsTreeLinks_OnlyUnderPlumtree(BroadcastProtocol broadcast, int? expected)
    {
        var peer = Alone(new PeerConfig { Broadcast = broadcast });
        Assert.That(SnapshotOf(peer).TreeLinks, Is.EqualTo(expected));
    }

    [TestCase(Overlay.Hyparview, 0)]
    [TestCase(Overlay.SeedPa, null)]
    public void APeersStatus_CarriesItsPassiveView_OnlyUnderHyParView(Overlay overlay, int? expected)
    {
        var peer = Alone(new PeerConfig { Overlay = overlay });
        Assert.That(SnapshotOf(peer).PassiveView, Is.EqualTo(expected));
    }

    [Test]
    public void AHyParViewPeersStatus_GivesTheEntriesItsPassiveViewTraced()
    {
        // Two seeds and 12 HyParView peers: with at most 5 links each, every peer knows more peers than it links to.
        var entries = new PassiveEntries();
        var net = new SimNetwork(3, new UniformLatency(1, 5), entries);
        foreach (var s in Seeds) net.AddNode(s, inc => new SeedNode(new SeedConfig(), Seeds, inc), TimeSpan.Zero);
        var config = new PeerConfig { Overlay = Overlay.Hyparview, RegisterTimeout = TimeSpan.FromSeconds(2), LinkTimeout = TimeSpan.FromSeconds(1) };
        var peers = Enumerable.Range(0, 12).Select(i => net.AddNode(new NodeAddress((10u << 24) + (1u << 16) + (uint)(i + 1), 7000),
            inc => new PeerNode(config, Seeds, inc), TimeSpan.FromMilliseconds(100 * i))).ToList();
        net.RunUntil(TimeSpan.FromSeconds(30));

        foreach (int i in peers)
        {
            var peer = (PeerNode)net.NodeAt(i)!;
            Assert.That(SnapshotOf(peer).PassiveView, Is.EqualTo(entries.HeldBy(peer.Address)), $"{peer.Address}'s passive view");
        }
        Assert.That(peers.Sum(i => entries.HeldBy(net.AddressOf(i))), Is.GreaterThan(0), "the peers' passive views hold entries");
    }

    /// <summary>A peer started on a simulated network (a status is written by a running node), alone: no link, no entry yet.</summary>
    private static PeerNode Alone(PeerConfig config)
    {
        var net = new SimNetwork(1, new UniformLatency(1, 2), new JsonlTraceSink(null));
        int i = net.AddNode(new NodeAddress((10u << 24) | 3, 7000), inc => new PeerNode(config, Seeds, inc), TimeSpan.Zero);
        net.RunUntil(TimeSpan.FromMilliseconds(1));
        return (PeerNode)net.NodeAt(i)!;
    }

    private static NodeSnapshot SnapshotOf(PeerNode peer)
    {
        using var status = System.Text.Json.JsonDocument.Parse(StatusFile.ToJson(peer, TimeSpan.Zero));
        return NodeStatus.SnapshotOf(status.RootElement);
    }

    /// <summary>Each peer's passive entries as its trace gives them (passive adds one, none drops it): what the dashboard draws.</summary>
    private sealed class PassiveEntries : ITraceSink
    {
        private readonly Dictionary<NodeAddress, HashSet<NodeAddress>> _held = new();

        public int HeldBy(NodeAddress holder) => _held.TryGetValue(holder, out var held) ? held.Count : 0;

        public void Write(in TraceEvent e)
        {
            if (e.Kind != TraceKind.EdgeModeChanged) return;
            if (!_held.TryGetValue(e.Node, out var held)) _held[e.Node] = held = new();
            if ((EdgeMode)e.A == EdgeMode.Passive) held.Add(e.Peer);
            else if ((EdgeMode)e.A == EdgeMode.None) held.Remove(e.Peer);
        }
    }
}

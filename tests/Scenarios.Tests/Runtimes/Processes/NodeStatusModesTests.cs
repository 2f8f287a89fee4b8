using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Network;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>A node process tells its launcher (status.json) how many of its links are on Plumtree's tree, for the manager's list; a
/// flooding peer's status says nothing of modes.</summary>
public class NodeStatusModesTests
{
    [TestCase(BroadcastProtocol.Plumtree, 0)]
    [TestCase(BroadcastProtocol.Flood, null)]
    public void APeersStatus_CarriesItsTreeLinks_OnlyUnderPlumtree(BroadcastProtocol broadcast, int? expected)
    {
        // Started on a simulated network (a status is written by a running node), alone: no link yet, none on the tree.
        var net = new SimNetwork(1, new UniformLatency(1, 2), new JsonlTraceSink(null));
        var seeds = new[] { new NodeAddress((10u << 24) | 1, 5000) };
        int i = net.AddNode(new NodeAddress((10u << 24) | 2, 7000), inc => new PeerNode(new PeerConfig { Broadcast = broadcast }, seeds, inc),
            TimeSpan.Zero);
        net.RunUntil(TimeSpan.FromMilliseconds(1));
        var peer = (PeerNode)net.NodeAt(i)!;
        using var status = System.Text.Json.JsonDocument.Parse(StatusFile.ToJson(peer, TimeSpan.Zero));
        Assert.That(NodeStatus.SnapshotOf(status.RootElement).TreeLinks, Is.EqualTo(expected));
    }
}

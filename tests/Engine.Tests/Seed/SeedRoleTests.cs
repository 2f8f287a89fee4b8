using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class SeedRoleTests
{
    [Test]
    public void Seeds_NeverGossip_NorReceiveGossip()
    {
        var h = new SimHarness(3, seed: 34);
        h.AddPeers(15, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2));
        h.Run(20);
        var seeds = h.SeedAddresses.ToHashSet();
        var gossip = h.Trace.Events.Where(e => e.Kind is TraceKind.GossipCreated or TraceKind.GossipDelivered).ToList();
        Assert.That(gossip, Is.Not.Empty, "the peers gossiped");
        Assert.That(gossip.Where(e => seeds.Contains(e.Node) || seeds.Contains(e.Peer)), Is.Empty);
    }
}

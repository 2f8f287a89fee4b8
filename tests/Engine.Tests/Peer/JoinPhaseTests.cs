using GossipSim.Engine.Peer;
using GossipSim.Engine.Tests.Support;
using static GossipSim.Engine.Peer.JoinPhase;
using static GossipSim.Engine.Peer.JoinEvent;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class JoinPhaseTests
{
    [TestCase(Registering, JoinEvent.Registered, Linking)]
    [TestCase(Registering, LinksWanted, Registering)]
    [TestCase(Registering, LinksSettled, Registering, TestName = "NotRegistered_IsNeverLinked")]
    [TestCase(Registering, RemovedBySeeds, Registering)]
    [TestCase(Linking, LinksSettled, Linked)]
    [TestCase(Linking, LinksWanted, Linking)]
    [TestCase(Linking, JoinEvent.Registered, Linking)]
    [TestCase(Linking, RemovedBySeeds, Registering)]
    [TestCase(Linked, LinksWanted, Reattaching)]
    [TestCase(Linked, LinksSettled, Linked)]
    [TestCase(Linked, RemovedBySeeds, Registering)]
    [TestCase(Reattaching, LinksSettled, Linked)]
    [TestCase(Reattaching, LinksWanted, Reattaching)]
    [TestCase(Reattaching, RemovedBySeeds, Registering)]
    public void Next(JoinPhase from, JoinEvent e, JoinPhase to) => Assert.That(JoinPhaseRules.Next(from, e), Is.EqualTo(to));

    [Test]
    public void AfterAJoin_EveryPeerIsLinked_AndAfterAHubCrash_ItsNeighboursAreLinkedAgain()
    {
        var h = new SimHarness(3, seed: 31);
        h.AddPeers(40, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3));
        h.Run(20);
        Assert.That(h.LivePeers.Select(p => p.Phase), Is.All.EqualTo(Linked));

        int hub = h.HubIndex();
        h.Net.Crash(hub);
        h.Run(120);
        Assert.That(h.LivePeers.Select(p => p.Phase), Is.All.EqualTo(Linked));
        Assert.That(h.LivePeers.Select(p => p.Degree), Is.All.GreaterThan(0));
    }
}

using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Runtimes.Netns;

namespace GossipSim.Multihost.Tests;

/// <summary>The bed's address plan read backwards: the index a wan run places a node by, on the relay's side and in the summary.</summary>
public class BedAddressesTests
{
    [TestCase(3, 0)]
    [TestCase(3, 249)]
    [TestCase(3, 250)] // the next octet
    [TestCase(1, 299)]
    public void ANodesAddress_GivesBackItsIndex(int seeds, int peer)
    {
        Assert.That(BedAddresses.IndexOf(BedAddresses.Peer(peer), seeds), Is.EqualTo(seeds + peer));
        Assert.That(BedAddresses.IndexOf(BedAddresses.OfNode(seeds + peer, seeds), seeds), Is.EqualTo(seeds + peer));
        for (int i = 0; i < seeds; i++)
        {
            Assert.That(BedAddresses.IndexOf(BedAddresses.Seed(i), seeds), Is.EqualTo(i));
            Assert.That(BedAddresses.OfNode(i, seeds), Is.EqualTo(BedAddresses.Seed(i)));
        }
    }

    [Test]
    public void AnAddressTheBedDoesNotGive_IsNoNode()
    {
        Assert.That(BedAddresses.IndexOf(BedAddresses.Seed(3), 3), Is.EqualTo(-1), "a seed the run does not have");
        Assert.That(BedAddresses.IndexOf(new NodeAddress(BedAddresses.Peer(0).Ip, 7001), 3), Is.EqualTo(-1), "another port");
        Assert.That(BedAddresses.IndexOf(NodeAddress.Parse(BedAddresses.RouterIp + ":7000"), 3), Is.EqualTo(-1), "the router");
        Assert.That(BedAddresses.IndexOf(NodeAddress.Parse("10.78.0.1:7000"), 3), Is.EqualTo(-1), "off the bed's subnet");
        Assert.That(BedAddresses.IndexOf(NodeAddress.Parse("10.76.255.255:7000"), 3), Is.EqualTo(-1), "below it");
    }
}

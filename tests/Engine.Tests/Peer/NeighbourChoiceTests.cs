using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;

namespace GossipSim.Engine.Tests;

public class NeighbourChoiceTests
{
    [Test]
    public void FromACompleteList_HighDegreePeersArePickedMoreOften()
    {
        var hub = NodeAddress.Parse("10.1.0.1:7000");
        var entries = new List<PeerListEntry> { new(hub, 30) };
        for (uint i = 2; i <= 11; i++) entries.Add(new PeerListEntry(new NodeAddress((10u << 24) + (1u << 16) + i, 7000), 3));
        var rng = new Rng(4);
        int hubPicked = 0;
        for (int t = 0; t < 2000; t++)
            if (NeighbourChoice.FromCompleteList(entries, 1, _ => false, rng)[0] == hub) hubPicked++;
        Assert.That(hubPicked / 2000.0, Is.EqualTo(0.5).Within(0.04), "30 of 60 total weight");
    }

    [Test]
    public void Choice_NeverRepeats_AndRespectsExclusions()
    {
        var entries = Enumerable.Range(1, 5).Select(i => new PeerListEntry(new NodeAddress((10u << 24) + (uint)i, 7000), i)).ToList();
        var excluded = entries[0].Address;
        var chosen = NeighbourChoice.FromCompleteList(entries, 10, a => a == excluded, new Rng(1));
        Assert.That(chosen, Is.Unique);
        Assert.That(chosen, Has.Count.EqualTo(4));
        Assert.That(chosen, Has.None.EqualTo(excluded));
        var fromDraws = NeighbourChoice.FromDraws(entries.Concat(entries).ToList(), 3, a => a == excluded);
        Assert.That(fromDraws, Is.Unique.And.Count.EqualTo(3).And.None.EqualTo(excluded));
    }
}

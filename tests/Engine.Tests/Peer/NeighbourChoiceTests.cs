using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Vocabulary;

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

    private static NodeAddress Peer(uint i) => new((10u << 24) + (1u << 16) + i, 7000);

    [Test]
    public void AMixedPool_TakesTheDrawsFirst_AndWeighsTheWholeList()
    {
        // One seed sent its whole list (sorted by address, the lowest first), another its draws.
        var whole = Enumerable.Range(1, 100).Select(i => new PeerListEntry(Peer((uint)i), 3)).ToList();
        var draws = new List<PeerListEntry> { new(Peer(50), 3), new(Peer(50), 3), new(Peer(70), 3), new(Peer(90), 3) };
        Assert.That(NeighbourChoice.FromPool(draws, whole, 3, _ => false, new Rng(1)), Is.EqualTo(new[] { Peer(50), Peer(70), Peer(90) }));

        // Draws run short: the rest come from the whole list by degree, not from its first entries.
        var rng = new Rng(2);
        int lowest = 0;
        for (int t = 0; t < 1000; t++)
        {
            var chosen = NeighbourChoice.FromPool(draws.Take(1).ToList(), whole, 3, _ => false, rng);
            Assert.That(chosen, Is.Unique.And.Count.EqualTo(3));
            Assert.That(chosen[0], Is.EqualTo(Peer(50)));
            lowest += chosen.Count(a => a == Peer(1) || a == Peer(2));
        }
        Assert.That(lowest / 2000.0, Is.EqualTo(2 / 99.0).Within(0.01), "two of 99 equal weights, two picks a trial");
    }

    [Test]
    public void APoolOfWholeListsOnly_IsTheCompleteListChoice()
    {
        var whole = Enumerable.Range(1, 20).Select(i => new PeerListEntry(Peer((uint)i), i)).ToList();
        Assert.That(NeighbourChoice.FromPool([], whole, 3, a => a == Peer(20), new Rng(9)),
            Is.EqualTo(NeighbourChoice.FromCompleteList(whole, 3, a => a == Peer(20), new Rng(9))));
    }
}

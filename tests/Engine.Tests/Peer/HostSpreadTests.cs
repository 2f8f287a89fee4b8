using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>Newcomers' links spread over hosts: <see cref="HostSpread"/> in <see cref="NeighbourChoice"/>.</summary>
public class HostSpreadTests
{
    private static readonly NodeAddress[] Seeds = [NodeAddress.Parse("127.0.0.1:5000")];

    // links -> most on one IP
    [TestCase(1, 1)]
    [TestCase(2, 1)]
    [TestCase(3, 2)]
    [TestCase(4, 2)]
    [TestCase(11, 6)]
    public void Cap_IsHalfTheLinks_RoundedUp(int links, int cap) => Assert.That(HostSpread.Cap(links), Is.EqualTo(cap));

    private static PeerListEntry At(string address, int degree) => new(NodeAddress.Parse(address), degree);

    /// <summary>The choosing peer: on the seeds' host, as the newcomers of a run on 127.0.0.1.</summary>
    private static readonly NodeAddress Self = NodeAddress.Parse("127.0.0.1:7100");

    private static HostSpread Spread(int wanted, params string[] held) => SpreadFor(Self, wanted, held);

    private static HostSpread SpreadFor(NodeAddress self, int wanted, params string[] held) =>
        new(held.Select(NodeAddress.Parse).ToArray(), [], wanted, new SeedHosts(Seeds), self);

    /// <summary>Sybils on one host weighing a thousand times an honest peer: preferential attachment alone would give them every link.</summary>
    private static readonly PeerListEntry[] SybilHeavy =
    [
        At("192.0.2.9:9000", 5000), At("192.0.2.9:9001", 5000), At("192.0.2.9:9002", 5000), At("192.0.2.9:9003", 5000),
        At("198.51.100.1:7000", 3), At("198.51.100.2:7000", 3),
    ];

    [Test]
    public void FromACompleteList_AtMostTwoOfThreeLinksGoToOneHost()
    {
        for (ulong seed = 1; seed <= 50; seed++)
        {
            var chosen = NeighbourChoice.FromPool([], SybilHeavy, 3, _ => false, new Rng(seed), Spread(3));
            Assert.That(chosen, Has.Count.EqualTo(3).And.Unique);
            Assert.That(chosen.Count(a => a.IpText == "192.0.2.9"), Is.EqualTo(2), $"seed {seed}: the cap, and the heaviest fill it");
        }
        var without = NeighbourChoice.FromPool([], SybilHeavy, 3, _ => false, new Rng(1));
        Assert.That(without.Count(a => a.IpText == "192.0.2.9"), Is.EqualTo(3), "without the spread they take every link");
    }

    [Test]
    public void FromDraws_PassesOverACappedHost_InTheOrderDrawn()
    {
        var draws = new[] { SybilHeavy[0], SybilHeavy[1], SybilHeavy[2], SybilHeavy[0], SybilHeavy[3], SybilHeavy[5], SybilHeavy[4] };
        var chosen = NeighbourChoice.FromPool(draws, [], 3, _ => false, new Rng(1), Spread(3));
        Assert.That(chosen, Is.EqualTo(new[] { SybilHeavy[0].Address, SybilHeavy[1].Address, SybilHeavy[5].Address }));
    }

    [Test]
    public void WithNobodyOnAnotherHost_TheChoiceTakesWhatThereIs()
    {
        var oneHost = SybilHeavy.Take(4).ToArray();
        Assert.That(NeighbourChoice.FromPool([], oneHost, 3, _ => false, new Rng(3), Spread(3)), Has.Count.EqualTo(3), "never left unlinked by the spread");
        Assert.That(NeighbourChoice.FromPool(oneHost, [], 3, _ => false, new Rng(3), Spread(3)), Has.Count.EqualTo(3));
    }

    [Test]
    public void LinksHeldAlready_CountTowardsTheirHost()
    {
        // Two links to the Sybils' host held, one more wanted: 3 links in all, at most 2 there.
        var chosen = NeighbourChoice.FromPool([], SybilHeavy, 1, a => a == SybilHeavy[0].Address || a == SybilHeavy[1].Address, new Rng(5),
            Spread(1, "192.0.2.9:9000", "192.0.2.9:9001"));
        Assert.That(chosen.Single().IpText, Does.StartWith("198.51.100."));
    }

    [Test]
    public void OnTheSeedsHost_EveryLinkMayGoThere()
    {
        // Every honest node of a run on 127.0.0.1 shares the seeds' host; the Sybils beside them on 127.0.0.2 are capped.
        var pool = new[] { At("127.0.0.1:7000", 40), At("127.0.0.1:7001", 40), At("127.0.0.1:7002", 40), At("127.0.0.2:9000", 3), At("127.0.0.2:9001", 3) };
        for (ulong seed = 1; seed <= 30; seed++)
        {
            var chosen = NeighbourChoice.FromPool([], pool, 3, _ => false, new Rng(seed), Spread(3));
            Assert.That(chosen.Count(a => a.IpText == "127.0.0.2"), Is.LessThanOrEqualTo(2));
        }
        var sybilsHeavy = new[] { At("127.0.0.1:7000", 1), At("127.0.0.2:9000", 5000), At("127.0.0.2:9001", 5000), At("127.0.0.2:9002", 5000) };
        Assert.That(NeighbourChoice.FromPool([], sybilsHeavy, 3, _ => false, new Rng(1), Spread(3)), Does.Contain(sybilsHeavy[0].Address));
    }

    [Test]
    public void ASpreadThatNeverCaps_DrawsWhatTheChoiceWithoutItDraws()
    {
        // Every candidate on its own IP of the newcomer's /24 (the simulator, up to 255 peers): the same random numbers, the same links,
        // so run fingerprints stay.
        var pool = Enumerable.Range(1, 40).Select(i => new PeerListEntry(new NodeAddress((10u << 24) + (1u << 16) + (uint)i, 7000), 1 + i % 7)).ToArray();
        var newcomer = new NodeAddress((10u << 24) + (1u << 16) + 41, 7000);
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var a = NeighbourChoice.FromPool([], pool, 3, _ => false, new Rng(seed));
            var b = NeighbourChoice.FromPool([], pool, 3, _ => false, new Rng(seed), SpreadFor(newcomer, 3));
            Assert.That(b, Is.EqualTo(a));
        }
    }

    /// <summary>Sybils on 38 addresses of one /24, 7 on each, weighing a thousand times the honest peers beside the seeds.</summary>
    private static readonly PeerListEntry[] SpreadOverASlash24 =
        Enumerable.Range(2, 38).SelectMany(ip => Enumerable.Range(0, 7).Select(p => At($"203.0.113.{ip}:{9000 + p}", 5000)))
            .Concat([At("127.0.0.1:7000", 3), At("127.0.0.1:7001", 3), At("127.0.0.1:7002", 3)]).ToArray();

    [Test]
    public void SybilsOnManyAddressesOfOneSlash24_GetAtMostTwoOfThreeLinks_FromACompleteListAndFromDraws()
    {
        for (ulong seed = 1; seed <= 30; seed++)
        {
            var chosen = NeighbourChoice.FromPool([], SpreadOverASlash24, 3, _ => false, new Rng(seed), Spread(3));
            Assert.That(chosen, Has.Count.EqualTo(3).And.Unique);
            Assert.That(chosen.Count(a => a.IpText.StartsWith("203.0.113.")), Is.EqualTo(2), $"seed {seed}: the /24 counts as one host");
        }
        var draws = SpreadOverASlash24.Take(30).Append(SpreadOverASlash24[^1]).ToArray();
        var fromDraws = NeighbourChoice.FromPool(draws, [], 3, _ => false, new Rng(1), Spread(3));
        Assert.That(fromDraws, Is.EqualTo(new[] { draws[0].Address, draws[1].Address, SpreadOverASlash24[^1].Address }));
        var without = NeighbourChoice.FromPool([], SpreadOverASlash24, 3, _ => false, new Rng(1), SpreadPerIpOnly());
        Assert.That(without.Count(a => a.IpText.StartsWith("203.0.113.")), Is.EqualTo(3), "counted per IP alone, they take every link");
    }

    /// <summary>The spread of a newcomer inside the Sybils' /24: per IP only there.</summary>
    private static HostSpread SpreadPerIpOnly() => SpreadFor(NodeAddress.Parse("203.0.113.200:7000"), 3);

    [Test]
    public void TheNewcomersOwnSlash24_AndTheSeedsSlash24_AreCountedPerIpOnly()
    {
        // A newcomer beside many peers of its own /24, or beside the seeds, may take all its links there, each on its own IP.
        var lan = Enumerable.Range(1, 20).Select(i => At($"10.1.0.{i}:7000", 50)).Append(At("198.51.100.1:7000", 1)).ToArray();
        var inLan = NeighbourChoice.FromPool([], lan, 3, _ => false, new Rng(2), SpreadFor(NodeAddress.Parse("10.1.0.99:7000"), 3));
        Assert.That(inLan.Count(a => a.IpText.StartsWith("10.1.0.")), Is.EqualTo(3));
        var besideSeeds = Enumerable.Range(2, 20).Select(i => At($"127.0.0.{i}:7000", 50)).Append(At("198.51.100.1:7000", 1)).ToArray();
        var chosen = NeighbourChoice.FromPool([], besideSeeds, 3, _ => false, new Rng(2), SpreadFor(NodeAddress.Parse("10.9.9.9:7000"), 3));
        Assert.That(chosen.Count(a => a.IpText.StartsWith("127.0.0.")), Is.EqualTo(3));
        var fromOutside = NeighbourChoice.FromPool([], lan, 3, _ => false, new Rng(2), SpreadFor(NodeAddress.Parse("10.2.0.1:7000"), 3));
        Assert.That(fromOutside.Count(a => a.IpText.StartsWith("10.1.0.")), Is.EqualTo(2), "from another /24 it is capped");
    }
}

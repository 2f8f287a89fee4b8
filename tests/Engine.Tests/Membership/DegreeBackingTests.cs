using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Membership;

public class DegreeBackingTests
{
    // claimed, endorsed, unendorsed allowance -> believed
    [TestCase(3, 0, 3, 3)]          // a newcomer's own three links: nobody names them
    [TestCase(1000, 0, 3, 3)]       // a Sybil's claim that no member backs
    [TestCase(1000, 40, 3, 43)]
    [TestCase(40, 100, 3, 40)]      // endorsements of links that closed since: the claim bounds it
    [TestCase(0, 5, 3, 0)]
    [TestCase(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue)] // no overflow
    public void Believed_IsTheClaim_AtMostWhatEndorsementsAndTheAllowanceBack(int claimed, int endorsed, int unendorsed, int believed) =>
        Assert.That(DegreeBacking.Believed(claimed, endorsed, unendorsed), Is.EqualTo(believed));

    // live, claimed, endorsed, unendorsed -> probed by the sweep
    [TestCase(true, 0, 0, 3, true)]     // registered and never reported a link
    [TestCase(true, 3, 0, 3, false)]    // a newcomer with its own links
    [TestCase(true, 500, 2, 3, true)]   // a claim nobody backs
    [TestCase(true, 5, 2, 3, false)]
    [TestCase(false, 0, 0, 3, false)]   // removed: nothing to probe
    public void Unbacked_ForMembersWithoutLinksOrWithClaimsBeyondTheirBacking(bool live, int claimed, int endorsed, int unendorsed, bool unbacked) =>
        Assert.That(DegreeBacking.Unbacked(live, claimed, endorsed, unendorsed), Is.EqualTo(unbacked));

    // believed, newcomer links -> weight in preferential attachment
    [TestCase(0, 3, 3)]     // registered, its links not yet heard of: as a newcomer with its links
    [TestCase(2, 3, 3)]
    [TestCase(40, 3, 40)]
    [TestCase(0, 0, 1)]     // never below 1: every member can be drawn
    [TestCase(0, 1, 1)]
    public void Weight_IsTheBelievedDegree_AtLeastANewcomersLinks(int believed, int newcomerLinks, long weight) =>
        Assert.That(DegreeBacking.Weight(believed, newcomerLinks), Is.EqualTo(weight));

    [TestCase(true, 0, 64, true)]
    [TestCase(true, 63, 64, true)]
    [TestCase(true, 64, 64, false)]     // its budget is spent
    [TestCase(false, 0, 64, false)]     // not a live member (or another incarnation)
    public void MayEndorse_OnlyALiveMemberWithinItsBudget(bool live, int given, int budget, bool may) =>
        Assert.That(DegreeBacking.MayEndorse(live, given, budget), Is.EqualTo(may));

    private static readonly NodeAddress Sybil = NodeAddress.Parse("10.0.0.9:7000");

    private static PeerList ListOf(int members, int unendorsed)
    {
        var list = new PeerList(unendorsedLinks: unendorsed);
        for (int i = 1; i <= members; i++) list.Apply(new MembershipOp(MembershipChange.Add, new PeerId(NodeAddress.Parse($"10.0.0.{i}:7000"), 1)));
        return list;
    }

    [Test]
    public void AnInflatedClaim_IsHandedOutAsWhatItsEndorsersBack()
    {
        var list = ListOf(9, unendorsed: 3);
        Assert.That(list.SetDegree(Sybil, 1, 1000, 1), Is.True);
        Assert.That(list.BelievedDegreeOf(Sybil), Is.EqualTo(3));
        Assert.That(list.Endorse(new PeerId(NodeAddress.Parse("10.0.0.1:7000"), 1), Sybil, budget: 64), Is.True);
        Assert.That(list.BelievedDegreeOf(Sybil), Is.EqualTo(4));
        Assert.That(list.LiveEntries(NodeAddress.None).Single(e => e.Address == Sybil).Degree, Is.EqualTo(4), "the peer list carries the believed degree");
        Assert.That(list.DegreeOf(Sybil), Is.EqualTo(1000), "the claim itself is kept");
    }

    [Test]
    public void AnEndorser_SpendsItsBudget_AndOnlyLiveMembersAtTheirIncarnationCount()
    {
        var list = ListOf(9, unendorsed: 0);
        list.SetDegree(Sybil, 1, 1000, 1);
        var liar = new PeerId(NodeAddress.Parse("10.0.0.2:7000"), 1);
        int counted = Enumerable.Range(0, 100).Count(_ => list.Endorse(liar, Sybil, budget: 10));
        Assert.That(counted, Is.EqualTo(10), "one liar backs at most its budget");
        Assert.That(list.Endorse(liar with { Incarnation = 2 }, Sybil, budget: 10), Is.False, "another incarnation is not the member");
        Assert.That(list.Endorse(new PeerId(NodeAddress.Parse("10.9.9.9:7000"), 1), Sybil, budget: 10), Is.False, "a non-member");
        Assert.That(list.Endorse(new PeerId(Sybil, 1), Sybil, budget: 10), Is.False, "nobody backs itself");
        Assert.That(list.BelievedDegreeOf(Sybil), Is.EqualTo(10));
    }

    // endorser IP, target IP, the target's IP is a seed's -> counts
    [TestCase("10.0.0.1", "10.0.0.2", false, true)]   // two hosts
    [TestCase("10.0.0.1", "10.0.0.1", false, false)]  // one host: Sybils lifting each other
    [TestCase("127.0.0.1", "127.0.0.1", true, true)]  // the seeds' host: every node of a run on 127.0.0.1
    [TestCase("10.0.0.1", "10.0.0.2", true, true)]
    public void Counts_NotBetweenMembersOnOneHost_UnlessItIsASeedsHost(string endorser, string target, bool seedHost, bool counts) =>
        Assert.That(DegreeBacking.Counts(NodeAddress.Parse(endorser + ":1").Ip, NodeAddress.Parse(target + ":1").Ip, seedHost), Is.EqualTo(counts));

    [Test]
    public void MembersOnOneHost_CannotLiftEachOther_WhileOnTheSeedsHostTheyCan()
    {
        var seeds = new[] { NodeAddress.Parse("127.0.0.1:5000") };
        var list = new PeerList(unendorsedLinks: 3, seedHosts: new SeedHosts(seeds));
        var sybils = Enumerable.Range(0, 10).Select(i => new PeerId(NodeAddress.Parse($"127.0.0.2:{9000 + i}"), 1)).ToList();
        var honest = Enumerable.Range(0, 10).Select(i => new PeerId(NodeAddress.Parse($"127.0.0.1:{7000 + i}"), 1)).ToList();
        foreach (var p in sybils.Concat(honest)) list.Apply(new MembershipOp(MembershipChange.Add, p));
        list.SetDegree(sybils[0].Address, 1, 5000, 1);
        list.SetDegree(honest[0].Address, 1, 9, 1);
        foreach (var s in sybils.Skip(1)) Assert.That(list.Endorse(s, sybils[0].Address, budget: 64), Is.False);
        foreach (var h in honest.Skip(1)) Assert.That(list.Endorse(h, honest[0].Address, budget: 64), Is.True);
        Assert.That(list.BelievedDegreeOf(sybils[0].Address), Is.EqualTo(3), "nine Sybils on 127.0.0.2 back nothing");
        Assert.That(list.BelievedDegreeOf(honest[0].Address), Is.EqualTo(9), "peers on the seeds' host back each other");
        Assert.That(list.Endorse(honest[1], sybils[0].Address, budget: 64), Is.True, "a link from another host counts");
        Assert.That(list.LiveOnHost(sybils[0].Address.Ip), Is.EqualTo((10, 20)));
    }
}

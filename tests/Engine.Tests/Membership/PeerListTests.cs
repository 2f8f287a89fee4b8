using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class PeerListTests
{
    private static readonly NodeAddress A = NodeAddress.Parse("10.1.0.1:7000");
    private static MembershipOp Add(long inc) => new(MembershipChange.Add, new PeerId(A, inc));
    private static MembershipOp Remove(long inc) => new(MembershipChange.Remove, new PeerId(A, inc));

    [Test]
    public void ReAdding_AKnownPeer_ChangesNothing()
    {
        var pl = new PeerList();
        Assert.That(pl.Apply(Add(1)), Is.EqualTo(PeerList.Outcome.Added));
        ulong digest = pl.Digest;
        Assert.That(pl.Apply(Add(1)), Is.EqualTo(PeerList.Outcome.Unchanged));
        Assert.That(pl.LiveCount, Is.EqualTo(1));
        Assert.That(pl.Digest, Is.EqualTo(digest));
    }

    [Test]
    public void RemoveBeforeAdd_OfTheSameIncarnation_KeepsThePeerRemoved()
    {
        var pl = new PeerList();
        pl.Apply(Remove(1));
        pl.Apply(Add(1));
        Assert.That(pl.IsLive(A), Is.False);
    }

    [Test]
    public void ANewerIncarnation_ComesBackAfterRemoval()
    {
        var pl = new PeerList();
        pl.Apply(Add(1));
        pl.Apply(Remove(1));
        Assert.That(pl.Apply(Add(2)), Is.EqualTo(PeerList.Outcome.Added));
        Assert.That(pl.Apply(Remove(1)), Is.EqualTo(PeerList.Outcome.Unchanged), "a removal of the old incarnation must not remove the new one");
        Assert.That(pl.IsLive(A), Is.True);
    }

    [Test]
    public void AnyOrderOfTheSameOperations_GivesTheSameList()
    {
        var rng = new Rng(5);
        var ops = new List<MembershipOp>();
        for (int i = 0; i < 40; i++)
        {
            var who = new NodeAddress((10u << 24) + (uint)rng.NextInt(8) + 1, 7000);
            ops.Add(new MembershipOp(rng.NextInt(3) == 0 ? MembershipChange.Remove : MembershipChange.Add, new PeerId(who, rng.NextInt(3) + 1)));
        }
        var reference = new PeerList();
        foreach (var op in ops) reference.Apply(op);
        for (int trial = 0; trial < 50; trial++)
        {
            var shuffled = ops.Concat(ops.Take(10)).ToArray(); // with duplicates too
            rng.Shuffle(shuffled.AsSpan());
            var pl = new PeerList();
            foreach (var op in shuffled) pl.Apply(op);
            Assert.That(pl.Digest, Is.EqualTo(reference.Digest));
            Assert.That(pl.LiveEntries(default).Select(e => e.Address), Is.EqualTo(reference.LiveEntries(default).Select(e => e.Address)));
        }
    }

    [Test]
    public void SampleByDegree_DrawsInProportionToDegree()
    {
        var pl = new PeerList();
        var low = NodeAddress.Parse("10.1.0.1:7000");
        var high = NodeAddress.Parse("10.1.0.2:7000");
        pl.Apply(new MembershipOp(MembershipChange.Add, new PeerId(low, 1)));
        pl.Apply(new MembershipOp(MembershipChange.Add, new PeerId(high, 1)));
        pl.SetDegree(low, 1, 1, 1);
        pl.SetDegree(high, 1, 9, 1);
        var draws = pl.SampleByDegree(new Rng(3), 10_000, default);
        double highShare = draws.Count(d => d.Address == high) / (double)draws.Length;
        Assert.That(highShare, Is.EqualTo(0.9).Within(0.02));
    }

    [Test]
    public void SampleByDegree_NeverReturnsRemovedPeersOrTheAsker()
    {
        var pl = new PeerList();
        for (uint i = 1; i <= 20; i++) pl.Apply(new MembershipOp(MembershipChange.Add, new PeerId(new NodeAddress((10u << 24) + i, 7000), 1)));
        var gone = new NodeAddress((10u << 24) + 3, 7000);
        var asker = new NodeAddress((10u << 24) + 4, 7000);
        pl.Apply(new MembershipOp(MembershipChange.Remove, new PeerId(gone, 1)));
        var draws = pl.SampleByDegree(new Rng(9), 2000, asker);
        Assert.That(draws.Select(d => d.Address), Has.None.EqualTo(gone).And.None.EqualTo(asker));
    }
    /// <summary>256 Sybils on 38 addresses of one /24 claiming 5,000 links each, beside 800 honest members on the
    /// seeds' host. Their weight fills a seed's draws; the offer then adds members from outside their /24.</summary>
    [Test]
    public void SampleByDegree_WhenOneSlash24FillsMoreThanHalf_AddsMembersFromOutsideIt()
    {
        var seeds = new SeedHosts([NodeAddress.Parse("127.0.0.1:5000")]);
        var pl = new PeerList(seedHosts: seeds);
        var honest = Enumerable.Range(0, 800).Select(i => new NodeAddress((127u << 24) | 1, (ushort)(7000 + i))).ToList();
        var sybils = Enumerable.Range(0, 256).Select(i => new NodeAddress((127u << 24) | (1u << 16) | (uint)(2 + i % 38), (ushort)(9000 + i))).ToList();
        foreach (var a in honest) { pl.Apply(new MembershipOp(MembershipChange.Add, new PeerId(a, 1))); pl.SetDegree(a, 1, 3, 1); }
        foreach (var a in sybils) { pl.Apply(new MembershipOp(MembershipChange.Add, new PeerId(a, 1))); pl.SetDegree(a, 1, 5000, 1); }
        var requester = new NodeAddress((127u << 24) | 1, 6000);
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var offer = pl.SampleByDegree(new Rng(seed), 24, requester);
            int outside = offer.Count(e => (e.Address.Ip & 0xFFFFFF00u) != ((127u << 24) | (1u << 16)));
            Assert.That(offer.Take(24).Count(e => honest.Contains(e.Address)), Is.LessThan(3), $"seed {seed}: the draws alone are the Sybils'");
            Assert.That(outside, Is.GreaterThanOrEqualTo(3), $"seed {seed}: members from outside the Sybils' /24 are added");
            Assert.That(offer.Select(e => e.Address).Distinct().Count(), Is.GreaterThanOrEqualTo(outside));
        }
        // The same Sybils asking (their own /24 is not counted against them) and draws spread over /24s: the draws alone, as before.
        Assert.That(pl.SampleByDegree(new Rng(1), 24, sybils[0]), Has.Length.EqualTo(24));
    }

    [Test]
    public void SampleByDegree_SpreadOverSlash24s_IsTheDrawsAlone()
    {
        var pl = new PeerList();
        for (uint i = 0; i < 2000; i++)
        {
            var a = new NodeAddress((10u << 24) | (i << 8) | 1, 7000);
            pl.Apply(new MembershipOp(MembershipChange.Add, new PeerId(a, 1)));
            pl.SetDegree(a, 1, 1 + (int)(i % 9), 1);
        }
        for (ulong seed = 1; seed <= 10; seed++) Assert.That(pl.SampleByDegree(new Rng(seed), 24, default), Has.Length.EqualTo(24));
    }
}

public class CommitLogTests
{
    private static readonly NodeAddress Seed = NodeAddress.Parse("10.0.0.1:5000");

    private static CommittedOp Op(long seq) =>
        new(Seed, 1, seq, new MembershipOp(MembershipChange.Add, new PeerId(new NodeAddress((10u << 24) + (1u << 16) + (uint)seq, 7000), 1)));

    [Test]
    public void Sync_ShipsExactlyWhatTheAskerLacks()
    {
        var full = new CommitLog();
        for (int i = 1; i <= 10; i++) full.Add(Op(i));
        var behind = new CommitLog();
        for (int i = 1; i <= 4; i++) behind.Add(Op(i));
        var (ops, more) = full.MissingFor(behind.Watermarks(), 100);
        Assert.That(ops.Select(o => o.Sequence), Is.EqualTo(new long[] { 5, 6, 7, 8, 9, 10 }));
        Assert.That(more, Is.False);
        var (page, morePages) = full.MissingFor(behind.Watermarks(), 2);
        Assert.That(page.Select(o => o.Sequence), Is.EqualTo(new long[] { 5, 6 }));
        Assert.That(morePages, Is.True);
    }

    [Test]
    public void CommitsInAnyOrder_EndContiguous_WithNothingHeldPastAGap()
    {
        // 5,000 commits shuffled (most wait past a gap for a while), and a few far beyond
        // the ring's reach (held apart until the gap before them closes).
        var order = Enumerable.Range(1, 5_000).Select(i => (long)i).ToArray();
        new Rng(7).Shuffle(order.AsSpan());
        var far = new long[] { 40_000, 40_001, 20_000 };
        var log = new CommitLog();
        foreach (long s in far) Assert.That(log.Add(Op(s)), Is.True);
        foreach (long s in order) Assert.That(log.Add(Op(s)), Is.True);
        foreach (long s in order.Take(100)) Assert.That(log.Add(Op(s)), Is.False, "a duplicate is refused");
        Assert.That(log.Watermarks().Single().Contiguous, Is.EqualTo(5_000));
        Assert.That(log.OpsPastGaps, Is.EqualTo(3), "only the far ones wait, past the gap at 5,001");
        Assert.That(log.Holds(Op(40_001)), Is.True);
        Assert.That(log.Holds(Op(40_002)), Is.False);
        var (ops, more) = log.MissingFor(Array.Empty<ProposerWatermark>(), 10_000);
        Assert.That(ops.Select(o => o.Sequence), Is.EqualTo(Enumerable.Range(1, 5_000).Select(i => (long)i).Concat(new long[] { 20_000, 40_000, 40_001 })),
            "contiguous ones in order, then those past the gap in order");
        Assert.That(more, Is.False);
        for (long s = 5_001; s < 20_000; s++) log.Add(Op(s));
        Assert.That(log.Watermarks().Single().Contiguous, Is.EqualTo(20_000), "the far one joined once the gap closed");
        Assert.That(log.OpsPastGaps, Is.EqualTo(2));
        Assert.That(log.NextSequence(new LogId(Seed, 1)), Is.EqualTo(20_003));
    }

    [Test]
    public void AnOperationPastAPermanentGap_StillReachesARestartedSeed()
    {
        // Commit 3 was applied only by its proposer, which then crashed: nobody can fill the gap.
        var survivor = new CommitLog();
        foreach (int i in new[] { 1, 2, 4, 5 }) survivor.Add(Op(i));
        var restarted = new CommitLog();
        var (ops, _) = survivor.MissingFor(restarted.Watermarks(), 100);
        foreach (var op in ops) restarted.Add(op);
        Assert.That(restarted.TotalOps, Is.EqualTo(4), "ops 4 and 5 travel although 3 never will");
        var (again, _) = survivor.MissingFor(restarted.Watermarks(), 100);
        Assert.That(again.Count(op => restarted.Add(op)), Is.Zero, "a second round brings nothing new");
    }

    [Test]
    public void DegreeReports_ArrivingOutOfOrder_LeaveTheNewestDegree()
    {
        var A = NodeAddress.Parse("10.1.0.9:7000");
        static MembershipOp Add(long inc) => new(MembershipChange.Add, new PeerId(NodeAddress.Parse("10.1.0.9:7000"), inc));
        var pl = new PeerList();
        pl.Apply(Add(1));
        Assert.That(pl.SetDegree(A, 1, 3, report: 3), Is.True);
        Assert.That(pl.SetDegree(A, 1, 2, report: 2), Is.False, "an older report arriving late is ignored");
        Assert.That(pl.DegreeOf(A), Is.EqualTo(3));
        Assert.That(pl.SetDegree(A, 1, 4, report: 4), Is.True);
        Assert.That(pl.DegreeOf(A), Is.EqualTo(4));
        // A new incarnation numbers its reports from 1 again.
        pl.Apply(Add(2));
        Assert.That(pl.SetDegree(A, 2, 1, report: 1), Is.True);
        Assert.That(pl.DegreeOf(A), Is.EqualTo(1));
        Assert.That(pl.SetDegree(A, 1, 9, report: 99), Is.False, "a report of the old incarnation is ignored");
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Trust;

/// <summary>What a seed's refresh replies carry of its removals: bounded, forgotten in time, one array shared while nothing changes.</summary>
public class RecentRemovalsTests
{
    private static PeerId Member(int i, long incarnation = 1) => new(new NodeAddress((10u << 24) + (1u << 16) + (uint)i, 7000), incarnation);

    private static RemovedMember Removal(int i, double forgetAtSeconds, long incarnation = 1) => new(Member(i, incarnation), TimeSpan.FromSeconds(forgetAtSeconds), null);

    [Test]
    public void Current_IsOneSharedArray_UntilARemovalComesOrIsForgotten()
    {
        var removals = new RecentRemovals();
        Assert.That(removals.Current(TimeSpan.Zero), Is.Empty);
        removals.Add(Removal(1, 10));
        removals.Add(Removal(2, 20));
        var first = removals.Current(TimeSpan.FromSeconds(5));
        Assert.That(first.Select(r => r.Member), Is.EqualTo(new[] { Member(1), Member(2) }), "oldest first");
        Assert.That(removals.Current(TimeSpan.FromSeconds(9)), Is.SameAs(first), "nothing changed: the same array");

        var later = removals.Current(TimeSpan.FromSeconds(10));
        Assert.That(later.Select(r => r.Member), Is.EqualTo(new[] { Member(2) }), "forgotten at its time");
        Assert.That(removals.Current(TimeSpan.FromSeconds(20)), Is.Empty);
    }

    [Test]
    public void ALaterIncarnationsRemoval_ReplacesTheEarlier_AndTheListStopsAtItsMax()
    {
        var removals = new RecentRemovals();
        removals.Add(Removal(1, 10, incarnation: 1));
        removals.Add(Removal(1, 11, incarnation: 2));
        Assert.That(removals.Current(TimeSpan.Zero).Select(r => r.Member), Is.EqualTo(new[] { Member(1, 2) }));

        for (int i = 2; i <= RecentRemovals.Max + 5; i++) removals.Add(Removal(i, 100 + i));
        var current = removals.Current(TimeSpan.Zero);
        Assert.That(current, Has.Length.EqualTo(RecentRemovals.Max));
        Assert.That(current[^1].Member, Is.EqualTo(Member(RecentRemovals.Max + 5)), "the newest kept");
        Assert.That(current.Select(r => r.Member), Does.Not.Contain(Member(1, 2)), "the oldest went first");
    }

    [Test]
    public void ARemovalPastTheRepliesMax_KeepsItsProofForNotices_UntilForgotten()
    {
        // A burst of crashes: more removals than a reply carries. A peer reporting the first crashed member must still get a
        // notice with a proof, or it keeps its dead link for good.
        var removals = new RecentRemovals();
        var proof = new CommitProof(null, []);
        removals.Add(new RemovedMember(Member(1), TimeSpan.FromSeconds(50), proof));
        for (int i = 2; i <= RecentRemovals.Max + 5; i++) removals.Add(Removal(i, 100 + i));
        Assert.That(removals.Current(TimeSpan.Zero).Select(r => r.Member), Does.Not.Contain(Member(1)), "the replies carry the newest");

        Assert.That(removals.Of(Member(1).Address)?.Proof, Is.SameAs(proof), "held for a notice");
        Assert.That(removals.Of(Member(2).Address)?.Member, Is.EqualTo(Member(2)));

        removals.Current(TimeSpan.FromSeconds(50));
        Assert.That(removals.Of(Member(1).Address), Is.Null, "forgotten at its time");
        Assert.That(removals.Of(Member(2).Address), Is.Not.Null, "the others not yet");
    }

    [Test]
    public void ALaterIncarnationsRemoval_IsTheOneHeld_AndStaysWhenTheEarlierIsForgotten()
    {
        var removals = new RecentRemovals();
        removals.Add(Removal(1, 10, incarnation: 1));
        removals.Add(Removal(1, 20, incarnation: 2));
        removals.Current(TimeSpan.FromSeconds(10));
        Assert.That(removals.Of(Member(1).Address)?.Member, Is.EqualTo(Member(1, 2)));
        removals.Current(TimeSpan.FromSeconds(20));
        Assert.That(removals.Of(Member(1).Address), Is.Null);
    }
}

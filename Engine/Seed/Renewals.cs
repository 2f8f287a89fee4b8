using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// Membership that ends: a removed member's voice expires. A seed renews a live member's certificate, signed, for
/// <see cref="Config.SeedConfig.CertificateLifetime"/> at registration and at each of its
/// refreshes, and hands every refreshing member the recent removals with their proofs: every
/// removal, from reports and from goodbyes alike, so each peer drops a removed member's links
/// and refuses its gossip at its next refresh, and a peer that missed it refuses the member once
/// its last renewal runs out (no seed renews a removed member).
/// </summary>
internal sealed class Renewals(SeedSelf self)
{
    private RecentRemovals? _recentRemovals;

    /// <summary>A renewal of <paramref name="member"/>'s certificate from now for a lifetime, signed by this seed.</summary>
    public CertificateRenewal Renew(in PeerId member)
    {
        var validUntil = self.Ctx.Now + self.Config.CertificateLifetime;
        return new CertificateRenewal(self.Address, validUntil, self.Identity.SignRenewal(member, validUntil));
    }

    /// <summary>A live member at this incarnation refreshed: its renewal and the recent removals.</summary>
    public void AnswerRefresh(NodeAddress member, long incarnation) =>
        self.Send(member, new RefreshReply(incarnation, Renew(new PeerId(member, incarnation)),
            _recentRemovals?.Current(self.Ctx.Now) ?? [], self.VouchedKeys(), self.Set.Version));

    /// <summary>
    /// A notice that <paramref name="member"/> (an address this seed lists as removed) was removed, with the removal's proof
    /// while this seed still holds it (two lifetimes); after that without one, which a peer acts on only about itself, by asking
    /// the seeds (<see cref="RemovalNotice"/>).
    /// </summary>
    public RemovalNotice NoticeOf(PeerId member) =>
        _recentRemovals?.Of(member.Address) is { } r && r.Member.Incarnation >= member.Incarnation
            ? new RemovalNotice(r.Member, r.Proof)
            : new RemovalNotice(member, null);

    /// <summary>
    /// <paramref name="from"/>, not a live member here, asked or told this seed something only a member may: when this seed holds it as
    /// removed, it hears of its removal, so it registers again (true); false for an address this seed never held.
    /// </summary>
    public bool TellRemoved(PeerList peers, NodeAddress from)
    {
        if (!peers.TryGet(from, out var removed, out _)) return false;
        self.Send(from, NoticeOf(removed));
        return true;
    }

    /// <summary>A notice of a removal this seed has just applied or committed, with its proof.</summary>
    public static RemovalNotice NoticeOf(in CommittedOp op) => new(op.Op.Peer, op.Proof);

    /// <summary>
    /// A removal this seed applied goes out with its refresh replies until its member's last
    /// renewal has surely run out: two lifetimes, as another seed may have renewed the member
    /// until it too applied the removal (within an anti-entropy round, normally).
    /// </summary>
    public void RecordRemoval(in CommittedOp op) =>
        (_recentRemovals ??= new RecentRemovals()).Add(new RemovedMember(op.Op.Peer,
            self.Ctx.Now + 2 * self.Config.CertificateLifetime, op.Proof));
}

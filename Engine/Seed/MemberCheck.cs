using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// Whether a peer is a member here, for whoever asks: the peer itself (after a refresh, or when
/// it talks as a member), or a peer that accepted its link (the seed answers only when it is
/// not a live member, so honest links cost one message and no answer).
/// </summary>
internal sealed class MemberCheck(SeedSelf self, PeerList peers, Ledger ledger, Renewals renewals)
{
    /// <summary>
    /// A peer that talks to us as a member but is not one here is told so, from one look-up
    /// of its entry (a seed takes every peer's degree reports). Removed by the seeds (it was cut
    /// off, and the notice was lost): it rejoins as a new incarnation. Not known at all (we lost
    /// our state, or never caught up): it asks the other seeds, and registers again when a
    /// majority does not list it.
    /// </summary>
    public bool TellIfNotMember(NodeAddress peer, long incarnation)
    {
        if (!peers.TryGet(peer, out var entry, out bool live))
        {
            self.Send(peer, new MembershipStatus(false, ledger.Commits.TotalOps));
            return true;
        }
        if (live && entry.Incarnation == incarnation) return false;
        if (entry.Incarnation < incarnation) return false; // a newer incarnation we have not heard of yet
        self.Send(peer, renewals.NoticeOf(entry));
        return true;
    }

    public void OnMembershipCheck(NodeAddress from, MembershipCheck m)
    {
        bool listed = peers.TryGet(from, out var entry, out bool live) && live && entry.Incarnation >= m.Incarnation;
        self.Send(from, new MembershipStatus(listed, ledger.Commits.TotalOps));
    }

    public void OnMemberQuery(NodeAddress from, MemberQuery m)
    {
        if (!peers.IsLive(m.Peer)) self.Send(from, new NotAMember(m.Peer));
    }
}

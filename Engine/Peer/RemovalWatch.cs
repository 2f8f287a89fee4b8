using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;

namespace GossipSim.Engine.Peer;

/// <summary>
/// Membership that ends (issue 30), at a peer: each refresh brings this peer's certificate a new
/// renewal from the seed and the seeds' recent removals. A removal whose proof verifies makes the
/// peer drop its link to the removed member at once and refuse that incarnation's (and earlier
/// ones') links and gossip until the seed says it may forget it, by when any certificate of that
/// incarnation has expired. (The renewal itself is the <see cref="Joiner"/>'s, which holds the certificate.)
/// </summary>
internal struct RemovalWatch
{
    // Keeps no reference to its peer: a call that needs the peer or a sibling part is handed it
    // (see PeerNode).
    public RemovalWatch() { }

    // The removals in force, as the last refresh reply brought them (the seed's own array when all
    // verified, so a million simulated peers share one), plus older ones that reply did not repeat.
    private RemovedMember[] _removals = [];

    public void OnRefreshReply(PeerNode peer, NodeAddress seed, RefreshReply m)
    {
        if (!ReferenceEquals(m.Removals, _removals)) TakeRemovals(peer, seed, m.Removals);
    }

    /// <summary>
    /// Keeps the removals in force: those of <paramref name="news"/> whose proof verifies, and
    /// those held before that have not run out (a seed that has not applied a removal yet must not
    /// make this peer forget it). A removal new here ends the link to its member.
    /// </summary>
    private void TakeRemovals(PeerNode peer, NodeAddress seed, RemovedMember[] news)
    {
        var now = peer.Self.Ctx.Now;
        List<RemovedMember>? kept = null; // made only when the result is not the seed's array as it came
        int taken = 0;
        for (int i = 0; i < news.Length; i++)
        {
            var r = news[i];
            bool held = IndexOfRemoval(_removals, r.Member) >= 0;
            string? why = r.ForgetAt <= now ? "" : held ? null : ProofRefusal(peer, r);
            if (why == null)
            {
                kept?.Add(r);
                taken++;
                if (!held) Removed(peer, seed, r.Member);
                continue;
            }
            if (why.Length > 0) peer.Self.RejectInput($"ignored seed {seed}'s removal of {r.Member}: {why}");
            kept ??= new List<RemovedMember>(news.AsSpan(0, i).ToArray());
        }
        foreach (var old in _removals)
        {
            if (old.ForgetAt <= now || IndexOfRemoval(news, old.Member) >= 0) continue;
            (kept ??= new List<RemovedMember>(news)).Add(old);
        }
        _removals = kept?.ToArray() ?? news;
    }

    private string? ProofRefusal(PeerNode peer, in RemovedMember r) =>
        CommitCheck.Verify(new CommittedOp(NodeAddress.None, 0, 0, new MembershipOp(MembershipChange.Remove, r.Member),
            r.Proof), peer.Self.Seeds, peer.Self.Identity);

    /// <summary>A removal this peer had not heard of: itself (it registers again), or a member whose link ends now.</summary>
    private void Removed(PeerNode peer, NodeAddress seed, PeerId member)
    {
        if (member.Address == peer.Self.Address)
        {
            if (member.Incarnation >= peer.Joiner.Incarnation) peer.Joiner.Rejoin(peer, $"seed {seed} lists my removal (incarnation {member.Incarnation})");
            return;
        }
        peer.Linker.Remember(peer, member.Address);
        if (!peer.Neighbourhood.Contains(member.Address)) return;
        peer.Neighbourhood.RemoveNeighbour(peer, member.Address, "removed by the seeds");
        peer.Self.Ctx.Send(member.Address, new LinkClose());
        peer.Self.Log($"seed {seed} lists the removal of {member}; closed the link to it");
        if (peer.Self.Config.ReattachOnLoss) peer.Linker.Reattach(peer);
    }

    /// <summary>The highest incarnation of <paramref name="member"/> this peer knows removed; -1: none.</summary>
    public long RemovedUpTo(NodeAddress member)
    {
        long upTo = -1;
        foreach (var r in _removals)
            if (r.Member.Address == member) upTo = Math.Max(upTo, r.Member.Incarnation);
        return upTo;
    }

    private static int IndexOfRemoval(RemovedMember[] removals, PeerId member)
    {
        for (int i = 0; i < removals.Length; i++)
            if (removals[i].Member == member) return i;
        return -1;
    }
}

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
    private readonly PeerNode _peer; // the peer this part is held in: its siblings are reached through it
    private readonly ref PeerSelf Self => ref _peer.Self;
    private readonly ref Joiner Joiner => ref _peer.Joiner;
    private readonly ref Neighbourhood Neighbours => ref _peer.Neighbourhood;
    private readonly ref Linker Linker => ref _peer.Linker;

    public RemovalWatch(PeerNode peer) => _peer = peer;


    // The removals in force, as the last refresh reply brought them (the seed's own array when all
    // verified, so a million simulated peers share one), plus older ones that reply did not repeat.
    private RemovedMember[] _removals = [];

    public void OnRefreshReply(NodeAddress seed, RefreshReply m)
    {
        if (!ReferenceEquals(m.Removals, _removals)) TakeRemovals(seed, m.Removals);
    }

    /// <summary>
    /// Keeps the removals in force: those of <paramref name="news"/> whose proof verifies, and
    /// those held before that have not run out (a seed that has not applied a removal yet must not
    /// make this peer forget it). A removal new here ends the link to its member.
    /// </summary>
    private void TakeRemovals(NodeAddress seed, RemovedMember[] news)
    {
        var now = Self.Ctx.Now;
        List<RemovedMember>? kept = null; // made only when the result is not the seed's array as it came
        int taken = 0;
        for (int i = 0; i < news.Length; i++)
        {
            var r = news[i];
            bool held = IndexOfRemoval(_removals, r.Member) >= 0;
            string? why = r.ForgetAt <= now ? "" : held ? null : ProofRefusal(r);
            if (why == null)
            {
                kept?.Add(r);
                taken++;
                if (!held) Removed(seed, r.Member);
                continue;
            }
            if (why.Length > 0) Self.RejectInput($"ignored seed {seed}'s removal of {r.Member}: {why}");
            kept ??= new List<RemovedMember>(news.AsSpan(0, i).ToArray());
        }
        foreach (var old in _removals)
        {
            if (old.ForgetAt <= now || IndexOfRemoval(news, old.Member) >= 0) continue;
            (kept ??= new List<RemovedMember>(news)).Add(old);
        }
        _removals = kept?.ToArray() ?? news;
    }

    private string? ProofRefusal(in RemovedMember r) =>
        CommitCheck.Verify(new CommittedOp(NodeAddress.None, 0, 0, new MembershipOp(MembershipChange.Remove, r.Member),
            r.Proof), Self.Seeds, Self.Identity);

    /// <summary>A removal this peer had not heard of: itself (it registers again), or a member whose link ends now.</summary>
    private void Removed(NodeAddress seed, PeerId member)
    {
        if (member.Address == Self.Address)
        {
            if (member.Incarnation >= Joiner.Incarnation) Joiner.Rejoin($"seed {seed} lists my removal (incarnation {member.Incarnation})");
            return;
        }
        Linker.Remember(member.Address);
        if (!Neighbours.Contains(member.Address)) return;
        Neighbours.RemoveNeighbour(member.Address, "removed by the seeds");
        Self.Ctx.Send(member.Address, new LinkClose());
        Self.Log($"seed {seed} lists the removal of {member}; closed the link to it");
        if (Self.Config.ReattachOnLoss) Linker.Reattach();
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

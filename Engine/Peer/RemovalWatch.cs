using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// Membership that ends, at a peer, so a removed member loses its voice here: each refresh brings this peer's certificate a new
/// renewal from the seed and the seeds' recent removals. A removal whose proof verifies makes the peer drop its link to the
/// removed member at once and refuse that incarnation's (and earlier ones') links and gossip until the seed says it may forget
/// it, by when any certificate of that incarnation has expired. (The renewal itself is the <see cref="Joiner"/>'s, which holds
/// the certificate.)
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

    private static string? ProofRefusal(PeerNode peer, in RemovedMember r) => ProofRefusal(peer, r.Member, r.Proof);

    private static string? ProofRefusal(PeerNode peer, PeerId member, CommitProof? proof) =>
        CommitCheck.Verify(new CommittedOp(NodeAddress.None, 0, 0, new MembershipOp(MembershipChange.Remove, member), proof),
            peer.Self.Seeds, peer.Self.LearnedSets, peer.Self.Identity);

    /// <summary>
    /// A seed's notice that a member was removed (to a peer that reported it, or to the member itself). One seed's word is not
    /// a removal: the notice is acted on only when its proof, a majority of the seeds' signed votes on that removal, verifies
    /// as a commit's does at a seed, so a seed's address held by someone else (a squatter on a crashed seed's port) cuts no
    /// link. A notice about this peer without a proof (the seed keeps proofs for two certificate lifetimes) counts as that
    /// seed no longer listing it: the peer asks the others and registers again only when a majority says so.
    /// </summary>
    public void OnRemovalNotice(PeerNode peer, NodeAddress seed, RemovalNotice m)
    {
        var member = m.Removed;
        bool aboutMe = member.Address == peer.Self.Address;
        string? why = ProofRefusal(peer, member, m.Proof);
        if (why != null)
        {
            // Counted at a version of the seed set this peer has not learned yet: it asks for the steps; the seed's notice comes again
            // with the next report or refresh.
            if (m.Proof is { } proof && proof.SetVersion > peer.Self.SetVersion)
                peer.Self.SendToSeed(seed, new SeedSetStepRequest(peer.Self.SetVersion));
            if (aboutMe && member.Incarnation >= peer.Joiner.Incarnation) peer.Joiner.NotListedBy(peer, seed, $"seed {seed} says I was removed ({why})");
            else peer.Self.RejectInput($"ignored seed {seed}'s notice that {member} was removed: {why}");
            return;
        }
        if (aboutMe)
        {
            if (member.Incarnation >= peer.Joiner.Incarnation) peer.Joiner.Rejoin(peer, $"seed {seed} says I was removed");
            return;
        }
        int at = peer.Neighbourhood.Table.IndexOf(member.Address);
        if (at >= 0 && !LinkIncarnation.EndedBy(peer.Neighbourhood.Table.At(at).MemberIncarnation, member.Incarnation)) return; // an earlier incarnation's removal
        peer.Linker.Remember(peer, member.Address);
        if (at < 0) return;
        bool own = peer.Neighbourhood.RemoveNeighbour(peer, member.Address, "removed by the seeds");
        peer.Self.Log($"seed {seed} confirmed removal of {member}; closing the connection to it");
        peer.Linker.LinkDown(peer, member.Address, LinkEnd.Removed, own);
    }

    /// <summary>A removal this peer had not heard of: itself (it registers again), or a member whose link ends now.</summary>
    private void Removed(PeerNode peer, NodeAddress seed, PeerId member)
    {
        if (member.Address == peer.Self.Address)
        {
            if (member.Incarnation >= peer.Joiner.Incarnation) peer.Joiner.Rejoin(peer, $"seed {seed} lists my removal (incarnation {member.Incarnation})");
            return;
        }
        int at = peer.Neighbourhood.Table.IndexOf(member.Address);
        // The link was made with a later incarnation (the member rejoined or restarted): this removal is not its.
        if (at >= 0 && !LinkIncarnation.EndedBy(peer.Neighbourhood.Table.At(at).MemberIncarnation, member.Incarnation)) return;
        peer.Linker.Remember(peer, member.Address);
        if (at < 0) return;
        bool own = peer.Neighbourhood.RemoveNeighbour(peer, member.Address, "removed by the seeds");
        peer.Self.Ctx.Send(member.Address, new LinkClose());
        peer.Self.Log($"seed {seed} lists the removal of {member}; closed the link to it");
        peer.Linker.LinkDown(peer, member.Address, LinkEnd.Removed, own);
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

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
/// incarnation has expired. A refresh that went unanswered sends the next one to the next seed
/// that accepted this peer, so one seed down does not let an honest member's certificate lapse.
/// </summary>
public sealed partial class PeerNode
{
    // The removals in force, as the last refresh reply brought them (the seed's own array when all
    // verified, so a million simulated peers share one), plus older ones that reply did not repeat.
    private RemovedMember[] _removals = [];
    private int _refreshTurn;         // which accepted seed refreshes go to
    private bool _refreshAnswered = true;

    /// <summary>The seed the next degree report goes to: the one refreshes go to, moved on when a refresh went unanswered.</summary>
    private NodeAddress ReportSeed(bool refresh)
    {
        if (refresh)
        {
            if (!_refreshAnswered) _refreshTurn++;
            _refreshAnswered = false;
        }
        return _seeds[_acceptedSeeds[_refreshTurn % _acceptedSeeds.Count]];
    }

    private void OnRefreshReply(NodeAddress seed, RefreshReply m)
    {
        _refreshAnswered = true;
        if (!_certificate.IsNone && m.Incarnation == _certificate.Incarnation) _certificate = _certificate.RenewedBy(m.Renewal);
        if (!ReferenceEquals(m.Removals, _removals)) TakeRemovals(seed, m.Removals);
    }

    /// <summary>
    /// Keeps the removals in force: those of <paramref name="news"/> whose proof verifies, and
    /// those held before that have not run out (a seed that has not applied a removal yet must not
    /// make this peer forget it). A removal new here ends the link to its member.
    /// </summary>
    private void TakeRemovals(NodeAddress seed, RemovedMember[] news)
    {
        var now = Ctx.Now;
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
            if (why.Length > 0) RejectInput($"ignored seed {seed}'s removal of {r.Member}: {why}");
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
        CommitCheck.Verify(new CommittedOp(NodeAddress.None, 0, 0, new MembershipOp(MembershipChange.Remove, r.Member), r.Proof), _seeds, _identity);

    /// <summary>A removal this peer had not heard of: itself (it registers again), or a member whose link ends now.</summary>
    private void Removed(NodeAddress seed, PeerId member)
    {
        if (member.Address == Address)
        {
            if (member.Incarnation >= _incarnation) Rejoin($"seed {seed} lists my removal (incarnation {member.Incarnation})");
            return;
        }
        Remember(member.Address);
        if (!_neighbours.Contains(member.Address)) return;
        RemoveNeighbour(member.Address, "removed by the seeds");
        Ctx.Send(member.Address, new LinkClose());
        Log($"seed {seed} lists the removal of {member}; closed the link to it");
        if (_config.ReattachOnLoss) Reattach();
    }

    /// <summary>The highest incarnation of <paramref name="member"/> this peer knows removed; -1: none.</summary>
    private long RemovedUpTo(NodeAddress member)
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

using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;

namespace GossipSim.Engine.Seed;

/// <summary>
/// Dead-node reports (R11) and the probe that guards them (R12): a seed votes to remove a
/// peer only when its own ping of that peer goes unanswered, so a lying reporter, or any
/// number of them, cannot remove a live node.
/// </summary>
public sealed partial class SeedNode
{
    /// <summary>The vote a removal probe will decide.</summary>
    private readonly record struct PendingVote(NodeAddress Proposer, long ProposalId, MembershipOp Op);

    private Prober<PendingVote>? _prober;
    private readonly Dictionary<NodeAddress, List<NodeAddress>> _reporters = new();
    /// <summary>When a removal of each peer was last voted down: reports about it wait out a cooldown, so a flood of lies costs one vote, not one per lie.</summary>
    private readonly Dictionary<NodeAddress, TimeSpan> _removalRejectedAt = new();

    private void OnDeadNodeReport(NodeAddress from, DeadNodeReport m)
    {
        ReportLog($"dead-node message received from {from}: {m.Line}");
        if (m.Reporter != from)
        {
            RejectReport(from, m.Dead, $"reporter field {m.Reporter} does not match the sender {from}");
            return;
        }
        if (!_peers.IsLive(from))
        {
            RejectReport(from, m.Dead, "the reporter is not a registered peer");
            return;
        }
        if (!_peers.TryGet(m.Dead, out var dead, out bool live))
        {
            RejectReport(from, m.Dead, "unknown peer");
            return;
        }
        if (!live)
        {
            Ctx.Send(from, new RemovalNotice(m.Dead));
            return;
        }
        if (_removalRejectedAt.TryGetValue(m.Dead, out var rejectedAt) && Ctx.Now - rejectedAt < _config.ProposalTimeout * 2)
        {
            // Voted down moments ago (the peer answered our probes): answer without a new vote.
            Ctx.Send(from, new ReportRejected(m.Dead, "the seeds found it alive moments ago"));
            return;
        }
        if (!_reporters.TryGetValue(m.Dead, out var list)) _reporters[m.Dead] = list = new List<NodeAddress>();
        if (!list.Contains(from)) list.Add(from);
        Propose(new MembershipOp(MembershipChange.Remove, dead), null);
    }

    private void OnGoodbye(NodeAddress from, Goodbye m)
    {
        if (!_peers.TryGet(from, out var peer, out bool live) || !live || peer.Incarnation != m.Incarnation) return;
        Log($"peer {from} says goodbye; proposing its removal");
        Propose(new MembershipOp(MembershipChange.Remove, peer), null);
    }

    private LogThrottle? _reportLog;

    /// <summary>Lines about reports: one client can send thousands a second, so the log gets a burst a second and then a count.</summary>
    private void ReportLog(string line)
    {
        _reportLog ??= new LogThrottle(Log, burst: 20, "lines about dead-node reports", () => (long)Ctx.Now.TotalMilliseconds);
        _reportLog.Line(line);
    }

    private void RejectReport(NodeAddress reporter, NodeAddress dead, string reason)
    {
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.ReportRejected, Address, dead, Detail: reason));
        ReportLog($"rejected dead-node report about {dead} from {reporter}: {reason}");
        Ctx.Send(reporter, new ReportRejected(dead, reason));
    }

    private void RejectReports(NodeAddress dead, string reason)
    {
        if (!_reporters.Remove(dead, out var list)) return;
        foreach (var r in list) RejectReport(r, dead, reason);
    }

    private void NotifyReporters(NodeAddress removed)
    {
        if (!_reporters.Remove(removed, out var list)) return;
        foreach (var r in list) Ctx.Send(r, new RemovalNotice(removed));
    }

    private void StartProbe(NodeAddress proposer, long proposalId, MembershipOp op) =>
        (_prober ??= new Prober<PendingVote>(TimerKind.RemovalProbe, _config.ProbeAttempts, _config.ProbeTimeout))
            .Start(Ctx, op.Peer.Address, new PendingVote(proposer, proposalId, op));

    private void OnPong(NodeAddress from, Pong m)
    {
        if (_prober != null && _prober.TryAnswered(from, m.Nonce, out var vote)) VoteAfterProbe(vote, ProbeOutcome.Answered);
        else _sweepProber?.TryAnswered(from, m.Nonce, out _); // the sweep's probe: alive, nothing to do
    }

    private void OnRemovalProbeStep(long nonce)
    {
        if (_prober != null && _prober.TryTimedOut(Ctx, nonce, out var vote)) VoteAfterProbe(vote, ProbeOutcome.Silent);
    }

    private void VoteAfterProbe(PendingVote v, ProbeOutcome probe)
    {
        // The probe began because the peer was live here at this incarnation: the probe decides now.
        var (decision, reason) = VoteRule.Decide(v.Op.Change, v.Op.Peer.Incarnation, MemberStatus.Live, v.Op.Peer.Incarnation, probe);
        if (probe == ProbeOutcome.Silent && decision == VoteDecision.Yes && reason == VoteRule.NoAnswer)
            reason += $" within {_config.ProbeTimeout.TotalSeconds:0.###} s";
        CastVote(v.Proposer, v.ProposalId, v.Op, null, decision == VoteDecision.Yes, reason);
    }
}

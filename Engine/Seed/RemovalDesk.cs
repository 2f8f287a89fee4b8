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

    private ReportLimiter? _reports;
    private long _reportsDropped;

    /// <summary>Dead-node reports and goodbyes dropped unread: their reporter was over its rate (<see cref="ReportLimiter"/>).</summary>
    public long ReportsDropped => _reportsDropped;

    private void OnDeadNodeReport(NodeAddress from, DeadNodeReport m)
    {
        if (!AdmitReport(from, "dead-node report")) return;
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
        // A goodbye is a report about oneself: a member repeating it would start a vote each time.
        if (!AdmitReport(from, "goodbye")) return;
        Log($"peer {from} says goodbye; proposing its removal");
        Propose(new MembershipOp(MembershipChange.Remove, peer), null);
    }

    /// <summary>
    /// Whether to read a report from <paramref name="reporter"/>: within its bucket, sized by the
    /// degree this seed believes it has (none for a non-member). Otherwise the report is
    /// dropped unanswered (an honest peer reports again when no answer comes), counted, traced
    /// and logged through their throttles.
    /// </summary>
    private bool AdmitReport(NodeAddress reporter, string what)
    {
        _reports ??= new ReportLimiter(_config.ReportsPerSecond, _config.ReportBurst);
        if (_reports.TryAdmit(reporter, _peers.BelievedDegreeOf(reporter), Ctx.Now)) return true;
        _reportsDropped++;
        string why = $"over its rate of {_config.ReportsPerSecond} reports a second plus its degree (after a burst of {_config.ReportBurst} plus its degree)";
        TraceFromOutside(new TraceEvent(Ctx.Now, TraceKind.ReportDropped, Address, reporter, Detail: why), reporter);
        ReportLog($"dropped a {what} from {reporter}: {why}");
        return false;
    }

    private void RejectReport(NodeAddress reporter, NodeAddress dead, string reason)
    {
        TraceFromOutside(new TraceEvent(Ctx.Now, TraceKind.ReportRejected, Address, dead, Detail: reason), reporter);
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

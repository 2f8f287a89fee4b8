using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// Dead-node reports (R11) and the probe that guards them (R12): a seed votes to remove a
/// peer only when its own ping of that peer goes unanswered, so a lying reporter, or any
/// number of them, cannot remove a live node.
/// </summary>
internal sealed class RemovalDesk(SeedSelf self, PeerList peers, Ballot ballot, Registrar registrar, Renewals renewals, OutsiderOutput output)
{
    /// <summary>The vote a removal probe will decide.</summary>
    private readonly record struct PendingVote(NodeAddress Proposer, long ProposalId, MembershipOp Op, long SetVersion);

    private Prober<PendingVote>? _prober;
    private readonly Dictionary<NodeAddress, List<NodeAddress>> _reporters = new();
    /// <summary>When a removal of each peer was last voted down: reports about it wait out a cooldown, so a flood of lies costs one vote,
    /// not one per lie.</summary>
    private readonly Dictionary<NodeAddress, TimeSpan> _removalRejectedAt = new();

    private ReportLimiter? _reports;
    private long _reportsDropped;

    /// <summary>Dead-node reports and goodbyes dropped unread: their reporter was over its rate (<see cref="ReportLimiter"/>).</summary>
    public long ReportsDropped => _reportsDropped;

    /// <summary>The seeds voted down a removal of <paramref name="dead"/>: its reporters hear why, and reports about it wait out the
    /// cooldown.</summary>
    public void VotedDown(NodeAddress dead, string reason)
    {
        _removalRejectedAt[dead] = self.Ctx.Now;
        RejectReports(dead, reason);
    }

    public void OnDeadNodeReport(NodeAddress from, DeadNodeReport m)
    {
        if (!AdmitReport(from, "dead-node report")) return;
        output.ReportLog($"dead-node message received from {from}: {m.Line}");
        if (m.Reporter != from)
        {
            RejectReport(from, m.Dead, $"reporter field {m.Reporter} does not match the sender {from}");
            return;
        }
        if (SpeaksForTheSet(from))
        {
            OnHandOver(from, m.Dead);
            return;
        }
        if (!peers.IsLive(from))
        {
            // A member removed here (behind a cut it did not see) hears of its own removal, not a refusal about the peer it reported:
            // a refusal ends the report at the reporter (and tells its overlay that peer was found alive), so a crash seen only by
            // removed neighbours waited for the sweep (swarm seed 2, run 2021). Told it was removed, it registers again, and a retry
            // of its report that comes due meanwhile waits for that (ReportRetries.Registered).
            if (renewals.TellRemoved(peers, from)) NoteRejected(from, m.Dead, "the reporter is not a registered peer (told it was removed)");
            else RejectReport(from, m.Dead, "the reporter is not a registered peer");
            return;
        }
        if (!peers.TryGet(m.Dead, out var dead, out bool live))
        {
            RejectReport(from, m.Dead, "unknown peer");
            return;
        }
        if (!live)
        {
            // Removed here, but an add of the address is under way here (a rejoin this seed dials back, proposed or voted yes on):
            // a report carries no incarnation, and it may be about the one that add brings in, which a neighbour met first and
            // this seed applies moments later. Answered with the old removal's notice, its reporter would never report it again
            // (the swarm's run 1289: the rejoined peer crashed 0.4 s after its rejoin, its one registered watcher's report met a
            // seed that applied the add 1.5 s later, and the peer waited for the silence sweep). Held instead, it is judged as soon
            // as the add is applied here (MemberAdded), or after a cooldown; the seeds' own probes decide, as for every report.
            if (registrar.AddUnderWay(m.Dead))
            {
                (_awaitingAdd ??= new()).Add(m.Dead);
                Hold(m.Dead, from, Cooldown);
            }
            else self.Send(from, renewals.NoticeOf(dead));
            return;
        }
        var op = new MembershipOp(MembershipChange.Remove, dead);
        if (FoundAliveLately(op) is { } wait)
        {
            // Found alive by this seed's own probe moments ago (a removal voted down, or this seed's no on the one still open): no
            // new vote now, but the report may be newer than that probe (the peer crashed or left since), and its reporter may be
            // the only one to know (a neighbour HyParView dropped at a failed send is watched by nobody): held, it is decided by
            // one vote when the cooldown that follows ends, with its reporters told.
            Hold(m.Dead, from, wait);
            return;
        }
        AddReporter(m.Dead, from);
        ballot.Propose(op, null);
    }

    /// <summary>
    /// A seed outside the set in force (voted out, or not yet voted in) proposes no removal: the evidence it has (its own proposal
    /// open when a change left it out, a removal waiting to be proposed again, a goodbye or report that still reaches it from a
    /// peer that has not learned the set) goes to each seed of the set as a report, which each probes before it proposes (R12), as
    /// for a peer's report. Without it a leaver whose goodbye reached only a seed being voted out waited for the seeds' sweep of
    /// silent members once the operator stopped that seed (found by the swarm, seed 1, run 1126).
    /// </summary>
    public void HandOver(MembershipOp op)
    {
        var report = new DeadNodeReport(op.Peer.Address, (long)self.Ctx.Now.TotalSeconds, self.Address);
        int sent = 0;
        foreach (var s in self.Set.Seeds)
            if (s != self.Address)
            {
                self.Send(s, report);
                sent++;
            }
        self.Log($"handed the removal of {op.Peer.Address} to {sent} seeds of {self.Set}: this seed is not one of them");
    }

    /// <summary>A report from a seed of the set in force or one a change left out (whenever it learns it is out: a seed restarted after
    /// the vote learns it only when it asks): a hand-over (<see cref="HandOver"/>), not a peer's report. Each is probed before it is
    /// proposed and admitted at a peer's report rate, so no window is needed.</summary>
    private bool SpeaksForTheSet(NodeAddress from) => self.Set.Counts(from) || self.Sets.LeftAt(from) != null;

    /// <summary>
    /// A seed's hand-over: proposed here, under this seed's own probe, unless this seed found the peer alive moments ago (its
    /// removal voted down, or its own no open) or no longer lists it. Never answered: a seed takes no reply meant for a peer
    /// (the transport closes a connection that brings one). Admitted at the same per-sender rate as a peer's reports.
    /// </summary>
    private void OnHandOver(NodeAddress from, NodeAddress deadAddress)
    {
        if (!self.Set.Counts(self.Address))
        {
            output.ReportLog($"removal of {deadAddress} handed over by seed {from}: not taken, this seed is not in {self.Set} either");
            return;
        }
        if (!peers.TryGet(deadAddress, out var dead, out bool live) || !live)
        {
            output.ReportLog($"removal of {deadAddress} handed over by seed {from}: not listed here");
            return;
        }
        var op = new MembershipOp(MembershipChange.Remove, dead);
        if (FoundAliveLately(op) is not null)
        {
            output.ReportLog($"removal of {deadAddress} handed over by seed {from}: not taken, this seed found it alive moments ago");
            return;
        }
        output.ReportLog($"removal of {deadAddress} handed over by seed {from}: proposing it");
        ballot.Propose(op, null);
    }

    /// <summary>How long a new removal vote on <paramref name="op"/>'s peer waits, because this seed's own probe found it alive moments
    /// ago: the rest of the cooldown after its removal was voted down, or a proposal timeout while this seed's no on an open one
    /// stands; null when a vote may be held now.</summary>
    private TimeSpan? FoundAliveLately(in MembershipOp op)
    {
        if (_removalRejectedAt.TryGetValue(op.Peer.Address, out var rejectedAt) && self.Ctx.Now - rejectedAt < Cooldown)
            return rejectedAt + Cooldown - self.Ctx.Now;
        return ballot.OwnOpenVoteAgainst(op) ? self.Config.ProposalTimeout : null;
    }

    /// <summary>How long reports about a peer wait after its removal was voted down: a flood of lies costs one vote a cooldown.</summary>
    private TimeSpan Cooldown => self.Config.ProposalTimeout * 2;

    private void AddReporter(NodeAddress dead, NodeAddress reporter) => Add(_reporters, dead, reporter);

    private static void Add(Dictionary<NodeAddress, List<NodeAddress>> lists, NodeAddress dead, NodeAddress reporter)
    {
        if (!lists.TryGetValue(dead, out var list)) lists[dead] = list = new List<NodeAddress>();
        if (!list.Contains(reporter)) list.Add(reporter);
    }

    /// <summary>Reports held for the next vote, by the peer reported (their reporters); a peer's hold has one timer, whose number is
    /// the peer's address (<see cref="NodeAddress.Key"/>), set with its first report.</summary>
    private Dictionary<NodeAddress, List<NodeAddress>>? _heldReporters;

    private void Hold(NodeAddress dead, NodeAddress reporter, TimeSpan wait)
    {
        bool timed = (_heldReporters ??= new()).ContainsKey(dead);
        Add(_heldReporters, dead, reporter);
        if (!timed)
            self.Ctx.SetTimer(wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1), new TimerTag(TimerKind.HeldReports, (long)dead.Key));
    }

    /// <summary>Removed addresses whose reports are held until an add under way for them is applied here.</summary>
    private HashSet<NodeAddress>? _awaitingAdd;

    /// <summary>An add was applied here: reports about its address held for it (<see cref="OnDeadNodeReport"/>) are judged now, in
    /// an event of their own after the add's.</summary>
    public void MemberAdded(NodeAddress member)
    {
        if (_awaitingAdd?.Remove(member) == true)
            self.Ctx.SetTimer(TimeSpan.FromTicks(1), new TimerTag(TimerKind.HeldReports, (long)member.Key));
    }

    /// <summary>A hold ended: while this seed's no still stands (its proposal open, or the cooldown after a vote down), it waits on;
    /// then one removal vote for the reports held, their reporters told its outcome, unless the peer is no longer live here (a
    /// removal committed meanwhile: they are sent its notice).</summary>
    public void OnHeldReports(long deadKey)
    {
        var dead = NodeAddress.FromKey((ulong)deadKey);
        _awaitingAdd?.Remove(dead);
        if (_heldReporters?.Remove(dead, out var held) != true) return;
        if (!peers.TryGet(dead, out var member, out bool live)) return;
        if (!live)
        {
            foreach (var r in held!) self.Send(r, renewals.NoticeOf(member));
            return;
        }
        var op = new MembershipOp(MembershipChange.Remove, member);
        if (FoundAliveLately(op) is { } wait)
        {
            foreach (var r in held!) Hold(dead, r, wait);
            return;
        }
        foreach (var r in held!) AddReporter(dead, r);
        ballot.Propose(op, null);
    }

    public void OnGoodbye(NodeAddress from, Goodbye m)
    {
        if (!peers.TryGet(from, out var peer, out bool live) || !live || peer.Incarnation != m.Incarnation) return;
        // A goodbye is a report about oneself: a member repeating it would start a vote each time.
        if (!AdmitReport(from, "goodbye")) return;
        self.Log($"peer {from} says goodbye; proposing its removal");
        ballot.Propose(new MembershipOp(MembershipChange.Remove, peer), null);
    }

    /// <summary>
    /// Whether to read a report from <paramref name="reporter"/>: within its bucket, sized by the
    /// degree this seed believes it has (none for a non-member). Otherwise the report is
    /// dropped unanswered (an honest peer reports again when no answer comes), counted, traced
    /// and logged through their throttles.
    /// </summary>
    private bool AdmitReport(NodeAddress reporter, string what)
    {
        _reports ??= new ReportLimiter(self.Config.ReportsPerSecond, self.Config.ReportBurst);
        if (_reports.TryAdmit(reporter, peers.BelievedDegreeOf(reporter), self.Ctx.Now)) return true;
        _reportsDropped++;
        string why = $"over its rate of {self.Config.ReportsPerSecond} reports a second plus its degree (after a burst "
            + $"of {self.Config.ReportBurst} plus its degree)";
        output.TraceFromOutside(new TraceEvent(self.Ctx.Now, TraceKind.ReportDropped, self.Listening, reporter, Detail: why), reporter);
        output.ReportLog($"dropped a {what} from {reporter}: {why}");
        return false;
    }

    private void RejectReport(NodeAddress reporter, NodeAddress dead, string reason)
    {
        NoteRejected(reporter, dead, reason);
        self.Send(reporter, new ReportRejected(dead, reason));
    }

    private void NoteRejected(NodeAddress reporter, NodeAddress dead, string reason)
    {
        output.TraceFromOutside(new TraceEvent(self.Ctx.Now, TraceKind.ReportRejected, self.Listening, dead, Detail: reason), reporter);
        output.ReportLog($"rejected dead-node report about {dead} from {reporter}: {reason}");
    }

    private void RejectReports(NodeAddress dead, string reason)
    {
        if (!_reporters.Remove(dead, out var list)) return;
        foreach (var r in list) RejectReport(r, dead, reason);
    }

    public void NotifyReporters(in CommittedOp removal)
    {
        if (!_reporters.Remove(removal.Op.Peer.Address, out var list)) return;
        var notice = Renewals.NoticeOf(removal);
        foreach (var r in list) self.Send(r, notice);
    }

    public void StartProbe(NodeAddress proposer, long proposalId, MembershipOp op, long setVersion) =>
        (_prober ??= new Prober<PendingVote>(TimerKind.RemovalProbe, self.Config.ProbeAttempts, self.Config.ProbeTimeout))
            .Start(self.Ctx, op.Peer.Address, new PendingVote(proposer, proposalId, op, setVersion));

    /// <summary>A pong: true when it answers one of this desk's probes, whose vote is then cast.</summary>
    public bool TryAnswered(NodeAddress from, Pong m)
    {
        if (_prober == null || !_prober.TryAnswered(from, m.Nonce, out var vote)) return false;
        VoteAfterProbe(vote, ProbeOutcome.Answered);
        return true;
    }

    public void OnRemovalProbeStep(long nonce)
    {
        if (_prober != null && _prober.TryTimedOut(self.Ctx, nonce, out var vote)) VoteAfterProbe(vote, ProbeOutcome.Silent);
    }

    private void VoteAfterProbe(PendingVote v, ProbeOutcome probe)
    {
        // The probe began because the peer was live here at this incarnation: the probe decides now.
        var (decision, reason) = VoteRule.Decide(v.Op.Change, v.Op.Peer.Incarnation, MemberStatus.Live, v.Op.Peer.Incarnation, probe);
        if (probe == ProbeOutcome.Silent && decision == VoteDecision.Yes && reason == VoteRule.NoAnswer)
            reason += $" within {self.Config.ProbeTimeout.TotalSeconds:0.###} s";
        ballot.CastVote(v.Proposer, v.ProposalId, v.Op, null, decision == VoteDecision.Yes, reason, v.SetVersion);
    }
}

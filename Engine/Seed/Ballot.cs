using GossipSim.Engine.Collections;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// R4: propose, vote, commit with floor(n/2)+1 of the n seeds of the set in force, reject otherwise.
/// The proposer's own vote counts; a proposal that cannot reach a majority (votes against,
/// or silence until the timeout, as in a minority partition) changes nothing. A proposal is made
/// and voted at one version of the seed set (issue 56, 2): a seed at another version votes no and
/// the two catch up, and a proposal still open when this seed's set changes is rejected (its
/// registrant or reporter asks again, under the new set).
/// </summary>
internal sealed class Ballot(SeedSelf self, PeerList peers, Ledger ledger, OutsiderOutput output)
{
    // The parts a vote's outcome goes to; they propose through this ballot in turn.
    private Registrar _registrar = null!;
    private RemovalDesk _removals = null!;

    private SeedSetBallot _sets = null!;

    public void Connect(Registrar registrar, RemovalDesk removals, SeedSetBallot sets) =>
        (_registrar, _removals, _sets) = (registrar, removals, sets);

    /// <summary>
    /// One change under vote: the seeds for and against (by position in the sorted seed list),
    /// and the peers waiting for the outcome. A million-peer join makes two million of these,
    /// so the first registrant is a field, and a list is made only for a second (a peer's retry
    /// that meets its first request).
    /// </summary>
    private sealed class Proposal(long id, MembershipOp op, NodeKey? peerKey, int made, SeedSet set)
    {
        public readonly long Id = id;
        /// <summary>The seed set it is voted at; a voter's position is its place in <see cref="Voters"/>.</summary>
        public readonly SeedSet Set = set;
        public readonly NodeAddress[] Voters = set.Voters;
        /// <summary>How many proposals of this change this seed has made in a row, this one included (<see cref="RemovalRetry"/>).</summary>
        public readonly int Made = made;
        public readonly MembershipOp Op = op;
        public readonly NodeKey? PeerKey = peerKey;
        public PositionSet For;
        public PositionSet Against;
        /// <summary>An add's first reason for no, told to its registrants if it fails (the host limit's reply names the limit).</summary>
        public string? FirstNo;
        /// <summary>The yes voters' signatures by seed position; made only for a non-empty one (never in the simulator).</summary>
        public byte[]?[]? Signatures;
        private NodeAddress _registrant = NodeAddress.None;
        private List<NodeAddress>? _moreRegistrants;
        public bool Done;

        public void AddRegistrant(NodeAddress r)
        {
            if (_registrant.IsNone) _registrant = r;
            else if (_registrant != r && _moreRegistrants?.Contains(r) != true) (_moreRegistrants ??= new()).Add(r);
        }

        /// <summary>The peers waiting for this proposal's outcome, in the order they asked.</summary>
        public int RegistrantCount => _registrant.IsNone ? 0 : 1 + (_moreRegistrants?.Count ?? 0);
        public NodeAddress RegistrantAt(int k) => k == 0 ? _registrant : _moreRegistrants![k - 1];
    }

    private readonly Dictionary<long, Proposal> _proposals = new();
    private readonly Dictionary<MembershipOp, long> _openByOp = new();
    private long _nextProposalId;

    public int OpenProposals => _proposals.Count;

    /// <summary>Whether this seed's own add of <paramref name="peer"/> with <paramref name="key"/> is under vote with
    /// <paramref name="registrant"/> waiting for its outcome: a repeat of that registration is answered by the vote.</summary>
    public bool AddUnderVote(PeerId peer, NodeKey? key, NodeAddress registrant)
    {
        if (!_openByOp.TryGetValue(new MembershipOp(MembershipChange.Add, peer), out long id)) return false;
        var p = _proposals[id];
        if (!Equals(p.PeerKey, key)) return false;
        for (int k = 0; k < p.RegistrantCount; k++)
            if (p.RegistrantAt(k) == registrant) return true;
        return false;
    }

    /// <summary>Whether this seed has a proposal of <paramref name="op"/> open on which its own vote, after its probe, was no.</summary>
    public bool OwnOpenVoteAgainst(MembershipOp op)
    {
        if (!_openByOp.TryGetValue(op, out long id)) return false;
        var p = _proposals[id];
        int own = Array.BinarySearch(p.Voters, self.Address);
        return own >= 0 && p.Against.Contains(own);
    }

    /// <summary>Proposal ids start at a random point, so a restarted seed's do not meet its earlier ones.</summary>
    public void Start() => _nextProposalId = (long)(self.Ctx.Random.NextUInt64() >> 2);

    public void Propose(MembershipOp op, NodeAddress? registrant, NodeKey? peerKey = null) => Propose(op, registrant, peerKey, 1);

    private void Propose(MembershipOp op, NodeAddress? registrant, NodeKey? peerKey, int made)
    {
        if (op.Change == MembershipChange.Remove && !self.Set.Counts(self.Address))
        {
            // Outside the set in force (voted out, or not yet voted in) a seed proposes nothing; the evidence goes to the seeds that
            // decide (RemovalDesk.HandOver), so it outlives this seed being stopped.
            _removals.HandOver(op);
            return;
        }
        if (_openByOp.TryGetValue(op, out long openId))
        {
            // Same change already under vote here (a retry or a second report): join it.
            if (registrant is { } r) _proposals[openId].AddRegistrant(r);
            return;
        }
        var p = new Proposal(_nextProposalId++, op, peerKey, made, self.Set);
        if (registrant is { } reg) p.AddRegistrant(reg);
        if (op.Change == MembershipChange.Add) _registrar.AddProposed(op.Peer.Address);
        _proposals[p.Id] = p;
        _openByOp[op] = p.Id;
        string verb = Verb(op);
        self.Ctx.Trace(new TraceEvent(self.Ctx.Now, TraceKind.Proposed, self.Listening, op.Peer.Address, A: p.Id, Detail: verb));
        if (Narrate(op, true)) self.Log($"proposing to {verb} {op.Peer.Address} (incarnation {op.Peer.Incarnation}) to the other seeds");
        foreach (var s in self.OtherSeeds) self.Send(s, new Propose(p.Id, op, peerKey, p.Set.Version));
        self.Ctx.SetTimer(self.Config.ProposalTimeout, new TimerTag(TimerKind.ProposalTimeout, p.Id));
        DecideVote(self.Address, p.Id, op, peerKey, p.Set.Version);
    }

    public void OnPropose(NodeAddress proposer, Propose m) => DecideVote(proposer, m.ProposalId, m.Op, m.PeerKey, m.SetVersion);

    /// <summary>Votes at once, or after this seed's own probe of the peer (a removal of a live peer): see <see cref="VoteRule"/>.</summary>
    private void DecideVote(NodeAddress proposer, long proposalId, MembershipOp op, NodeKey? peerKey, long setVersion)
    {
        if (SeedSetRules.VotesOnMembership(self.Set, setVersion) is { } notHere)
        {
            // One of the two is behind: it learns the steps it lacks, and the registrant's or reporter's retry meets one set.
            if (setVersion < self.Set.Version) _sets.SendStepsAfter(proposer, setVersion);
            else
            {
                self.AskForSteps(proposer);
                if (op.Change == MembershipChange.Remove) AwaitSet(proposer, proposalId, op, peerKey, setVersion);
            }
            // A removal's evidence is not judged by a seed that cannot count at the proposal's version: it stays silent, and the
            // proposer asks again after its wait (silence keeps the evidence, RemovalRetry) once the two hold one set. A no would end
            // the evidence, and the member would stay listed past the removal bound (a seed behind on a change made while another was
            // down: the swarm's seed 1, run 719). An add is answered no: its registrant asks again.
            Act(op.Change == MembershipChange.Remove ? VoteDecision.Abstain : VoteDecision.No, notHere);
            return;
        }
        if (op.Change == MembershipChange.Add && ledger.KeyOf(op.Peer.Address) is { } bound && !bound.Equals(peerKey))
        {
            // An address is one identity while it is a member: a new key only after the old one is removed.
            Act(VoteDecision.No, $"{op.Peer.Address} is registered with another key ({bound.Fingerprint})");
            return;
        }
        if (op.Change == MembershipChange.Add && _registrar.HostVerdictFor(op.Peer.Address) is var host and not HostVerdict.Admit)
        {
            // The proposer checked the limit with what it held; a voter may hold more from that host by now (its own registrations, the
            // places its yes votes to other seeds' adds reserved).
            Act(VoteDecision.No, HostLimit.Reason(host, op.Peer.Address, self.Config.MembersPerIp, self.Config.MembersPerPrefix));
            return;
        }
        var status = StatusOf(op.Peer.Address, out long held);
        var (decision, reason) = VoteRule.Decide(op.Change, op.Peer.Incarnation, status, held, ProbeOutcome.NotProbed);
        Act(decision, reason);

        void Act(VoteDecision decision, string reason)
        {
            if (decision == VoteDecision.ProbeFirst) _removals.StartProbe(proposer, proposalId, op, setVersion);
            else if (decision == VoteDecision.Abstain) self.Log($"no vote on {Verb(op)} {op.Peer.Address} proposed by {proposer}: {reason}");
            else CastVote(proposer, proposalId, op, decision == VoteDecision.Yes ? peerKey : null, decision == VoteDecision.Yes, reason,
                setVersion);
        }
    }

    private MemberStatus StatusOf(NodeAddress peer, out long incarnation)
    {
        bool known = peers.TryGet(peer, out var held, out bool live);
        incarnation = held.Incarnation;
        return !known ? MemberStatus.Unknown : live ? MemberStatus.Live : MemberStatus.Removed;
    }

    /// <summary>Casts this seed's vote at seed-set version <paramref name="setVersion"/>; a yes vote is signed over the operation, the
    /// key it binds and that version. A yes when the set has moved on since (during a removal's probe) is a no.</summary>
    public void CastVote(NodeAddress proposer, long proposalId, MembershipOp op, NodeKey? peerKey, bool yes, string reason, long setVersion)
    {
        if (yes && setVersion != self.Set.Version)
            (yes, reason) = (false, $"the seed set moved from version {setVersion} to {self.Set.Version} while I decided");
        self.Ctx.Trace(new TraceEvent(self.Ctx.Now, TraceKind.Voted, self.Listening, op.Peer.Address, A: proposalId,
            B: yes ? 1 : 0, Detail: reason));
        if (Narrate(op, yes))
            self.Log($"vote {(yes ? "YES" : "NO")} on {Verb(op)} {op.Peer.Address} proposed "
                + $"by {(proposer == self.Address ? "me" : proposer.ToString())}: {reason}");
        byte[]? signature = yes ? self.Identity.Sign(op, peerKey, setVersion) : null;
        // A yes to another seed's add promises a place on the registrant's host: held until that add commits or can no longer
        // (the registrar holds nothing for a live member).
        if (yes && op.Change == MembershipChange.Add && proposer != self.Address) _registrar.Reserve(op.Peer.Address);
        if (proposer == self.Address) RecordVote(self.Address, proposalId, yes, signature, reason);
        else self.Send(proposer, new Vote(proposalId, yes, reason, signature));
    }

    public void OnVote(NodeAddress voter, Vote m) => RecordVote(voter, m.ProposalId, m.Yes, m.Signature, m.Reason);

    private void RecordVote(NodeAddress voter, long proposalId, bool yes, byte[]? signature, string? reason = null)
    {
        if (!_proposals.TryGetValue(proposalId, out var p) || p.Done) return;
        int position = Array.BinarySearch(p.Voters, voter);
        if (position < 0) return; // a seed, but not of the set this proposal is voted at
        if (p.For.Contains(position) || p.Against.Contains(position)) return; // a duplicate vote counts once
        if (yes && voter != self.Address && !self.Identity.Verify(voter, p.Op, p.PeerKey, signature ?? [], p.Set.Version))
        {
            output.RejectLog($"ignored a yes vote from {voter} on {Verb(p.Op)} {p.Op.Peer.Address}: its signature does not verify");
            return;
        }
        if (yes && signature is { Length: > 0 }) (p.Signatures ??= new byte[]?[p.Voters.Length])[position] = signature;
        if (yes) p.For.Add(position);
        else
        {
            p.Against.Add(position);
            if (p.Op.Change == MembershipChange.Add) p.FirstNo ??= reason;
        }
        if (Decides(p, p.For)) CommitProposal(p);
        else if (CannotDecide(p, p.Against))
            RejectProposal(p, $"{p.Against.Count} of {p.Voters.Length} seeds voted no" + (p.FirstNo is { } why ? $" ({why})" : ""));
    }

    // A stable set counts positions (no allocation: a million-peer join votes two million times); a joint one, a majority of each.
    private static bool Decides(Proposal p, PositionSet votes) =>
        p.Set.IsJoint ? p.Set.Decides(Named(p, votes)) : Quorum.Reached(votes.Count, p.Voters.Length);

    private static bool CannotDecide(Proposal p, PositionSet votes) =>
        p.Set.IsJoint ? p.Set.CannotDecide(Named(p, votes)) : Quorum.Impossible(votes.Count, p.Voters.Length);

    private static IEnumerable<NodeAddress> Named(Proposal p, PositionSet votes)
    {
        for (int position = 0; position < p.Voters.Length; position++)
            if (votes.Contains(position)) yield return p.Voters[position];
    }

    /// <summary>The seed set changed here: proposals still open were voted at the older set, so they end now, and the registrant or
    /// reporter asks again under the new one. A removal is proposed again at once, or, by a seed the change left out, handed to the
    /// seeds of the set with its removals waiting to be proposed again.</summary>
    public void SetChanged()
    {
        foreach (var p in _proposals.Values.Where(p => p.Set.Version != self.Set.Version).ToArray())
        {
            // A removal's evidence does not change with the seed set: it is asked again at once at the new version, its reporters
            // still waiting (told no, they would report again only after their back-off, long past the removal bound). A
            // registration is answered no, and its registrant asks again.
            // A seed the change left out hands it to the seeds of the set instead (Propose): what it alone knew (a leaver's goodbye
            // that reached only it) would otherwise wait for their sweep of silent members once the operator stops it.
            if (p.Op.Change == MembershipChange.Remove && !AlreadyHolds(p.Op))
            {
                Close(p);
                if (self.Set.Counts(self.Address))
                    self.Log($"proposing to remove {p.Op.Peer.Address} again: the seed set changed to version {self.Set.Version} during the vote");
                Propose(p.Op, null, p.PeerKey, p.Made);
                continue;
            }
            RejectProposal(p, $"the seed set changed to version {self.Set.Version} during the vote");
        }
        if (!self.Set.Counts(self.Address) && _retries.Count > 0)
        {
            // Its removals waiting to be proposed again go too, now rather than at their timers.
            var waiting = _retries.Values.ToArray();
            _retries.Clear();
            foreach (var r in waiting)
                if (!AlreadyHolds(r.Op)) Propose(r.Op, null, r.PeerKey, r.Made);
        }
        if (_awaitingSet is { Count: > 0 } awaiting)
        {
            var due = awaiting.Where(a => a.SetVersion == self.Set.Version).ToList();
            awaiting.RemoveAll(a => a.SetVersion <= self.Set.Version); // an older version's proposal has ended
            foreach (var a in due) DecideVote(a.Proposer, a.ProposalId, a.Op, a.PeerKey, a.SetVersion);
        }
    }

    // Removals proposed at a seed-set version this seed had not reached (it stayed silent and asked for the steps): decided once it
    // holds that version, while the proposal is likely still open. Without this a seed restarted into a set change let a 2-seed set's
    // removal wait out the proposer's back-off, 6 s, though it held the version 35 ms after the proposal came (swarm seed 2, run 239).
    // At most AwaitingSetMax, from seeds only (OnPropose), the oldest let go.
    private const int AwaitingSetMax = 8;
    private List<(NodeAddress Proposer, long ProposalId, MembershipOp Op, NodeKey? PeerKey, long SetVersion)>? _awaitingSet;

    private void AwaitSet(NodeAddress proposer, long proposalId, MembershipOp op, NodeKey? peerKey, long setVersion)
    {
        var awaiting = _awaitingSet ??= new();
        if (awaiting.Any(a => a.Proposer == proposer && a.ProposalId == proposalId)) return;
        if (awaiting.Count >= AwaitingSetMax) awaiting.RemoveAt(0);
        awaiting.Add((proposer, proposalId, op, peerKey, setVersion));
    }

    public void OnProposalTimeout(long proposalId)
    {
        if (_proposals.TryGetValue(proposalId, out var p) && !p.Done)
            RejectProposal(p, $"only {p.For.Count} of {p.Voters.Length} seeds voted yes before the timeout (majority "
                + $"is {Quorum.Of(p.Voters.Length)})");
    }

    private void CommitProposal(Proposal p)
    {
        Close(p);
        var committed = new CommittedOp(self.Address, self.Epoch, ledger.Commits.NextSequence(self.OwnLog), p.Op, Prove(p));
        // Durable before anyone hears of it; a store that refuses it (a full disk) ends it here, unanswered: the registrant asks again.
        if (!ledger.Record(committed)) return;
        // A joint set's decision is reported by the side that came nearest to missing its majority (SeedSet.TightestMajority).
        var (votesFor, of) = p.Set.IsJoint ? p.Set.TightestMajority(Named(p, p.For)) : (p.For.Count, p.Voters.Length);
        self.Ctx.Trace(new TraceEvent(self.Ctx.Now, TraceKind.Committed, self.Listening, p.Op.Peer.Address, A: votesFor, B: of,
            Detail: Verb(p.Op)));
        if (Narrate(p.Op, true))
            self.Log($"consensus: {Verb(p.Op)} {p.Op.Peer.Address} COMMITTED with {p.For.Count} of {p.Voters.Length} votes");
        foreach (var s in self.OtherSeeds) self.Send(s, new Commit(committed, p.For.Count, p.Voters.Length));
        ledger.Take(committed);
        for (int k = 0; k < p.RegistrantCount; k++) _registrar.AnswerRegistration(p.RegistrantAt(k), true, "registered by majority");
        // If the removed peer is in fact alive (cut off, or its pings were lost), it learns it
        // was removed and can rejoin as a new incarnation instead of lingering unlisted.
        if (p.Op.Change == MembershipChange.Remove) self.Send(p.Op.Peer.Address, Renewals.NoticeOf(committed));
    }

    private void RejectProposal(Proposal p, string reason)
    {
        Close(p);
        if (AlreadyHolds(p.Op))
        {
            // Another seed's proposal for the same change committed meanwhile: that is success.
            for (int k = 0; k < p.RegistrantCount; k++) _registrar.AnswerRegistration(p.RegistrantAt(k), true, "registered by majority");
            return;
        }
        self.Ctx.Trace(new TraceEvent(self.Ctx.Now, TraceKind.ProposalRejected, self.Listening, p.Op.Peer.Address, A: p.For.Count,
            B: p.Voters.Length, Detail: Verb(p.Op)));
        self.Log($"consensus: {Verb(p.Op)} {p.Op.Peer.Address} REJECTED: {reason}");
        for (int k = 0; k < p.RegistrantCount; k++) _registrar.AnswerRegistration(p.RegistrantAt(k), false, reason);
        if (p.Op.Change != MembershipChange.Remove) return;
        int own = Array.BinarySearch(p.Voters, self.Address);
        bool ownYes = own >= 0 && p.For.Contains(own);
        if (RemovalRetry.ProposesAgain(ownYes, p.Against.Count, p.Made, self.Config.RemovalProposals))
        {
            // Only silence came back, and this seed's probe found the member silent too: the evidence stands, so ask again
            // after a wait, which grows, for the seeds that could not answer may be down or cut off for a while.
            var wait = RemovalRetry.WaitBeforeNext(p.Made, self.Config.ProposalTimeout, self.Config.RemovalRetryMaxWait);
            self.Log($"proposing to remove {p.Op.Peer.Address} again in {wait.TotalSeconds:0.###} s: no seed said it answered");
            long retry = _nextRetryId++;
            _retries[retry] = new PendingRetry(p.Op, p.PeerKey, p.Made + 1);
            self.Ctx.SetTimer(wait, new TimerTag(TimerKind.RemovalRetry, retry));
            return;
        }
        _removals.VotedDown(p.Op.Peer.Address, "the seeds did not agree it is dead: " + reason);
    }

    /// <summary>A removal's next proposal, waiting for its timer; dropped if the removal committed meanwhile.</summary>
    private readonly record struct PendingRetry(MembershipOp Op, NodeKey? PeerKey, int Made);

    private readonly Dictionary<long, PendingRetry> _retries = new();
    private long _nextRetryId;

    public void OnRemovalRetry(long retry)
    {
        if (!_retries.Remove(retry, out var r) || AlreadyHolds(r.Op)) return;
        Propose(r.Op, null, r.PeerKey, r.Made);
    }

    private void Close(Proposal p)
    {
        p.Done = true;
        _proposals.Remove(p.Id);
        if (p.Op.Change == MembershipChange.Add) _registrar.AddClosed(p.Op.Peer.Address);
        _openByOp.Remove(p.Op);
    }

    private bool AlreadyHolds(MembershipOp op)
    {
        if (!peers.TryGet(op.Peer.Address, out var cur, out bool live)) return false;
        return op.Change == MembershipChange.Add
            ? live && cur.Incarnation >= op.Peer.Incarnation
            : !live || cur.Incarnation > op.Peer.Incarnation;
    }

    /// <summary>The signed yes votes that made the commit, in seed order.</summary>
    private CommitProof Prove(Proposal p)
    {
        var votes = new SignedVote[p.For.Count];
        int k = 0;
        for (int position = 0; position < p.Voters.Length && k < votes.Length; position++)
            if (p.For.Contains(position)) votes[k++] = new SignedVote(p.Voters[position], p.Signatures?[position] ?? []);
        return self.Identity.Seal(p.PeerKey, votes, p.Set.Version);
    }

    public void OnCommit(NodeAddress from, Commit m)
    {
        var op = m.Committed.Op;
        if (ledger.Commits.Holds(m.Committed)) return; // a copy that came by anti-entropy first
        if (CommitCheck.Verify(m.Committed, self.Seeds, self.LearnedSets, self.Identity) is { } why)
        {
            // Counted at a version this seed has not learned: it asks for the steps; anti-entropy offers the commit again.
            if (self.Behind(m.Committed.Proof)) self.AskForSteps(from);
            output.RejectLog($"rejected a commit from {from} to {Verb(op)} {op.Peer.Address} (incarnation {op.Peer.Incarnation}): {why}");
            return;
        }
        if (Narrate(op, true))
            self.Log($"commit from {m.Committed.Proposer}: {Verb(op)} {op.Peer.Address} ({m.Committed.Proof!.Votes.Length} "
                + $"of {self.Set.Voters.Length} votes)");
        ledger.Apply(m.Committed);
    }

    /// <summary>
    /// Whether to write a line about this step: removals and refusals always; the stream of
    /// additions (several lines per joining peer at every seed) only where detailed output is
    /// on. A million-peer run would otherwise format millions of lines that nobody keeps: its
    /// output file holds the lines about failures, and these are not among them.
    /// </summary>
    private bool Narrate(MembershipOp op, bool yes) => op.Change == MembershipChange.Remove || !yes || self.Ctx.LogEnabled;

    public static string Verb(MembershipOp op) => op.Change == MembershipChange.Add ? "add" : "remove";
}

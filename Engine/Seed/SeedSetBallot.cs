using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// The seed set by vote at one seed (issue 56, 2; the rules are <see cref="SeedSetRules"/>). As proposer, it takes an operator's
/// change, proposes the joint set to the set in force, and once that commits proposes the change's end. As voter, it promises
/// one set a version. Every seed takes a step only through <see cref="SeedSetRules.StepRefusal"/> with each vote verified, passes
/// it on to the seeds of both sets, and hands the steps to members whose replies showed them behind.
/// </summary>
internal sealed class SeedSetBallot(SeedSelf self, PeerList peers, OutsiderOutput output, Action setChanged, ICommitStore? store)
{
    /// <summary>This seed's own proposal under vote (one at a time).</summary>
    private sealed class Proposal(long id, SeedSet proposed, SeedSetChange change, SeedSet inForce, bool adopted)
    {
        public readonly long Id = id;
        public readonly SeedSet Proposed = proposed;
        public readonly SeedSetChange Change = change;
        public readonly SeedSet InForce = inForce;
        /// <summary>A set another seed's no said was promised, which this seed proposes in its own name (<see cref="SeedSetRules.Adopts"/>).</summary>
        public readonly bool Adopted = adopted;
        public readonly Dictionary<NodeAddress, byte[]> Yes = new();
        public readonly HashSet<NodeAddress> No = new();
        /// <summary>The first set a no said was promised at this version, and by whom: proposed once this proposal is given up.</summary>
        public (NodeAddress Voter, PromisedSet Set)? Promised;
    }

    private Proposal? _open;
    private long _nextId = -1; // drawn at the first proposal: a run that changes no set draws nothing (its trace hash is kept)
    private SeedSetPromise? _promise;
    // A proposal for a version this seed has not reached yet: judged once the steps it asked for arrive.
    private (NodeAddress Proposer, ProposeSeedSet Message)? _waiting;
    // Each step's change and signed votes, by version, to hand on to a node behind.
    private readonly List<SeedSetStep> _steps = new();

    /// <summary>A restarted seed takes back the steps and the promise its store kept: it starts at the set in force, and keeps its word.</summary>
    public void Recover()
    {
        if (store?.SeedSet is not { } kept) return;
        foreach (var step in kept.Steps) Adopt(step);
        _promise = kept.Promise;
        if (_steps.Count > 0) self.Log($"seed set: recovered {self.Set} from its store");
        if (self.Set.IsJoint) ArmFinish();
    }

    /// <summary>Keeps the steps and the promise before anyone hears of them (the yes vote, the step passed on).</summary>
    private void Keep()
    {
        if (store != null) store.SeedSet = new SeedSetKept(_steps.ToArray(), _promise);
    }

    /// <summary>An operator's change, with the operator's approval of it at the set in force, given to this seed: null once proposed,
    /// otherwise why it cannot be.</summary>
    public string? Change(SeedSetChange change, byte[] approval)
    {
        if (_open != null) return $"this seed's proposal of {_open.Proposed} is under vote: the next change waits for it";
        if (!self.Set.Counts(self.Address)) return $"{self.Address} is no seed of {self.Set}: give the change to a seed of the set in force";
        var step = SeedSetRules.Begin(self.Set, change);
        if (step.Next is not { } next) return step.Refusal;
        if (!self.Identity.VerifyOperator(change, self.Set.Version, approval))
            return $"{change} carries no approval of the operator's at version {self.Set.Version}: only the operator changes the seed set";
        Propose(next, change, approval);
        return null;
    }

    private void Propose(SeedSet next, SeedSetChange change, byte[] approval, bool adopted = false)
    {
        // Ids start at a random point, so a restarted seed's do not meet its earlier ones (a voter's promise names one).
        if (_nextId < 0) _nextId = (long)(self.Ctx.Random.NextUInt64() >> 2);
        var p = new Proposal(_nextId++, next, change, self.Set, adopted);
        _open = p;
        self.Log($"seed set: proposing {next} ({change})");
        var message = new ProposeSeedSet(p.Id, next, change, approval);
        foreach (var s in p.InForce.Voters) if (s != self.Address) self.Send(s, message);
        self.Ctx.SetTimer(self.Config.ProposalTimeout, new TimerTag(TimerKind.SeedSetProposalTimeout, p.Id));
        var verdict = Judge(self.Address, message, out string why);
        bool yes = verdict == SeedSetVerdict.Yes;
        // This seed's own promise of another set (to a proposer that may have crashed) is adopted as another seed's no would be.
        if (verdict == SeedSetVerdict.OtherPromised && _promise is { } own)
            p.Promised = (self.Address, new PromisedSet(own.Set, own.Change, own.Approval ?? []));
        RecordVote(self.Address, new SeedSetVote(p.Id, yes, why, self.Set.Version, yes ? self.Identity.SignSeedSet(next, change) : null));
    }

    public void OnPropose(NodeAddress proposer, ProposeSeedSet m)
    {
        if (m.Proposed.Version > self.Set.Version + 1)
        {
            // This seed is behind (the step came after the proposal, or was lost): no vote yet, it asks for the steps and judges
            // the proposal once they are in. A no here would count against a change this seed has simply not heard of.
            _waiting = (proposer, m);
            self.AskForSteps(proposer);
            return;
        }
        var verdict = Judge(proposer, m, out string why);
        bool yes = verdict == SeedSetVerdict.Yes;
        if (!yes && m.Proposed.Version <= self.Set.Version) SendStepsAfter(proposer, m.Proposed.Version - 1); // the proposer is behind
        // A no for another set promised here names that set, so the proposer, once it gives up, can propose it in its own name:
        // a promise to a proposer that crashed is ended by that set's commit (docs/protocol.md, "Seed set by vote").
        var promised = verdict == SeedSetVerdict.OtherPromised && _promise is { } p ? new PromisedSet(p.Set, p.Change, p.Approval ?? []) : null;
        self.Send(proposer, new SeedSetVote(m.ProposalId, yes, why, self.Set.Version,
            yes ? self.Identity.SignSeedSet(m.Proposed, m.Change) : null, promised));
    }

    private SeedSetVerdict Judge(NodeAddress proposer, ProposeSeedSet m, out string why)
    {
        var (proposed, id) = (m.Proposed, m.ProposalId);
        // The operator's approval is checked only where it decides: a change's first step (its end follows from the first).
        bool approved = self.Set.IsJoint || self.Identity.VerifyOperator(m.Change, self.Set.Version, m.Approval);
        var (verdict, reason) = SeedSetRules.Judge(self.Set, _promise, proposed, m.Change, proposer, approved, self.Address);
        why = reason;
        if (verdict == SeedSetVerdict.Yes)
        {
            // A yes to a second proposal of the set promised (another seed adopting it) is held by both: released once both give up.
            _promise = _promise is { } held && held.Version == proposed.Version
                ? held.Also(new ProposalRef(proposer, id))
                : new SeedSetPromise(proposed, proposer, id, m.Change, m.Approval);
            Keep();
        }
        self.Log($"seed set: vote {(verdict == SeedSetVerdict.Yes ? "YES" : "NO")} on {proposed} proposed by "
            + $"{(proposer == self.Address ? "me" : proposer.ToString())}: {reason}");
        return verdict;
    }

    public void OnVote(NodeAddress voter, SeedSetVote m)
    {
        if (m.Yes && (_open is not { } p || p.Id != m.ProposalId
            || !self.Identity.VerifySeedSet(voter, p.Proposed, p.Change, m.Signature ?? [])))
        {
            if (_open?.Id == m.ProposalId) output.RejectLog($"ignored a seed-set vote from {voter}: its signature does not verify");
            return;
        }
        if (!m.Yes && m.VoterVersion < self.Set.Version) SendStepsAfter(voter, m.VoterVersion);
        if (!m.Yes && m.Promised is { } promised && _open is { } open && open.Id == m.ProposalId && open.Promised == null
            && open.InForce.Counts(voter))
            open.Promised = (voter, promised);
        RecordVote(voter, m);
    }

    private void RecordVote(NodeAddress voter, SeedSetVote m)
    {
        if (_open is not { } p || p.Id != m.ProposalId || !p.InForce.Counts(voter)) return;
        if (p.Yes.ContainsKey(voter) || p.No.Contains(voter)) return;
        if (m.Yes) p.Yes[voter] = m.Signature ?? [];
        else p.No.Add(voter);
        if (SeedSetRules.Commits(p.InForce, p.Yes.Keys)) Commit(p);
        else if (SeedSetRules.Fails(p.InForce, p.No))
            GiveUp(p, $"{p.No.Count} of the seeds of {p.InForce} voted no (the first: {m.Reason})");
    }

    public void OnTimeout(long id)
    {
        if (_open is { } p && p.Id == id)
            GiveUp(p, $"only {p.Yes.Count} of the seeds of {p.InForce} voted yes before the timeout");
    }

    private void GiveUp(Proposal p, string why)
    {
        _open = null;
        self.Log($"seed set: {p.Proposed} REJECTED: {why}");
        var abandon = new SeedSetAbandon(p.Id);
        foreach (var s in p.Yes.Keys) if (s != self.Address) self.Send(s, abandon);
        Release(self.Address, p.Id);
        // A joint set must end: its end is tried again (the same set whoever proposes it, so tries never conflict).
        if (self.Set.IsJoint) ArmFinish();
        else if (p.Promised is { } promised) Adopt(promised.Voter, promised.Set, p.Adopted);
    }

    /// <summary>Proposes, in this seed's name, the set a seed's no said it promised (Paxos's rule): a promise given to a proposer
    /// that crashed before it gave up is never released, and without this every other set at that version would be voted down for
    /// good (the namespace bed under a loaded CI, 2026-12-01). The set must pass this seed's own judgement, the operator's approval
    /// included, so a lying seed cannot make it propose a set the operator did not approve.</summary>
    private void Adopt(NodeAddress voter, PromisedSet promised, bool gaveUpAnAdoption)
    {
        bool approved = self.Identity.VerifyOperator(promised.Change, self.Set.Version, promised.Approval);
        if (!SeedSetRules.Adopts(self.Set, _promise, promised.Set, promised.Change, approved, gaveUpAnAdoption, out string why))
        {
            self.Log($"seed set: not proposing {promised.Set}, which {voter} promised: {why}");
            return;
        }
        self.Log($"seed set: proposing {promised.Set}, which {voter} promised: {why}");
        Propose(promised.Set, promised.Change, promised.Approval, adopted: true);
    }

    private void ArmFinish() =>
        self.Ctx.SetTimer(self.Config.ProposalTimeout * 2, new TimerTag(TimerKind.SeedSetFinish, self.Set.Version));

    /// <summary>A joint set is still in force: this seed proposes its end, unless a proposal of its own is under vote.</summary>
    public void OnFinishDue(long version)
    {
        if (!self.Set.IsJoint || self.Set.Version != version || !self.Set.Counts(self.Address)) return;
        if (_open != null)
        {
            ArmFinish();
            return;
        }
        Propose(SeedSetRules.Finish(self.Set), _steps[^1].Change, []);
    }

    public void OnAbandon(NodeAddress proposer, SeedSetAbandon m) => Release(proposer, m.ProposalId);

    private void Release(NodeAddress proposer, long id)
    {
        if (_promise is not { } held || held.Version <= self.Set.Version) return;
        var left = held.Released(new ProposalRef(proposer, id));
        if (left == held) return;
        _promise = left;
        Keep();
    }

    private void Commit(Proposal p)
    {
        _open = null;
        // Another seed's proposal of this version (a joint set's end, which any seed proposes while it stays in force: the same
        // set, so they never conflict) reached this seed first: the step is taken already.
        if (p.Proposed.Version <= self.Set.Version) return;
        var votes = p.Yes.OrderBy(v => v.Key).Select(v => new SignedVote(v.Key, v.Value)).ToArray();
        var step = new SeedSetStep(p.Proposed, p.Change, votes);
        self.Log($"seed set: {p.Proposed} COMMITTED with {votes.Length} votes ({p.Change})");
        Take(step);
        foreach (var s in p.InForce.Voters.Union(p.Proposed.Voters)) if (s != self.Address) self.Send(s, step);
        // A joint set in force: propose the change's end at once (the same proposer, so two ends never race).
        if (p.Proposed.IsJoint && self.Set.SameAs(p.Proposed)) Propose(SeedSetRules.Finish(p.Proposed), p.Change, []);
    }

    public void OnStep(NodeAddress from, SeedSetStep m)
    {
        switch (SeedSetRules.Receive(self.Set, m, self.Identity, out string? why))
        {
            case StepReceipt.AskForTheSteps:
                self.AskForSteps(from);
                return;
            case StepReceipt.Refused:
                output.RejectLog($"refused seed-set step {m.Set.Version} from {from}: {why}");
                return;
            case StepReceipt.Known:
                return;
        }
        Take(m);
        foreach (var s in self.Set.Voters.Union(self.Sets.Before!.Current.Voters))
            if (s != self.Address && s != from) self.Send(s, m);
    }

    /// <summary>A step becomes this seed's: kept to hand on, the key it pins taken (its votes count from the joint step on), the set
    /// in force.</summary>
    private void Adopt(SeedSetStep step)
    {
        _steps.Add(step);
        if (SeedSetRules.KeyPinned(step) is { } pinned) self.Identity.SeedAdded(pinned.Seed, pinned.Key);
        self.Learn(step.Set);
    }

    private void Take(SeedSetStep step)
    {
        Adopt(step);
        if (_promise is { } held && held.Version <= step.Set.Version) _promise = null;
        Keep();
        // A final set says whether it counts this seed: the seed knows itself by its key, while the set may list it by an address
        // made from that key (a seed named by host) that its trace's own address does not match (SeedSetStanding).
        string standing = step.Set.IsJoint ? "" : step.Set.Counts(self.Address) ? SeedSetStanding.Counted : SeedSetStanding.LeftOut;
        self.Ctx.Trace(new TraceEvent(self.Ctx.Now, TraceKind.SeedSetChanged, self.Listening, A: step.Set.Version,
            B: step.Set.Voters.Length, Detail: $"{step.Set} ({step.Change}){standing}"));
        self.Log($"seed set now {step.Set}");
        setChanged();
        if (SeedSetRules.TellsMembers(step, self.Address))
            foreach (var member in peers.LiveEntries(exclude: default)) SendStepsAfter(member.Address, step.Set.Version - 2);
        // Every seed watches a joint set end: its proposer ends it at once, any other after a wait if it is still in force then.
        if (step.Set.IsJoint) ArmFinish();
        if (_waiting is { } w && w.Message.Proposed.Version == self.Set.Version + 1)
        {
            _waiting = null;
            OnPropose(w.Proposer, w.Message);
        }
        // A seed the finished change left out stays up for the operator to stop; it votes no more.
        if (!step.Set.IsJoint && !step.Set.Counts(self.Address))
            self.Log($"seed set: {self.Address} is no longer a seed ({step.Set}); it can be stopped");
    }

    public void OnStepRequest(NodeAddress from, SeedSetStepRequest m) => SendStepsAfter(from, m.Known);

    /// <summary>Another seed's set version, as its anti-entropy request states it: a seed behind is sent the steps it lacks (they
    /// prove themselves), one ahead is asked for them. A seed cut off while the set changed learns it so at the next round, with no
    /// commit to show it (swarm seed 2026, run 2199).</summary>
    public void OnVersionOf(NodeAddress seed, long version)
    {
        if (version < self.Set.Version) SendStepsAfter(seed, version);
        else if (version > self.Set.Version) self.AskForSteps(seed);
    }

    /// <summary>Steps one request is answered with at most: whoever asks, a request costs a bounded answer; a node further behind
    /// asks again from where the answer left it.</summary>
    public const int StepsPerAnswer = 16;

    /// <summary>Sends the steps after version <paramref name="known"/>, oldest first, at most <see cref="StepsPerAnswer"/>.</summary>
    public void SendStepsAfter(NodeAddress to, long known)
    {
        int sent = 0;
        foreach (var step in _steps)
            if (step.Set.Version > known && sent++ < StepsPerAnswer) self.Send(to, step);
    }
}

using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>A seed's answer to a proposed version of the seed set.</summary>
public enum SeedSetVerdict : byte
{
    /// <summary>The proposed set is the one that follows the set in force: this seed promises it this version.</summary>
    Yes,
    /// <summary>This seed already holds that version or a later one: the proposer is behind and learns the later ones.</summary>
    Stale,
    /// <summary>The proposal skips versions this seed has not seen: it learns them first.</summary>
    Behind,
    /// <summary>This seed promised another set at that version: two sets may never both win one version.</summary>
    OtherPromised,
    /// <summary>The proposed set does not follow from the set in force by the change it names.</summary>
    Invalid,
    /// <summary>The proposer is no seed of the set in force, or a change's first step comes without the operator's approval.</summary>
    NotAuthorised,
}

/// <summary>What a node does with a step of the seed set it was sent.</summary>
public enum StepReceipt : byte
{
    /// <summary>It holds that version already (every seed passes a step on once, so copies arrive).</summary>
    Known,
    /// <summary>A later version than the next: it asks the sender for the steps between.</summary>
    AskForTheSteps,
    /// <summary>The next version, but it does not follow by its change or its votes do not decide: refused, saying why.</summary>
    Refused,
    /// <summary>The next version, and it holds: the node takes it.</summary>
    Take,
}

/// <summary>A proposal a seed said yes to: its proposer and the proposer's id for it.</summary>
public readonly record struct ProposalRef(NodeAddress Proposer, long Id);

/// <summary>
/// A seed's promise: at its set's version it votes yes for this set alone, until every proposal it said yes to for it was given
/// up (<see cref="Released"/>). It keeps the change and the operator's approval it was proposed with, so a proposer voted down by
/// it can propose the same set itself (<see cref="SeedSetRules.Adopts"/>): a promise to a proposer that crashed is then ended by
/// the set's commit, not kept for ever.
/// </summary>
/// <param name="Proposer">The first proposal's proposer (named in a no).</param>
/// <param name="Others">The further proposals of the same set this seed said yes to (another seed adopting it): each must be given
/// up too before the promise is released, as any of them may have committed with this yes.</param>
public readonly record struct SeedSetPromise(SeedSet Set, NodeAddress Proposer, long ProposalId, SeedSetChange Change = default,
    byte[]? Approval = null, ProposalRef[]? Others = null)
{
    public long Version => Set.Version;

    /// <summary>Every proposal this promise was given to.</summary>
    public IEnumerable<ProposalRef> Holders => Others is { } others ? others.Prepend(new(Proposer, ProposalId)) : [new(Proposer, ProposalId)];

    /// <summary>The promise after a yes to another proposal of the same set (the same promise when it holds that one already).</summary>
    public SeedSetPromise Also(ProposalRef proposal) =>
        Holders.Contains(proposal) ? this : this with { Others = [.. Others ?? [], proposal] };

    /// <summary>The promise once <paramref name="proposal"/> is given up: null when no proposal it was given to is left.</summary>
    public SeedSetPromise? Released(ProposalRef proposal)
    {
        var holders = Holders.ToArray();
        var left = Array.FindAll(holders, h => h != proposal);
        if (left.Length == holders.Length) return this;
        return left.Length == 0 ? null : this with { Proposer = left[0].Proposer, ProposalId = left[0].Id, Others = left.Length > 1 ? left[1..] : null };
    }
}

/// <summary>The step a change takes from the set in force, or why it cannot.</summary>
public readonly record struct NextSeedSet(SeedSet? Next, string? Refusal);

/// <summary>
/// How the seed set changes by vote, as pure decisions (issue 56 item 2). A change takes two versions: from the stable set in
/// force to the joint set (the new set with the old one leaving), decided by a majority of the set in force; then from the joint
/// set to the new one alone, decided under the joint rule (a majority of each). A seed promises one set per version, so two
/// sets cannot both gather a majority of the same set in force; a membership commit carries the version it was decided at and
/// is counted against that version's set, so a peer or a seed that learned the history checks any commit, old or new.
/// </summary>
public static class SeedSetRules
{
    /// <summary>The first step of an operator's change: the joint set that brings it in. A change waits for the one in progress.</summary>
    public static NextSeedSet Begin(SeedSet inForce, SeedSetChange change)
    {
        if (inForce.IsJoint)
            return Refuse($"a change is in progress ({inForce}): it ends first, then the next change can start");
        var seeds = inForce.Seeds;
        bool names(NodeAddress a) => Array.BinarySearch(seeds, a) >= 0;
        NodeAddress[] next;
        switch (change.Kind)
        {
            case SeedSetChangeKind.Add:
                if (names(change.Seed)) return Refuse($"{change.Seed} is already a seed ({inForce})");
                next = [.. seeds, change.Seed];
                break;
            case SeedSetChangeKind.Remove:
                if (!names(change.Seed)) return Refuse($"{change.Seed} is not a seed ({inForce})");
                if (seeds.Length == 1) return Refuse($"{change.Seed} is the only seed: a network needs at least one");
                next = seeds.Where(s => s != change.Seed).ToArray();
                break;
            case SeedSetChangeKind.Replace:
                if (!names(change.Replaced)) return Refuse($"{change.Replaced} is not a seed ({inForce})");
                if (names(change.Seed)) return Refuse($"{change.Seed} is already a seed ({inForce})");
                next = [.. seeds.Where(s => s != change.Replaced), change.Seed];
                break;
            default:
                return Refuse($"unknown change {(byte)change.Kind}");
        }
        return new NextSeedSet(new SeedSet(inForce.Version + 1, next, leaving: seeds), null);
    }

    /// <summary>The second step: the joint set gives way to the new set alone.</summary>
    public static SeedSet Finish(SeedSet joint) =>
        joint.IsJoint ? new SeedSet(joint.Version + 1, joint.Seeds) : throw new ArgumentException("the set is not joint", nameof(joint));

    /// <summary>The version that follows the set in force, by this change (stable) or by its end (joint).</summary>
    public static NextSeedSet Follows(SeedSet inForce, SeedSetChange change) =>
        inForce.IsJoint ? new NextSeedSet(Finish(inForce), null) : Begin(inForce, change);

    /// <summary>
    /// A seed's vote on a proposed version of the set. Yes only for the version right after the set in force, for the set that
    /// follows from it by the change named, and for no other set than one already promised at that version.
    /// </summary>
    /// <param name="proposer">Null: not checked (the rule alone); otherwise it must be a seed of the set in force.</param>
    /// <param name="voter">Null: not checked; otherwise the seed judging, which votes yes only as a seed of the set in force.</param>
    /// <param name="approved">Whether the operator's approval of the change at the set in force verified (needed to begin a change;
    /// a change's end follows from its beginning).</param>
    public static (SeedSetVerdict Verdict, string Why) Judge(SeedSet inForce, SeedSetPromise? promised, SeedSet proposed,
        SeedSetChange change, NodeAddress? proposer = null, bool approved = true, NodeAddress? voter = null)
    {
        if (voter is { } me && !inForce.Counts(me))
            return (SeedSetVerdict.NotAuthorised, $"{me} is no seed of {inForce}: its vote does not count");
        if (proposer is { } who && !inForce.Counts(who))
            return (SeedSetVerdict.NotAuthorised, $"{who} is no seed of {inForce}: only a seed of the set in force proposes");
        if (!inForce.IsJoint && !approved)
            return (SeedSetVerdict.NotAuthorised, $"{change} carries no approval of the operator's at version {inForce.Version}");
        if (proposed.Version <= inForce.Version)
            return (SeedSetVerdict.Stale, $"the seed set is at {inForce}, past the proposed version {proposed.Version}");
        if (proposed.Version > inForce.Version + 1)
            return (SeedSetVerdict.Behind, $"the seed set here is at version {inForce.Version}; the proposal is for version "
                + $"{proposed.Version}: the versions between come first");
        if (promised is { } p && p.Version == proposed.Version && !p.Set.SameAs(proposed))
            return (SeedSetVerdict.OtherPromised, $"promised {p.Set} to {p.Proposer}'s proposal {p.ProposalId}");
        var step = Follows(inForce, change);
        if (step.Next is not { } next) return (SeedSetVerdict.Invalid, step.Refusal!);
        if (!next.SameAs(proposed))
            return (SeedSetVerdict.Invalid, $"{change} from {inForce} gives {next}, not the proposed {proposed}");
        return (SeedSetVerdict.Yes, inForce.IsJoint ? $"ends the change: {proposed}" : $"{change}: {proposed}");
    }

    /// <summary>
    /// Whether a proposer that gave up proposes, in its own name, the set a seed's no said was promised at the version after the set
    /// in force (Paxos's rule: a proposer voted down by a promise proposes the promised set). Yes when it would vote yes for that
    /// set itself (its own promise released; the operator's approval the set came with verified: <paramref name="approved"/>) and
    /// its give-up was not itself of an adopted set (one adoption a change, so two promised sets are not chased in turn). Safe
    /// whichever promised set it adopts: every seed still says yes to one set a version, and a promise given to several proposals
    /// of its set is released only once all of them were given up (<see cref="SeedSetPromise.Released"/>).
    /// </summary>
    public static bool Adopts(SeedSet inForce, SeedSetPromise? own, SeedSet promised, SeedSetChange change, bool approved,
        bool gaveUpAnAdoption, out string why)
    {
        if (gaveUpAnAdoption)
        {
            why = "the proposal given up was an adopted set already";
            return false;
        }
        var (verdict, reason) = Judge(inForce, own, promised, change, approved: approved);
        why = verdict == SeedSetVerdict.Yes ? $"{promised} was promised to another proposal, which may have crashed" : reason;
        return verdict == SeedSetVerdict.Yes;
    }

    /// <summary>Whether the yes voters on the version after <paramref name="inForce"/> commit it: counted against the set in force.</summary>
    public static bool Commits(SeedSet inForce, IEnumerable<NodeAddress> yes) => inForce.Decides(yes);

    /// <summary>Whether the no voters on it leave no way to commit it.</summary>
    public static bool Fails(SeedSet inForce, IEnumerable<NodeAddress> no) => inForce.CannotDecide(no);

    /// <summary>
    /// Whether a seed votes on a membership proposal made at <paramref name="proposedAt"/> (the proposer's set version): only at the
    /// version in force here, so every majority of a commit is counted against one set. Null: it votes; otherwise why not.
    /// </summary>
    public static string? VotesOnMembership(SeedSet inForce, long proposedAt) =>
        proposedAt == inForce.Version ? null
        : proposedAt < inForce.Version ? $"the seed set is at version {inForce.Version}; the proposal was made at {proposedAt}"
        : $"the seed set here is at version {inForce.Version}; the proposal was made at {proposedAt}: I learn the later set first";

    /// <summary>
    /// Checks one step of a history a node learns (from the seeds, signed): <paramref name="next"/> follows
    /// <paramref name="inForce"/> by <paramref name="change"/>, and its signers (whose signatures the caller verified) decide at
    /// the set in force. Null when the step holds; otherwise why not.
    /// </summary>
    public static string? CheckStep(SeedSet inForce, SeedSet next, SeedSetChange change, IEnumerable<NodeAddress> signers)
    {
        var step = Follows(inForce, change);
        if (step.Next is not { } expected) return step.Refusal;
        if (!expected.SameAs(next)) return $"{change} from {inForce} gives {expected}, not {next}";
        var distinct = signers.Distinct().ToArray();
        if (distinct.FirstOrDefault(s => !inForce.Counts(s)) is var outsider && !outsider.IsNone)
            return $"{outsider} signed it but is no seed at version {inForce.Version}";
        return Commits(inForce, distinct) ? null
            : $"{distinct.Length} signers do not make a majority at {inForce}" + (inForce.IsJoint ? " (a majority of each set)" : "");
    }

    private static NextSeedSet Refuse(string why) => new(null, why);

    /// <summary>What a node whose set in force is <paramref name="inForce"/> does with a step it was sent (seeds and peers alike);
    /// <paramref name="why"/> says why one is refused.</summary>
    public static StepReceipt Receive(SeedSet inForce, SeedSetStep step, ISeedIdentity identity, out string? why)
    {
        why = null;
        if (step.Set.Version <= inForce.Version) return StepReceipt.Known;
        if (step.Set.Version > inForce.Version + 1) return StepReceipt.AskForTheSteps;
        why = StepRefusal(inForce, step, identity);
        return why == null ? StepReceipt.Take : StepReceipt.Refused;
    }

    /// <summary>The key a step pins for the seed it brings in: the joint step of an add or a replace, from which on that seed's votes
    /// count; null for any other step.</summary>
    public static SeedKey? KeyPinned(SeedSetStep step) =>
        step.Set.IsJoint && step.Change.Key is { } key ? new SeedKey(step.Change.Seed, key) : null;

    /// <summary>
    /// Whether a node takes a step it was sent: it follows the set in force here by its change, and its votes, each verified under
    /// the voter's key, decide at the set in force. Null when it does; otherwise why not. Seeds and peers take steps through this
    /// alone.
    /// </summary>
    public static string? StepRefusal(SeedSet inForce, SeedSetStep step, ISeedIdentity identity)
    {
        foreach (var v in step.Votes)
            if (inForce.Counts(v.Seed) && !identity.VerifySeedSet(v.Seed, step.Set, step.Change, v.Signature))
                return $"the vote of {v.Seed} does not verify";
        return CheckStep(inForce, step.Set, step.Change, step.Votes.Select(v => v.Seed));
    }

    /// <summary>
    /// Whether <paramref name="seed"/>, taking <paramref name="step"/>, sends the change's two steps to every member it lists: when the
    /// change ends having left a seed out (a remove or a replace), by each seed that both sets count. A peer takes a seed's notices
    /// only from the set it holds, and learned a change at its next refresh (30 s by default): meanwhile the seeds voted out, a
    /// majority of an older set, could still cut its links with a removal proven at that set (docs/security.md, "Seeds voted out").
    /// Only a seed of the member's old set is heard (a member takes steps only from a seed it knows), so the seed brought in does not
    /// tell; an add leaves nobody out, and its members learn it at their refresh. Costs two messages (the steps) a member for each
    /// seed that stays, once a change.
    /// </summary>
    public static bool TellsMembers(SeedSetStep step, NodeAddress seed) =>
        !step.Set.IsJoint && step.Change.Kind != SeedSetChangeKind.Add && step.Set.Counts(seed) && seed != step.Change.Seed;
}

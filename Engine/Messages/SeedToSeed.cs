using GossipSim.Engine.Core;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Messages;

/// <summary>
/// R4: a seed proposes a membership change to the other seeds. An add carries the key the
/// registrant proved on its connection, so each voter signs the address-to-key binding too.
/// </summary>
/// The proposer's seed-set version (<paramref name="SetVersion"/>): a seed votes only at the version in force there, so every
/// majority of a commit is counted against one set.
public sealed record Propose(long ProposalId, MembershipOp Op, NodeKey? PeerKey = null, long SetVersion = 0) : Message
{
    public override MessageKind Kind => MessageKind.Propose;
}

/// <summary>
/// A seed's vote on a proposal (for removals, after its own probe of the peer). A yes vote
/// carries the voter's signature over the operation and key (see ISeedIdentity), which the
/// commit then carries as its proof; a no vote is not signed.
/// </summary>
public sealed record Vote(long ProposalId, bool Yes, string Reason, byte[]? Signature = null) : Message
{
    public override MessageKind Kind => MessageKind.Vote;
}

/// <summary>The proposer announces a commit that a majority voted for; its proof travels in <see cref="CommittedOp.Proof"/>.</summary>
public sealed record Commit(CommittedOp Committed, int VotesFor, int SeedCount) : Message
{
    public override MessageKind Kind => MessageKind.Commit;
}

/// <summary>
/// Anti-entropy: "of each proposer's commits I hold 1..n contiguously, and the seed set in force here is version
/// <paramref name="SetVersion"/>". The answer carries the operations the asker is missing, and the seed set's steps past its
/// version: a seed cut off while the set changed, with no commit to show it since, learned the change from nobody.
/// </summary>
public sealed record SyncRequest(ProposerWatermark[] Watermarks, long SetVersion = 0) : Message
{
    public override MessageKind Kind => MessageKind.SyncRequest;
}

public readonly record struct ProposerWatermark(LogId Log, long Contiguous);

public sealed record SyncReply(CommittedOp[] Ops, bool More) : Message
{
    public override MessageKind Kind => MessageKind.SyncReply;
}

/// <summary>One peer's degree as it reported it: the report's number puts reports in order.</summary>
public readonly record struct DegreeReport(NodeAddress Peer, long Incarnation, int Degree, long Report);

/// <summary>
/// Degrees are not membership: a seed passes on what peers told it, no vote needed: their
/// reports, and the endorsements their reports carried. Several at a time: during a join burst
/// one message per report would be a large share of all messages.
/// </summary>
public sealed record DegreeRelay(DegreeReport[] Reports, Endorsement[] Endorsements) : Message
{
    public override MessageKind Kind => MessageKind.DegreeRelay;
}

/// <summary>
/// A seed tells another what seed list it runs with (a digest of the sorted addresses, and
/// their number) when it starts, and answers one it receives; seeds whose lists differ stop.
/// </summary>
public sealed record SeedListCheck(ulong Digest, int SeedCount, bool IsAnswer) : Message
{
    public override MessageKind Kind => MessageKind.SeedListCheck;
}

/// <summary>
/// A seed's signed word on where it is now: <paramref name="Seed"/> is its name, the address its line in the seed list gives (with
/// its pinned key: its identity), <paramref name="At"/> the address it listens on in this life, <paramref name="Sequence"/> the
/// life's epoch (a later life, a larger number: an older word cannot be replayed over a newer one). A seed sends it to the other
/// seeds when it starts; seeds pass what they took on to their members (<see cref="Membership.SeedAddresses"/>).
/// </summary>
public sealed record SeedMoved(NodeAddress Seed, NodeAddress At, long Sequence, byte[] Signature) : Message
{
    public override MessageKind Kind => MessageKind.SeedMoved;
}

/// <summary>
/// A seed proposes the version of the seed set that follows the one in force (issue 56, 2): the joint set that begins an
/// operator's <paramref name="Change"/>, or the new set alone that ends it (<see cref="Membership.SeedSetRules"/>).
/// </summary>
/// <paramref name="Approval"/> is the operator's signature of the change at the version it begins from
/// (<see cref="Trust.ISeedIdentity.VerifyOperator"/>): without it no seed votes yes to a change's first step.
public sealed record ProposeSeedSet(long ProposalId, SeedSet Proposed, SeedSetChange Change, byte[] Approval) : Message
{
    public override MessageKind Kind => MessageKind.ProposeSeedSet;
}

/// <summary>
/// A seed's vote on a proposed seed set: a yes is its promise of that version to this set alone, signed over the set and the
/// change; <paramref name="VoterVersion"/> is the version in force at the voter, so a proposer ahead of it sends it the steps it
/// lacks.
/// </summary>
/// <paramref name="Promised"/>: with a no for another set promised at that version, the set, its change and the operator's
/// approval it came with, so the proposer can propose it itself once it gives up (<see cref="Membership.SeedSetRules.Adopts"/>).
public sealed record SeedSetVote(long ProposalId, bool Yes, string Reason, long VoterVersion, byte[]? Signature = null,
    PromisedSet? Promised = null) : Message
{
    public override MessageKind Kind => MessageKind.SeedSetVote;
}

/// <summary>The set a seed promised at a version, as its no names it: the set, the change it makes and the operator's approval.</summary>
public sealed record PromisedSet(SeedSet Set, SeedSetChange Change, byte[] Approval);

/// <summary>
/// One step of the seed set's history: the set of a version, the change that made it, and the signed yes votes of a majority of
/// the set before it. The proposer announces it once it commits; seeds pass it on to the other seeds and to their members, and
/// every node takes it only through <see cref="Membership.SeedSetRules.StepRefusal"/> with each vote verified.
/// </summary>
public sealed record SeedSetStep(SeedSet Set, SeedSetChange Change, SignedVote[] Votes) : Message
{
    public override MessageKind Kind => MessageKind.SeedSetStep;
}

/// <summary>A node behind asks a seed for the steps after the version it knows (<paramref name="Known"/>).</summary>
public sealed record SeedSetStepRequest(long Known) : Message
{
    public override MessageKind Kind => MessageKind.SeedSetStepRequest;
}

/// <summary>The proposer gave a seed-set proposal up (a majority said no, or the timeout passed): its voters' promises are free.
/// It never commits that proposal after this.</summary>
public sealed record SeedSetAbandon(long ProposalId) : Message
{
    public override MessageKind Kind => MessageKind.SeedSetAbandon;
}

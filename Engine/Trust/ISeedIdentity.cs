using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trust;

/// <summary>
/// What a seed needs of identity, behind one seam so the engine touches no crypto: sign its yes votes,
/// check other seeds', tell the runtime which key speaks for which member. Real seeds use ECDSA keys
/// (RealNet/Security/SeedIdentity.cs); the simulator, with no attacker, <see cref="StructuralIdentity"/>.
/// Contract: <see cref="Verify"/> is true only for that seed's <see cref="Sign"/> over the same operation
/// and peer key; both are pure (no clock, no randomness the simulator would see).
/// </summary>
public interface ISeedIdentity
{
    /// <summary>This seed's signature on a yes vote for <paramref name="op"/> (with the key an add binds) cast at the seed set's
    /// version <paramref name="setVersion"/> (0: the seed list every node starts with, which the signed bytes do not name, so votes
    /// signed before seed sets changed still verify).</summary>
    byte[] Sign(in MembershipOp op, NodeKey? peerKey, long setVersion = 0);

    /// <summary>Whether <paramref name="signature"/> is seed <paramref name="seed"/>'s yes vote for the operation at that version.</summary>
    bool Verify(NodeAddress seed, in MembershipOp op, NodeKey? peerKey, ReadOnlySpan<byte> signature, long setVersion = 0);

    /// <summary>This seed's signature on a renewal: <paramref name="member"/> is live until <paramref name="validUntil"/>.</summary>
    byte[] SignRenewal(in PeerId member, TimeSpan validUntil);

    /// <summary>Whether <paramref name="signature"/> is seed <paramref name="seed"/>'s renewal of <paramref name="member"/> until
    /// <paramref name="validUntil"/>.</summary>
    bool VerifyRenewal(NodeAddress seed, in PeerId member, TimeSpan validUntil, ReadOnlySpan<byte> signature);

    /// <summary>
    /// Whether the operator vouched for <paramref name="seed"/>'s key (pinned in the seed list,
    /// or this seed itself): only such a seed's word that the seed lists differ stops this seed.
    /// A seed known by a key learned on first use, or not known at all, is told apart from a
    /// squatter by nothing the operator gave, so its word is logged and refused, never fatal.
    /// </summary>
    bool Vouched(NodeAddress seed);

    /// <summary>The key this node knows for seed <paramref name="seed"/> (its own, pinned, or learned when the seeds met); null:
    /// none (the simulator proves no keys). A seed vouches for these in its answers to peers.</summary>
    NodeKey? KeyOf(NodeAddress seed) => null;

    /// <summary>Whether this node proves keys (a real node): a real seed announces its address even at its listed one
    /// (<see cref="Membership.SeedMoveRules.Announces"/>).</summary>
    bool ProvesKeys => false;

    /// <summary>This seed's signed word that seed <paramref name="seed"/> (its name in the list) is at <paramref name="at"/> since its
    /// life <paramref name="sequence"/>.</summary>
    byte[] SignAddress(NodeAddress seed, NodeAddress at, long sequence) => [];

    /// <summary>
    /// Whether <paramref name="signature"/> is that word from the holder of the key pinned for <paramref name="seed"/>. A key learned
    /// on first use is no proof, nor is an address alone: a seed not pinned by key cannot move. The simulator's stand-in takes an
    /// empty signature.
    /// </summary>
    bool VerifyAddress(NodeAddress seed, NodeAddress at, long sequence, ReadOnlySpan<byte> signature) => signature.IsEmpty;

    /// <summary>Seed <paramref name="seed"/>'s word that it is at <paramref name="at"/> was taken: from now on only its key speaks
    /// as <paramref name="at"/>, and the runtime keeps its connections there open as to a seed.</summary>
    void SeedMoved(NodeAddress seed, NodeAddress at) { }

    /// <summary>This seed's signature on a yes vote for a proposed seed set: the set and the change that gives it (issue 56, 2).</summary>
    byte[] SignSeedSet(SeedSet proposed, in SeedSetChange change) => [];

    /// <summary>Whether <paramref name="signature"/> is seed <paramref name="seed"/>'s yes vote for that set. The simulator's stand-in
    /// takes an empty signature.</summary>
    bool VerifySeedSet(NodeAddress seed, SeedSet proposed, in SeedSetChange change, ReadOnlySpan<byte> signature) => signature.IsEmpty;

    /// <summary>
    /// Whether <paramref name="signature"/> is the operator's approval of <paramref name="change"/> beginning at seed-set version
    /// <paramref name="fromVersion"/> (so an approval cannot be replayed at a later version). Only the operator changes the seed set:
    /// a seed, honest or not, cannot make the others vote a set it chose. The simulator's stand-in takes its operator's mark
    /// (<see cref="StructuralIdentity.OperatorApproval"/>), which only the run's operator commands carry; a real
    /// node takes only one made with the operator key its seed list pins, and without one refuses every change.
    /// </summary>
    bool VerifyOperator(in SeedSetChange change, long fromVersion, ReadOnlySpan<byte> signature) => false;

    /// <summary>A step of the seed set brought seed <paramref name="seed"/> in with <paramref name="key"/>, pinned by the majority that
    /// voted it: from now on its votes are checked under that key.</summary>
    void SeedAdded(NodeAddress seed, NodeKey key) { }

    /// <summary>A committed add: from now on only <paramref name="key"/> may speak as <paramref name="peer"/>.</summary>
    void Bind(NodeAddress peer, NodeKey key);

    /// <summary>A committed removal: the address is free for a new identity.</summary>
    void Unbind(NodeAddress peer);

    /// <summary>
    /// The proof to store with a commit: the simulator's stand-in shares one object per set of
    /// voters, so a million commits cost a reference each, not a proof each.
    /// </summary>
    CommitProof Seal(NodeKey? peerKey, SignedVote[] votes, long setVersion = 0) => new(peerKey, votes, setVersion);
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trust;

/// <summary>
/// The simulator's identity: no keys, no crypto. Signatures are empty and a vote's signer is its seed
/// field, so proofs are checked structurally (a majority of distinct listed seeds, <see cref="CommitCheck"/>)
/// and shared per set of voters, a reference per commit. One instance per seed, used from its callbacks
/// only; peers share the stateless <see cref="ForPeers"/>, so a million peers cost no identity each.
/// </summary>
public sealed class StructuralIdentity : IPeerIdentity
{
    /// <summary>The one instance every simulated peer uses (single-threaded, like the simulator).</summary>
    public static StructuralIdentity ForPeers { get; } = new();

    private readonly List<CommitProof> _shared = new();

    public byte[] Sign(in MembershipOp op, NodeKey? peerKey, long setVersion = 0) => [];

    public bool Verify(NodeAddress seed, in MembershipOp op, NodeKey? peerKey, ReadOnlySpan<byte> signature, long setVersion = 0) =>
        signature.IsEmpty;

    /// <summary>The simulator's operator's approval of a seed-set change: a mark, as its votes are marks, which only the run's
    /// operator commands carry (a simulated liar, modelled without the operator's key, sends none).</summary>
    public static byte[] OperatorApproval => [0x0A];

    public bool VerifyOperator(in SeedSetChange change, long fromVersion, ReadOnlySpan<byte> signature) =>
        signature.Length == 1 && signature[0] == 0x0A;

    public byte[] SignRenewal(in PeerId member, TimeSpan validUntil) => [];

    public bool VerifyRenewal(NodeAddress seed, in PeerId member, TimeSpan validUntil, ReadOnlySpan<byte> signature) => signature.IsEmpty;

    // Every simulated seed runs with the same list and nobody squats: their word on it is binding.
    public bool Vouched(NodeAddress seed) => true;

    // A simulation's transport proves no keys: nothing is bound, the seed's admissions hold every add's proof.
    public void Bind(NodeAddress peer, NodeKey key) { }

    public void Unbind(NodeAddress peer) { }

    public byte[] SignGossip(MessageId id, TimeSpan createdAt) => [];

    public bool VerifyGossip(NodeKey? origin, MessageId id, TimeSpan createdAt, ReadOnlySpan<byte> signature)
        => origin == null && signature.IsEmpty;

    public bool Knows(PeerId member, NodeKey? key) => false;

    public void Learn(PeerId member, NodeKey? key) { }

    public void SeedProved(NodeAddress seed, NodeKey key) { }

    // No randomness the run would see: a challenge is only a marker here, and an ack is present or not (a simulated liar sends none).
    private static readonly byte[] StructuralAck = [1];

    public long NewChallenge(long queryId) => queryId | 1;

    public byte[] SignAck(NodeAddress self, long challenge) => StructuralAck;

    public bool VerifyAck(NodeAddress suspect, long challenge, ReadOnlySpan<byte> ack) => ack.Length == 1 && ack[0] == 1;

    public CommitProof Seal(NodeKey? peerKey, SignedVote[] votes, long setVersion = 0)
    {
        if (peerKey != null) return new CommitProof(peerKey, votes, setVersion);
        foreach (var proof in _shared)
            if (proof.SetVersion == setVersion && SameVoters(proof.Votes, votes)) return proof;
        var made = new CommitProof(null, votes, setVersion);
        _shared.Add(made);
        return made;
    }

    private static bool SameVoters(SignedVote[] a, SignedVote[] b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (a[i].Seed != b[i].Seed || a[i].Signature.Length != 0 || b[i].Signature.Length != 0) return false;
        return true;
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Membership;

/// <summary>
/// The simulator's identity: no keys and no crypto. A "signature" is empty and the vote's
/// signer is its seed field, so a commit's proof is checked structurally (distinct listed
/// seeds, a majority of them; see <see cref="CommitCheck"/>). Proofs are shared per set of
/// voters (a handful of sets exist): a million-peer run holds one reference per commit, not
/// one proof. One instance per seed, used from that seed's callbacks only.
/// </summary>
public sealed class StructuralIdentity : ISeedIdentity
{
    private readonly List<CommitProof> _shared = new();
    private Dictionary<NodeAddress, NodeKey>? _bound; // stays null in a simulation: its transport proves no keys

    public byte[] Sign(in MembershipOp op, NodeKey? peerKey) => [];

    public bool Verify(NodeAddress seed, in MembershipOp op, NodeKey? peerKey, ReadOnlySpan<byte> signature) => signature.IsEmpty;

    public void Bind(NodeAddress peer, NodeKey key) => (_bound ??= new())[peer] = key;

    public void Unbind(NodeAddress peer) => _bound?.Remove(peer);

    public NodeKey? BoundKey(NodeAddress peer) => _bound?.GetValueOrDefault(peer);

    public CommitProof Seal(NodeKey? peerKey, SignedVote[] votes)
    {
        if (peerKey != null) return new CommitProof(peerKey, votes);
        foreach (var proof in _shared)
            if (SameVoters(proof.Votes, votes)) return proof;
        var made = new CommitProof(null, votes);
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

using GossipSim.Engine.Core;

namespace GossipSim.Engine.Vocabulary;

/// <summary>One seed's yes vote on a commit: who, and its signature.</summary>
public readonly record struct SignedVote(NodeAddress Seed, byte[] Signature);

/// <summary>
/// Why a commit may be applied: the key an add binds to the peer's address, and the signed yes
/// votes of a majority of seeds. A seed applies a commit, from its proposer or by anti-entropy,
/// only when <see cref="Trust.CommitCheck.Verify"/> accepts its proof.
/// </summary>
public sealed class CommitProof(NodeKey? peerKey, SignedVote[] votes)
{
    public NodeKey? PeerKey { get; } = peerKey;
    public SignedVote[] Votes { get; } = votes;
}

using GossipSim.Engine.Core;

namespace GossipSim.Engine.Vocabulary;

/// <summary>One seed's yes vote on a commit: who, and its signature.</summary>
public readonly record struct SignedVote(NodeAddress Seed, byte[] Signature);

/// <summary>
/// Why a commit may be applied: the key an add binds to the peer's address, and the signed yes
/// votes of a majority of seeds, counted at the seed set's version <paramref name="setVersion"/>
/// (0: the seed list every node starts with). A seed applies a commit, from its proposer or by
/// anti-entropy, only when <see cref="Trust.CommitCheck.Verify"/> accepts its proof.
/// </summary>
public sealed class CommitProof(NodeKey? peerKey, SignedVote[] votes, long setVersion = 0)
{
    public NodeKey? PeerKey { get; } = peerKey;
    public SignedVote[] Votes { get; } = votes;
    /// <summary>The version of the seed set the votes were cast and counted at; each vote signs it (when not 0).</summary>
    public long SetVersion { get; } = setVersion;
}

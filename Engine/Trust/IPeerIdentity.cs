using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trust;

/// <summary>
/// What a peer needs of identity, behind the same seam as a seed's (<see cref="ISeedIdentity"/>:
/// seeds' votes checked, which verifies membership certificates, and bound keys told to the
/// runtime, which binds a neighbour's address to its key): it signs the gossip it creates and
/// checks an origin's signature. A real peer signs with its ECDSA key
/// (RealNet/Security/PeerIdentity.cs); the simulator's <see cref="StructuralIdentity"/> signs nothing.
/// <para>Contract: <see cref="VerifyGossip"/> is true only for a signature that <see cref="SignGossip"/>
/// of the holder of <c>origin</c>'s key made over the same message; both are pure.</para>
/// </summary>
public interface IPeerIdentity : ISeedIdentity
{
    /// <summary>This node's signature on a gossip message it creates: its id and creation time.</summary>
    byte[] SignGossip(MessageId id, TimeSpan createdAt);

    /// <summary>Whether <paramref name="signature"/> is the signature of <paramref name="origin"/>'s key holder on that message.</summary>
    bool VerifyGossip(NodeKey? origin, MessageId id, TimeSpan createdAt, ReadOnlySpan<byte> signature);

    /// <summary>
    /// Whether the binding of <paramref name="member"/> to <paramref name="key"/> was verified
    /// before (a bounded memory, so a busy origin's certificate is checked once, not per message).
    /// </summary>
    bool Knows(PeerId member, NodeKey? key);

    /// <summary>Remembers a binding whose certificate verified.</summary>
    void Learn(PeerId member, NodeKey? key);

    /// <summary>
    /// A seed of the list answered over a connection that proved <paramref name="key"/>: its votes
    /// in certificates are checked against that key when the seed list pins none. Once a peer has
    /// heard from a majority of seeds (its registration), every majority of votes includes one it
    /// can check, so no certificate can be made up without a seed's key.
    /// </summary>
    void SeedProved(NodeAddress seed, NodeKey key);

    /// <summary>
    /// Seed <paramref name="seed"/>, over a connection that proved <paramref name="key"/>, vouches for the seeds' keys it knows
    /// (<paramref name="vouched"/>). An unpinned seed's key is taken only once a majority of the seed list vouches for the same
    /// key (each seed's own key counts as its word for itself), so one squatter on a crashed seed's address is one voice and
    /// cannot bind its key, nor keep the real seed out once the others have spoken.
    /// </summary>
    void SeedsVouch(NodeAddress seed, NodeKey key, SeedKey[] vouched) { }

    /// <summary>
    /// A fresh challenge for the witnesses of a suspicion round (never 0): the suspect must sign it for a witness's
    /// "reachable" to count. A real peer draws it from a cryptographic generator, so nobody can sign it before the round.
    /// </summary>
    long NewChallenge(long queryId);

    /// <summary>This node's (<paramref name="self"/>) signed ack of a witness probe's <paramref name="challenge"/>.</summary>
    byte[] SignAck(NodeAddress self, long challenge);

    /// <summary>
    /// Whether <paramref name="ack"/> is <paramref name="suspect"/>'s signed ack of <paramref name="challenge"/>, under the key
    /// bound to the suspect's address (a neighbour's, from its certificate); false when no key is bound.
    /// </summary>
    bool VerifyAck(NodeAddress suspect, long challenge, ReadOnlySpan<byte> ack);
}

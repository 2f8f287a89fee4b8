using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

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
}

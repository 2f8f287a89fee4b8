using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Vocabulary;

/// <summary>
/// A member's proof that the seeds admitted it: the proof of the committed add binding its address
/// to its key (a majority of seeds' signed votes), and the incarnation admitted. The address is the one
/// it is presented for (a link's sender, a gossip's origin), so it proves nothing for anyone else.
/// It counts only with its <see cref="Renewal"/>, a seed's signed word that the incarnation is live
/// until a time, so a removed member cannot speak on. A 24-byte value; the simulator shares proofs.
/// </summary>
public readonly record struct MembershipCertificate(long Incarnation, CommitProof? Proof, CertificateRenewal? Renewal = null)
{
    public static MembershipCertificate None => default;

    public bool IsNone => Proof is null;

    /// <summary>The key the member proved when it registered (null in the simulator).</summary>
    public NodeKey? Key => Proof?.PeerKey;

    /// <summary>The operation the votes signed, for <paramref name="member"/>.</summary>
    public MembershipOp AddOf(NodeAddress member) => new(MembershipChange.Add, new PeerId(member, Incarnation));

    /// <summary>The same certificate with a newer renewal.</summary>
    public MembershipCertificate RenewedBy(CertificateRenewal renewal) => this with { Renewal = renewal };
}

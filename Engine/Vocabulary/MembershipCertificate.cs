using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Vocabulary;

/// <summary>
/// A member's proof that the seeds admitted it: the proof of the committed add that bound its
/// address to its key (the key, and the signed yes votes of a majority of seeds over the add
/// and that key), and the incarnation that add admitted. The address is not in it: it is the
/// address it is presented for (a link's sender, a gossip's origin), so a certificate proves
/// nothing for anyone else. A seed hands it to the registrant with its acceptance; the member
/// shows it with its link requests and replies and with every gossip it creates. It counts only
/// with its <see cref="Renewal"/>: a seed's signed word, handed out with each refresh, that the
/// incarnation is live until a time (issue 30: a certificate that never expired let a removed
/// member speak on). A value, 24 bytes, sharing its proof: the simulator shares one proof per set of voters.
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

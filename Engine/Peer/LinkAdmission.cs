using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;

namespace GossipSim.Engine.Peer;

/// <summary>
/// Who may become and stay a neighbour, and what a neighbour may make this peer hold: a link
/// is made only with a node whose membership certificate proves the key its connection proved,
/// and that key is then bound to its address (only it may speak for that address here); a
/// link request is accepted up to <see cref="Config.PeerConfig.MaxNeighbours"/>, and the
/// requester is checked with a seed, which answers only when it is not a live member (the link is
/// then dropped); a certificate counts only while a seed's renewal of it runs and this peer holds
/// no removal of its incarnation (<see cref="CertificateStanding"/>). The same check of a
/// certificate serves <see cref="GossipRelay"/>, for the origin of each new message.
/// </summary>
internal struct LinkAdmission
{
    private readonly PeerNode _peer; // the peer this part is held in: its siblings are reached through it
    private readonly ref PeerSelf Self => ref _peer.Self;
    private readonly ref Neighbourhood Neighbours => ref _peer.Neighbourhood;
    private readonly ref Joiner Joiner => ref _peer.Joiner;
    private readonly ref RemovalWatch Removals => ref _peer.Removals;

    public LinkAdmission(PeerNode peer) => _peer = peer;


    private long _linksRefused;

    /// <summary>Link requests and acceptances refused for a certificate that does not prove the sender's key.</summary>
    public long LinksRefused => _linksRefused;

    /// <summary>
    /// Accepts the link request of a stranger whose certificate proves it, if there is room and
    /// this peer holds its own certificate to show, and asks a seed that accepted this peer
    /// whether the stranger is still a member; refuses it (with a reply) otherwise.
    /// </summary>
    public bool AdmitLink(NodeAddress from, LinkRequest m)
    {
        if (Joiner.Certificate.IsNone)
        {
            // Listed at a seed before its answer arrived: it could not prove itself to the requester, which would close the link.
            Self.Ctx.Send(from, new LinkReply(false, Self.Life));
            return false;
        }
        if (CertificateRefusal(from, m.Certificate, m.SenderKey) is { } why)
        {
            _linksRefused++;
            Self.RejectInput($"refused the link request of {from}: {why}");
            Self.Ctx.Send(from, new LinkReply(false, Self.Life));
            return false;
        }
        if (Neighbours.Count >= Self.Config.MaxNeighbours)
        {
            Self.RejectInput($"refused the link request of {from}: at the cap of {Self.Config.MaxNeighbours} neighbours");
            Self.Ctx.Send(from, new LinkReply(false, Self.Life));
            return false;
        }
        if (Joiner.AcceptedCount > 0) Self.Ctx.Send(Joiner.AcceptedSeed(0), new MemberQuery(from));
        return true;
    }

    /// <summary>A peer that accepted our link request is linked only when its certificate proves it; otherwise the link is
    /// closed.</summary>
    public bool AdmitAcceptor(NodeAddress from, LinkReply m)
    {
        if (CertificateRefusal(from, m.Certificate, m.SenderKey) is not { } why) return true;
        _linksRefused++;
        Self.RejectInput($"refused the link acceptance of {from}: {why}");
        Self.Ctx.Send(from, new LinkClose());
        return false;
    }

    /// <summary>
    /// Null when <paramref name="certificate"/> proves that <paramref name="member"/> was admitted
    /// with the key <paramref name="proven"/> (<see cref="CertificateCheck"/>); otherwise why not.
    /// A binding that verified once is remembered by the identity, so a busy origin costs one check.
    /// </summary>
    private string? CertificateRefusal(NodeAddress member, in MembershipCertificate certificate, NodeKey? proven) =>
        CertificateRefusal(member, certificate, proven, out _);

    public string? CertificateRefusal(NodeAddress member, in MembershipCertificate certificate, NodeKey? proven,
        out CertificateVerdict verdict)
    {
        var admitted = new PeerId(member, certificate.Incarnation);
        verdict = CertificateVerdict.Valid;
        if (certificate.IsNone || !Equals(certificate.Key, proven) || !Self.Identity.Knows(admitted, proven))
        {
            verdict = CertificateCheck.Decide(member, certificate, proven, Self.Seeds, Self.Identity, out var why);
            if (verdict != CertificateVerdict.Valid) return why;
            Self.Identity.Learn(admitted, proven);
        }
        // A proven add is not enough: the member must still be one (issue 30).
        var standing = CertificateStanding.Decide(member, certificate, Self.Ctx.Now, Removals.RemovedUpTo(member), Self.Seeds,
            Self.Identity, out var lapse);
        if (standing == Standing.Current) return null;
        verdict = standing == Standing.RenewalFails ? CertificateVerdict.VotesFail : CertificateVerdict.Lapsed;
        return lapse;
    }

    public void OnNotAMember(NodeAddress seed, NotAMember m)
    {
        if (!Neighbours.Contains(m.Peer)) return;
        Neighbours.RemoveNeighbour(m.Peer, "not a member");
        Self.Ctx.Send(m.Peer, new LinkClose());
        Self.Log($"seed {seed} says neighbour {m.Peer} is not a registered member; dropped its link");
    }
}

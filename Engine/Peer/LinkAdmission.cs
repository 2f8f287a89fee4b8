using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// Who may become and stay a neighbour: a node whose membership certificate proves the key its connection proved (that key then
/// bound to its address), up to <see cref="Config.PeerConfig.MaxNeighbours"/>, checked with a seed (which answers only a non-member:
/// the link is dropped); a certificate counts only while a seed's renewal runs and no removal of its incarnation is held here
/// (<see cref="CertificateStanding"/>). <see cref="GossipRelay"/> checks each new message's origin the same way.
/// </summary>
internal struct LinkAdmission
{
    // Keeps no reference to its peer: a call that needs the peer or a sibling part is handed it
    // (see PeerNode).
    public LinkAdmission() { }

    private int _linksRefused; // counts: an int each keeps the part 8 bytes in every peer

    /// <summary>Link requests and acceptances refused for a certificate that does not prove the sender's key.</summary>
    public long LinksRefused => _linksRefused;

    /// <summary>
    /// Accepts the link request of a stranger whose certificate proves it, if there is room and
    /// this peer holds its own certificate to show, and asks a seed that accepted this peer
    /// whether the stranger is still a member; refuses it (with a reply) otherwise.
    /// </summary>
    public bool AdmitLink(PeerNode peer, NodeAddress from, LinkRequest m) =>
        AdmitLink(peer, from, m.Certificate, m.SenderKey, peer.Neighbourhood.Count >= peer.Self.Config.MaxNeighbours
            ? $"at the cap of {peer.Self.Config.MaxNeighbours} neighbours" : null);

    /// <summary>The same for any request to link: <paramref name="noRoom"/> is why there is no room for it (null: there is).</summary>
    public bool AdmitLink(PeerNode peer, NodeAddress from, in MembershipCertificate certificate, NodeKey? senderKey, string? noRoom)
    {
        if (peer.Joiner.Certificate.IsNone)
        {
            // Listed at a seed before its answer arrived: it could not prove itself to the requester, which would close the link.
            peer.Self.Ctx.Send(from, new LinkReply(false, peer.Self.Life));
            return false;
        }
        if (CertificateRefusal(peer, from, certificate, senderKey) is { } why)
        {
            _linksRefused++;
            peer.Self.RejectInput($"refused the link request of {from}: {why}");
            peer.Self.Ctx.Send(from, new LinkReply(false, peer.Self.Life));
            return false;
        }
        if (noRoom != null)
        {
            peer.Self.RejectInput($"refused the link request of {from}: {noRoom}");
            peer.Self.Ctx.Send(from, new LinkReply(false, peer.Self.Life));
            return false;
        }
        if (peer.Joiner.AcceptedCount > 0) peer.Self.SendToSeed(peer.Joiner.AcceptedSeed(peer, 0), new MemberQuery(from));
        return true;
    }

    private int _unsolicitedAcceptances;

    /// <summary>Link acceptances that answered no request of this peer's (ignored, and the link closed).</summary>
    public long UnsolicitedAcceptances => _unsolicitedAcceptances;

    /// <summary>
    /// An acceptance of a link this peer never asked for (or whose answer it no longer awaits): not a link. Acted on, it let an
    /// insider fill a classic peer past its cap and take a HyParView peer's whole active view by dropping its honest links
    /// (docs/security.md, HyParView). The sender is told the link is closed, so an honest one that answered very late holds no
    /// half of a link.
    /// </summary>
    public void RefuseUnsolicited(PeerNode peer, NodeAddress from)
    {
        _unsolicitedAcceptances++;
        peer.Self.RejectInput($"ignored a link acceptance from {from}: no link request to it is out");
        peer.Self.Ctx.Send(from, new LinkClose());
    }

    /// <summary>A peer that accepted our link request is linked only when its certificate proves it; otherwise the link is
    /// closed.</summary>
    public bool AdmitAcceptor(PeerNode peer, NodeAddress from, LinkReply m)
    {
        if (CertificateRefusal(peer, from, m.Certificate, m.SenderKey) is not { } why) return true;
        _linksRefused++;
        peer.Self.RejectInput($"refused the link acceptance of {from}: {why}");
        peer.Self.Ctx.Send(from, new LinkClose());
        return false;
    }

    /// <summary>
    /// Null when <paramref name="certificate"/> proves that <paramref name="member"/> was admitted
    /// with the key <paramref name="proven"/> (<see cref="CertificateCheck"/>); otherwise why not.
    /// A binding that verified once is remembered by the identity, so a busy origin costs one check.
    /// </summary>
    private string? CertificateRefusal(PeerNode peer, NodeAddress member, in MembershipCertificate certificate, NodeKey? proven) =>
        CertificateRefusal(peer, member, certificate, proven, out _);

    public string? CertificateRefusal(PeerNode peer, NodeAddress member, in MembershipCertificate certificate, NodeKey? proven,
        out CertificateVerdict verdict)
    {
        var admitted = new PeerId(member, certificate.Incarnation);
        verdict = CertificateVerdict.Valid;
        if (certificate.IsNone || !Equals(certificate.Key, proven) || !peer.Self.Identity.Knows(admitted, proven))
        {
            verdict = CertificateCheck.Decide(member, certificate, proven, peer.Self.Seeds, peer.Self.LearnedSets, peer.Self.Identity,
                out var why);
            if (verdict != CertificateVerdict.Valid) return why;
            peer.Self.Identity.Learn(admitted, proven);
        }
        // A proven add is not enough: the member must still be one, or a removed member would keep its voice.
        var standing = CertificateStanding.Decide(member, certificate, peer.Self.Ctx.Now, peer.Removals.RemovedUpTo(member), peer.Self.Seeds,
            peer.Self.LearnedSets, peer.Self.Identity, out var lapse);
        if (standing == Standing.Current) return null;
        // A renewal from a seed this peer does not know may come from a seed voted in by a change it has not learned yet.
        if (standing == Standing.NotASeed) peer.AskForSeedSetSteps();
        verdict = standing == Standing.RenewalFails ? CertificateVerdict.VotesFail : CertificateVerdict.Lapsed;
        return lapse;
    }

    public void OnNotAMember(PeerNode peer, NodeAddress seed, NotAMember m)
    {
        if (!peer.Neighbourhood.Contains(m.Peer)) return;
        bool own = peer.Neighbourhood.RemoveNeighbour(peer, m.Peer, "not a member");
        peer.Self.Ctx.Send(m.Peer, new LinkClose());
        peer.Self.Log($"seed {seed} says neighbour {m.Peer} is not a registered member; dropped its link");
        peer.Linker.LinkDown(peer, m.Peer, Roles.LinkEnd.NotAMember, own);
    }
}

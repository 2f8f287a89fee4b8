using GossipSim.Engine.Core;
using GossipSim.Engine.Gossip;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;

namespace GossipSim.Engine.Peer;

/// <summary>
/// Who may become and stay a neighbour, and what a neighbour may make this peer hold: a link
/// is made only with a node whose membership certificate proves the key its connection proved,
/// and that key is then bound to its address (only it may speak for that address here); a
/// link request is accepted up to <see cref="Config.PeerConfig.MaxNeighbours"/>, and the
/// requester is checked with a seed, which answers only when it is not a live member (the link is
/// then dropped); a certificate counts only while a seed's renewal of it runs and this peer holds
/// no removal of its incarnation (<see cref="CertificateStanding"/>); gossip is taken only from
/// neighbours, within the protocol's bounds, and only as its origin signed it.
/// </summary>
public sealed partial class PeerNode
{
    private long _gossipRejected;
    private long _gossipForged;
    private long _gossipUnchecked;
    private long _linksRefused;
    private LogThrottle? _rejectedInputLog;
    // Made on the first forgery (the simulator has none): the honest path pays one null check.
    private ForgedGossipMemory? _forgedSeen;
    private ForgeryBudgets? _forgers;

    /// <summary>Gossip this peer dropped as out of bounds, from a non-neighbour, or not signed by its origin.</summary>
    public long GossipRejected => _gossipRejected;

    /// <summary>Of <see cref="GossipRejected"/>, the messages whose origin's certificate or signature did not verify, and copies of one that did not.</summary>
    public long GossipForged => _gossipForged;

    /// <summary>Of <see cref="GossipRejected"/>, the messages dropped unchecked from a neighbour whose forgeries used up its budget (<see cref="ForgeryBudgets"/>).</summary>
    public long GossipUnchecked => _gossipUnchecked;

    /// <summary>Link requests and acceptances refused for a certificate that does not prove the sender's key.</summary>
    public long LinksRefused => _linksRefused;

    /// <summary>
    /// Accepts the link request of a stranger whose certificate proves it, if there is room and
    /// this peer holds its own certificate to show, and asks a seed that accepted this peer
    /// whether the stranger is still a member; refuses it (with a reply) otherwise.
    /// </summary>
    private bool AdmitLink(NodeAddress from, LinkRequest m)
    {
        if (_certificate.IsNone)
        {
            // Listed at a seed before its answer arrived: it could not prove itself to the requester, which would close the link.
            Ctx.Send(from, new LinkReply(false, _life));
            return false;
        }
        if (CertificateRefusal(from, m.Certificate, m.SenderKey) is { } why)
        {
            _linksRefused++;
            RejectInput($"refused the link request of {from}: {why}");
            Ctx.Send(from, new LinkReply(false, _life));
            return false;
        }
        if (_neighbours.Count >= _config.MaxNeighbours)
        {
            RejectInput($"refused the link request of {from}: at the cap of {_config.MaxNeighbours} neighbours");
            Ctx.Send(from, new LinkReply(false, _life));
            return false;
        }
        if (_acceptedSeeds.Count > 0) Ctx.Send(_seeds[_acceptedSeeds[0]], new MemberQuery(from));
        return true;
    }

    /// <summary>A peer that accepted our link request is linked only when its certificate proves it; otherwise the link is closed.</summary>
    private bool AdmitAcceptor(NodeAddress from, LinkReply m)
    {
        if (CertificateRefusal(from, m.Certificate, m.SenderKey) is not { } why) return true;
        _linksRefused++;
        RejectInput($"refused the link acceptance of {from}: {why}");
        Ctx.Send(from, new LinkClose());
        return false;
    }

    /// <summary>
    /// Null when <paramref name="certificate"/> proves that <paramref name="member"/> was admitted
    /// with the key <paramref name="proven"/> (<see cref="CertificateCheck"/>); otherwise why not.
    /// A binding that verified once is remembered by the identity, so a busy origin costs one check.
    /// </summary>
    private string? CertificateRefusal(NodeAddress member, in MembershipCertificate certificate, NodeKey? proven) =>
        CertificateRefusal(member, certificate, proven, out _);

    private string? CertificateRefusal(NodeAddress member, in MembershipCertificate certificate, NodeKey? proven, out CertificateVerdict verdict)
    {
        var admitted = new PeerId(member, certificate.Incarnation);
        verdict = CertificateVerdict.Valid;
        if (certificate.IsNone || !Equals(certificate.Key, proven) || !_identity.Knows(admitted, proven))
        {
            verdict = CertificateCheck.Decide(member, certificate, proven, _seeds, _identity, out var why);
            if (verdict != CertificateVerdict.Valid) return why;
            _identity.Learn(admitted, proven);
        }
        // A proven add is not enough: the member must still be one (issue 30).
        var standing = CertificateStanding.Decide(member, certificate, Ctx.Now, RemovedUpTo(member), _seeds, _identity, out var lapse);
        if (standing == Standing.Current) return null;
        verdict = standing == Standing.RenewalFails ? CertificateVerdict.VotesFail : CertificateVerdict.Lapsed;
        return lapse;
    }

    /// <summary>
    /// Whether a new gossip message is its origin's: the origin's certificate proves its key, and
    /// that key signed the message. Otherwise it is dropped, counted and logged (throttled): a
    /// neighbour cannot make up messages in another member's name. A forgery costs a check once:
    /// a copy of one already refused is dropped as it is (<see cref="ForgedGossipMemory"/>), and a
    /// neighbour whose forgeries used up its budget has its gossip dropped unchecked (<see cref="ForgeryBudgets"/>).
    /// </summary>
    private bool FromItsOrigin(NodeAddress from, Messages.Gossip m)
    {
        var origin = m.OriginCertificate;
        byte[] signature = m.Signature ?? [];
        if (_forgedSeen != null && _forgedSeen.Contains(m.Id, m.CreatedAt, origin.Key, signature))
        {
            _gossipRejected++;
            _gossipForged++;
            RejectInput($"dropped gossip {m.Id} from {from}: a copy of a forgery already refused");
            return false;
        }
        if (_forgers != null && !_forgers.MayCheck(from, Ctx.Now))
        {
            _gossipRejected++;
            _gossipUnchecked++; // counted; the moment its budget ran out was logged
            return false;
        }
        string? why = CertificateRefusal(m.Id.Origin, origin, origin.Key, out var verdict);
        // What cost a signature check: the seeds' votes in a certificate, or the origin's signature.
        bool costly = verdict == CertificateVerdict.VotesFail;
        if (why == null && !_identity.VerifyGossip(origin.Key, m.Id, m.CreatedAt, signature))
        {
            why = "its origin's signature does not verify";
            costly = true;
            // Only a signature is remembered: its check has no other input, while a certificate's depends on the seeds' keys this peer knows.
            (_forgedSeen ??= new ForgedGossipMemory()).Add(m.Id, m.CreatedAt, origin.Key, signature);
        }
        if (why == null) return true;
        _gossipRejected++;
        _gossipForged++;
        RejectInput($"dropped gossip {m.Id} from {from}: not its origin's ({why})");
        if (costly && (_forgers ??= new ForgeryBudgets()).Charge(from, Ctx.Now))
            RejectInput($"{from} keeps relaying forged gossip: its gossip is dropped unchecked while it goes on (one message a second is still checked)");
        return false;
    }

    private void OnNotAMember(NodeAddress seed, NotAMember m)
    {
        if (!_neighbours.Contains(m.Peer)) return;
        RemoveNeighbour(m.Peer, "not a member");
        Ctx.Send(m.Peer, new LinkClose());
        Log($"seed {seed} says neighbour {m.Peer} is not a registered member; dropped its link");
    }

    /// <summary>Whether to take a gossip message (<see cref="GossipAdmission"/>); a refusal is counted and logged, throttled.</summary>
    private bool AcceptsGossip(NodeAddress from, Messages.Gossip m, int neighbourAt, TimeSpan now)
    {
        var verdict = GossipAdmission.Decide(neighbourAt >= 0 || IsPendingLink(from), m.Id.Number, _config.MessagesPerPeer, m.CreatedAt, now, _config.MessageListTtl);
        if (verdict == GossipVerdict.Take) return true;
        if (verdict == GossipVerdict.TooOld) return false; // as R10 always did: quietly
        _gossipRejected++;
        string why = verdict switch
        {
            GossipVerdict.NotFromANeighbour => "not a neighbour",
            GossipVerdict.NumberOutOfRange => $"message number outside 1..{_config.MessagesPerPeer}",
            _ => "created in the future",
        };
        RejectInput($"dropped gossip {m.Id} from {from}: {why}");
        return false;
    }

    /// <summary>
    /// A line about input this peer refused: a burst per second, then a count, written by a timer
    /// once the second is over (set only when a line was held), so a flood that stops is counted too.
    /// </summary>
    private void RejectInput(string line)
    {
        _rejectedInputLog ??= new LogThrottle(Log, burst: 20, "refused inputs", () => (long)Ctx.Now.TotalMilliseconds);
        if (_rejectedInputLog.Line(line))
            Ctx.SetTimer(TimeSpan.FromMilliseconds(_rejectedInputLog.MsUntilWindowEnds), new TimerTag(TimerKind.HeldOutputFlush));
    }
}

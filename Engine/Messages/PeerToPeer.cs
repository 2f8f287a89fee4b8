using GossipSim.Engine.Collections;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Trust;

namespace GossipSim.Engine.Messages;

/// <summary>
/// A newcomer (or a re-attaching peer) asks to become a neighbour, showing its membership
/// certificate, which the acceptor checks against the key the request's connection proved.
/// </summary>
public sealed record LinkRequest(long Incarnation, MembershipCertificate Certificate = default) : Message, IProvenSender
{
    public override MessageKind Kind => MessageKind.LinkRequest;
    public NodeKey? SenderKey { get; init; }
    public Message WithSenderKey(NodeKey? key) => this with { SenderKey = key };
}

/// <summary>The answer to a link request; an acceptance shows the acceptor's certificate, checked like the request's.</summary>
public sealed record LinkReply(bool Accepted, long Incarnation, MembershipCertificate Certificate = default) : Message, IProvenSender
{
    public override MessageKind Kind => MessageKind.LinkReply;
    public NodeKey? SenderKey { get; init; }
    public Message WithSenderKey(NodeKey? key) => this with { SenderKey = key };
}

/// <summary>The sender drops the link (it is leaving, or it was told the receiver is dead).</summary>
public sealed record LinkClose() : Message
{
    public override MessageKind Kind => MessageKind.LinkClose;
}

/// <summary>
/// Identity of a gossip message: origin and its per-origin number. The text of R9 is built
/// from it only when something logs it.
/// </summary>
public readonly record struct MessageId(NodeAddress Origin, int Number)
{
    public override string ToString() => $"{Origin}#{Number}";
}

/// <summary>
/// R9/R10: a gossip message. <see cref="CreatedAt"/> is the origin's clock at creation;
/// <see cref="Hops"/> counts links crossed so far (1 at the first neighbour). The origin
/// signs its id and creation time (<see cref="Signature"/>) and shows its membership
/// certificate (<see cref="OriginCertificate"/>), so a receiver takes a message only from the
/// member it names, whoever relays it; both travel unchanged from hop to hop (references).
/// </summary>
public sealed record Gossip(MessageId Id, TimeSpan CreatedAt, int Hops, bool TextHasPort, byte[]? Signature = null,
    MembershipCertificate OriginCertificate = default) : Message
{
    public override MessageKind Kind => MessageKind.Gossip;

    /// <summary>R9's text: &lt;timestamp&gt;:&lt;IP&gt;:&lt;Msg#&gt;, with the port after the IP where peers share an IP.</summary>
    public string Text => GossipText.Format(CreatedAt, Id, TextHasPort);
}

public static class GossipText
{
    public static string Format(TimeSpan createdAt, MessageId id, bool withPort)
    {
        string ts = createdAt.TotalSeconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
        return withPort ? $"{ts}:{id.Origin.IpText}:{id.Origin.Port}:{id.Number}" : $"{ts}:{id.Origin.IpText}:{id.Number}";
    }
}

/// <summary>Application-level liveness probe (R11): answered by the node itself, over its own connection.</summary>
public sealed record Ping(long Nonce) : Message
{
    public override MessageKind Kind => MessageKind.Ping;
}

/// <summary>
/// Answer to a ping. Carries a small random sample of the responder's neighbours, so a peer
/// that later suspects it knows whom to ask (R11) without any extra round trip. A snapshot:
/// the pinger keeps it, and it shares nothing the responder may change.
/// </summary>
public sealed record Pong(long Nonce, long Incarnation, AddressSnapshot NeighbourSample) : Message
{
    public override MessageKind Kind => MessageKind.Pong;
}

/// <summary>R11: "can you reach this suspect?" sent to the suspect's other neighbours.</summary>
public sealed record SuspectQuery(NodeAddress Suspect, long QueryId) : Message
{
    public override MessageKind Kind => MessageKind.SuspectQuery;
}

public sealed record SuspectReply(NodeAddress Suspect, long QueryId, bool Reachable) : Message
{
    public override MessageKind Kind => MessageKind.SuspectReply;
}

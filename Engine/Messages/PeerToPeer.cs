using GossipSim.Engine.Collections;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

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

/// <summary>
/// Application-level liveness probe (R11): answered by the node itself, over its own connection. A witness probing a suspect
/// for another peer passes on that peer's <see cref="Challenge"/> (0: none), which the suspect signs in its pong, so the asker
/// can tell a witness that heard from the suspect from one that only says so.
/// </summary>
public sealed record Ping(long Nonce, long Challenge = 0) : Message
{
    public override MessageKind Kind => MessageKind.Ping;
}

/// <summary>
/// Answer to a ping. Carries a small random sample of the responder's neighbours, so a peer
/// that later suspects it knows whom to ask (R11) without any extra round trip. A snapshot:
/// the pinger keeps it, and it shares nothing the responder may change. <see cref="Ack"/> is the responder's signature over the
/// ping's challenge (<see cref="Trust.IPeerIdentity.SignAck"/>; empty when the ping carried none).
/// </summary>
public sealed record Pong(long Nonce, long Incarnation, AddressSnapshot NeighbourSample, byte[]? Ack = null) : Message
{
    public override MessageKind Kind => MessageKind.Pong;
}

/// <summary>
/// R11 (and SWIM's ping-req): "can you reach this suspect?" sent to the suspect's other neighbours, with a fresh
/// <see cref="Challenge"/> the suspect must sign for a "reachable" to count.
/// </summary>
public sealed record SuspectQuery(NodeAddress Suspect, long QueryId, long Challenge = 0) : Message
{
    public override MessageKind Kind => MessageKind.SuspectQuery;
}

/// <summary>
/// A witness's answer. "Reachable" carries the suspect's signed ack of the query's challenge (<see cref="Pong.Ack"/>): without
/// one that verifies under the suspect's key the asker does not take it, so one lying witness cannot keep a dead peer listed.
/// </summary>
public sealed record SuspectReply(NodeAddress Suspect, long QueryId, bool Reachable, byte[]? Ack = null) : Message
{
    public override MessageKind Kind => MessageKind.SuspectReply;
}

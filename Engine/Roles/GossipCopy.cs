using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Roles;

/// <summary>
/// One copy of a gossip message at a peer, as its broadcast sees it: the message (signed by its origin, with the hop count it
/// goes on with), where it came from, and the link it came on.
/// </summary>
public readonly struct GossipCopy(Messages.Gossip message, NodeAddress from, int fromLink)
{
    /// <summary>The message as it is sent on: its hop count already counts the hop to the next peer.</summary>
    public Messages.Gossip Message { get; } = message;

    /// <summary>The neighbour it came from; <see cref="NodeAddress.None"/> for a message this peer created.</summary>
    public NodeAddress From { get; } = from;

    /// <summary>The position of <see cref="From"/> in <see cref="BroadcastContext.Neighbours"/>; -1 for this peer's own message
    /// (or a copy that came on a link still being made).</summary>
    public int FromLink { get; } = fromLink;

    public MessageId Id => Message.Id;

    /// <summary>The origin's membership incarnation: with <see cref="Id"/>, what names the message (a rejoined origin numbers anew).</summary>
    public long Incarnation => Message.OriginCertificate.Incarnation;
}

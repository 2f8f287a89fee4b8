using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Plumtree;

/// <summary>
/// Plumtree's lazy push: "I have this message" on a link that is not on the tree. The receiver that has not got the message by
/// <see cref="Config.PeerConfig.GraftTimeout"/> asks for it (<see cref="Graft"/>). <see cref="Hops"/> is the round of the paper:
/// the hops the message would have made had it come this way.
/// </summary>
public sealed record Ihave(MessageId Id, long Incarnation, int Hops) : Message
{
    public override MessageKind Kind => MessageKind.Ihave;
}

/// <summary>Plumtree: "send me this message, and from now on send me the payload": the link joins the tree.</summary>
public sealed record Graft(MessageId Id, long Incarnation) : Message
{
    public override MessageKind Kind => MessageKind.Graft;
}

/// <summary>Plumtree: "that copy was a duplicate: announce, do not send": the link leaves the tree.</summary>
public sealed record Prune() : Message
{
    /// <summary>The one a peer sends: a PRUNE carries nothing, and a duplicate makes one (5.8 million in sim-crash-hub-1k).</summary>
    public static readonly Prune Instance = new();

    public override MessageKind Kind => MessageKind.Prune;
}

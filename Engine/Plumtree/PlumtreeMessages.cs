using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Plumtree;

/// <summary>One announcement of Plumtree's lazy push: a message this peer has. <see cref="Hops"/> is the round of the paper: the hops
/// the message would have made had it come this way.</summary>
public readonly record struct Announcement(MessageId Id, long Incarnation, int Hops);

/// <summary>
/// Plumtree's lazy push: "I have these messages" on a link that is not on the tree, the announcements a peer's dispatch gathered for
/// this neighbour (<see cref="LazyQueue"/>). The receiver that has not got one of them by <see cref="Config.PeerConfig.GraftTimeout"/>
/// asks for it (<see cref="Graft"/>).
/// </summary>
public sealed record Ihave(Announcement[] Announcements) : Message
{
    /// <summary>Announcements one IHAVE carries at most: a dispatch cuts a longer queue into several, and one with more is refused
    /// whole (by the codec, and by a peer that was handed one).</summary>
    public const int MaxAnnouncements = 256;

    /// <summary>An IHAVE of one message.</summary>
    public Ihave(MessageId id, long incarnation, int hops) : this([new Announcement(id, incarnation, hops)]) { }

    public override MessageKind Kind => MessageKind.Ihave;

    // By content: a decoded IHAVE equals the one encoded (an array compares by reference).
    public bool Equals(Ihave? other) => other is not null && Announcements.AsSpan().SequenceEqual(other.Announcements);

    public override int GetHashCode() => Announcements.Length == 0 ? 0 : HashCode.Combine(Announcements.Length, Announcements[0]);
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

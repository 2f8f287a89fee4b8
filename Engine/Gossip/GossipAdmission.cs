using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Gossip;

/// <summary>What a peer does with a gossip message it receives, before looking it up.</summary>
public enum GossipVerdict : byte
{
    Take,
    /// <summary>Older than the Message List remembers: it could be a copy already forgotten (R10). Dropped quietly.</summary>
    TooOld,
    NotFromANeighbour,
    NumberOutOfRange,
    FromTheFuture,
}

/// <summary>
/// The gossip a peer takes: from a neighbour (or a link being set up), numbered 1 to
/// MessagesPerPeer (what an origin creates), created no further from the peer's own clock than
/// the Message List's time to live. Comparisons only: O(1), and no time arithmetic that a
/// forged creation time could overflow.
/// </summary>
public static class GossipAdmission
{
    public static GossipVerdict Decide(bool fromNeighbour, int number, int messagesPerPeer, TimeSpan createdAt,
        TimeSpan now, TimeSpan ttl) =>
        createdAt < now - ttl ? GossipVerdict.TooOld :
        !fromNeighbour ? GossipVerdict.NotFromANeighbour :
        number < 1 || number > messagesPerPeer ? GossipVerdict.NumberOutOfRange :
        createdAt > now + ttl ? GossipVerdict.FromTheFuture :
        GossipVerdict.Take;
}

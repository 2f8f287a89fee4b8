namespace GossipSim.Engine.Plumtree;

/// <summary>What a link carries under Plumtree: the payload (a tree link) or announcements only.</summary>
public enum LinkMode : byte
{
    Eager,
    Lazy,
}

/// <summary>What to do with an IHAVE.</summary>
public enum AnnouncementStep : byte
{
    /// <summary>The message is here already.</summary>
    Ignore,
    /// <summary>The first announcement of a missing message: note it and start the graft timer.</summary>
    StartTimer,
    /// <summary>Another announcer of a message already awaited: noted, to ask it if the first fails.</summary>
    Queue,
}

/// <summary>What to do when a missing message's timer fires.</summary>
public enum GraftStep : byte
{
    /// <summary>It arrived meanwhile.</summary>
    Done,
    /// <summary>Ask the next announcer (GRAFT), and look again after the retry time.</summary>
    Graft,
    /// <summary>Nobody left to ask: the message is given up (the flood's redundancy is what Plumtree trades away).</summary>
    GiveUp,
}

/// <summary>
/// Plumtree's decisions (Leitão, Pereira and Rodrigues, "Epidemic Broadcast Trees", SRDS 2007, Figure 2 and 3), as pure functions:
/// <see cref="PlumtreeGossip"/> holds the state and sends.
/// </summary>
public static class PlumtreeRules
{
    /// <summary>
    /// The mode of the link a payload came in on: the first copy's link joins the tree (eager), a duplicate's leaves it (lazy, and
    /// the sender is told with a PRUNE).
    /// </summary>
    public static LinkMode AfterPayload(bool firstReceipt) => firstReceipt ? LinkMode.Eager : LinkMode.Lazy;

    /// <summary>Whether a duplicate's sender is told to stop pushing (PRUNE): only when the link was on the tree.</summary>
    public static bool PruneOnDuplicate(LinkMode before) => before == LinkMode.Eager;

    /// <summary>An IHAVE for a message this peer has (<paramref name="received"/>), or already awaits (<paramref name="awaited"/>).</summary>
    public static AnnouncementStep OnAnnouncement(bool received, bool awaited) =>
        received ? AnnouncementStep.Ignore : awaited ? AnnouncementStep.Queue : AnnouncementStep.StartTimer;

    /// <summary>A missing message's timer fired: <paramref name="announcersLeft"/> still linked have not been asked yet.</summary>
    public static GraftStep OnTimer(bool received, int announcersLeft) =>
        received ? GraftStep.Done : announcersLeft > 0 ? GraftStep.Graft : GraftStep.GiveUp;

    /// <summary>What a forward sends on a link the message has not crossed: the payload on the tree, an IHAVE off it.</summary>
    public static bool SendsPayload(LinkMode mode) => mode == LinkMode.Eager;
}

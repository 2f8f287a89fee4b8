using GossipSim.Engine.Vocabulary;

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
/// <see cref="PlumtreeBroadcast"/> holds the state and sends.
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

    /// <summary>
    /// Whether another announcer of a message already awaited is noted: one noted before (waiting, or asked already) is not, nor one
    /// past <paramref name="maxAnnouncers"/> noted (<paramref name="noted"/> counts those asked). An honest neighbour announces a
    /// message once; one that announces it again after it was asked would be asked again and again, ahead of the others.
    /// </summary>
    public static bool NotesAnnouncer(bool notedBefore, int noted, int maxAnnouncers) => !notedBefore && noted < maxAnnouncers;

    /// <summary>
    /// Whether a GRAFT is answered with the payload: the message is kept and within its retention, and this neighbour has not had it
    /// on a GRAFT before. An honest neighbour asks for a message once; the payload for every repeat would cost this peer a message's
    /// bytes for each few bytes of GRAFT.
    /// </summary>
    public static bool AnswersGraft(bool kept, bool withinRetention, bool answeredBefore) => kept && withinRetention && !answeredBefore;

    /// <summary>A missing message's timer fired: <paramref name="announcersLeft"/> still linked have not been asked yet.</summary>
    public static GraftStep OnTimer(bool received, int announcersLeft) =>
        received ? GraftStep.Done : announcersLeft > 0 ? GraftStep.Graft : GraftStep.GiveUp;

    /// <summary>
    /// How long a missing message is awaited before its first GRAFT: the timeout, stretched by up to as much again by the peer's
    /// own draw <paramref name="draw"/> (0 to 1). Peers cut off together by a broken tree link hear IHAVEs at once: with one fixed
    /// timeout they all graft at once, and pruning the cycles those links make cuts the tree anew. Spread, the first graft repairs
    /// the tree and the payload reaches the others before their timers fire.
    /// </summary>
    public static TimeSpan GraftWait(TimeSpan timeout, double draw) => timeout + timeout * Math.Clamp(draw, 0, 1);

    /// <summary>
    /// A send to a neighbour failed: whether a missing message is asked of the next announcer now. Only when its outstanding GRAFT went
    /// to that neighbour (<paramref name="awaitedFromFailed"/>: the answer will not come) and another announcer is left; with none, its
    /// retry timer stays, as an announcer may still come before it fires (the paper's NeighborDown forgets the failed one's announcements).
    /// </summary>
    public static bool AsksAgainOnFailure(bool awaitedFromFailed, int announcersLeft) => awaitedFromFailed && announcersLeft > 0;

    /// <summary>Which announcer a GRAFT goes to: the first on the tree already (no new tree link), else the first to announce.</summary>
    public static int AnnouncerToAsk(ReadOnlySpan<LinkMode> announcers)
    {
        int onTree = announcers.IndexOf(LinkMode.Eager);
        return onTree >= 0 ? onTree : 0;
    }

    /// <summary>What a forward sends on a link the message has not crossed: the payload on the tree, an IHAVE off it.</summary>
    public static bool SendsPayload(LinkMode mode) => mode == LinkMode.Eager;
}

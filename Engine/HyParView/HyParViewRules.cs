using GossipSim.Engine.Roles;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.HyParView;

/// <summary>What a peer does with a FORWARDJOIN.</summary>
public enum ForwardJoinStep
{
    /// <summary>The walk ends here: link to the newcomer.</summary>
    Link,
    /// <summary>Keep the newcomer in the passive view, and pass the walk on.</summary>
    KeepAndForward,
    /// <summary>Pass the walk on to a random other link.</summary>
    Forward,
}

/// <summary>Where room is made for a new link in the active view (<see cref="HyParViewRules.RoomFor"/>).</summary>
public enum RoomFrom
{
    /// <summary>The view has room: nothing is dropped.</summary>
    NoneNeeded,
    /// <summary>Any link but the newcomer's (the paper's rule).</summary>
    AnyLink,
    /// <summary>Only a link made on another's word, never one this peer chose.</summary>
    OthersLinks,
    /// <summary>No room may be made: the new link is refused.</summary>
    Refused,
}

/// <summary>
/// HyParView's decisions (Leitão, Pereira and Rodrigues, DSN 2007, section 4), pure: the numbers in, the step out. The peer's glue is
/// <c>Peer/Linker.HyParView.cs</c>, the passive view <see cref="PassiveView"/>.
/// </summary>
public static class HyParViewRules
{
    /// <summary>A FORWARDJOIN with <paramref name="ttl"/> steps left, at a peer with <paramref name="links"/> links: the walk ends at
    /// step 0 or at a peer whose only link is the one it came on; at the passive walk's step the newcomer is kept passive.</summary>
    public static ForwardJoinStep OnForwardJoin(int ttl, int links, int passiveWalk) =>
        ttl <= 0 || links <= 1 ? ForwardJoinStep.Link
        : ttl == passiveWalk ? ForwardJoinStep.KeepAndForward
        : ForwardJoinStep.Forward;

    /// <summary>
    /// The JOIN's contact: drawn uniformly among the candidates the seeds know to be linked (degree 1 or more), so a newcomer joins
    /// the overlay, not another newcomer (two newcomers that drew each other would be linked only to each other, for good); among
    /// all of them while none is linked yet (the first peers). -1 when there is no candidate.
    /// </summary>
    public static int ContactOf(IReadOnlyList<int> degrees, Rng rng)
    {
        int linked = 0;
        foreach (int d in degrees) if (d > 0) linked++;
        if (linked == 0) return degrees.Count == 0 ? -1 : rng.NextInt(degrees.Count);
        int pick = rng.NextInt(linked);
        for (int i = 0; i < degrees.Count; i++)
            if (degrees[i] > 0 && pick-- == 0) return i;
        throw new InvalidOperationException("unreachable: a linked candidate was counted");
    }

    /// <summary>Whether a JOIN is refused: the peer asked is itself still joining (its own JOIN unanswered), so it is not in the
    /// overlay to walk the newcomer into; the newcomer asks a passive peer instead.</summary>
    public static bool RefusesJoin(NeighbourAsk ask, bool ownJoinPending) => ask == NeighbourAsk.Join && ownJoinPending;

    /// <summary>Whether a request to link is accepted: a JOIN, a FORWARDJOIN's end and a peer with no link left always are (room is
    /// made); a low-priority one only while the active view has room.</summary>
    public static bool Accepts(NeighbourAsk ask, int links, int activeSize) => ask != NeighbourAsk.Low || links < activeSize;

    /// <summary>
    /// Where room is made for a new link at a peer with <paramref name="links"/> links, <paramref name="others"/> of them made on
    /// another's word. A link this peer <paramref name="chose"/> takes free room, else the place of a link on another's word, else
    /// of any (the paper's). A link on another's word takes free room while such links hold fewer than the view less
    /// <paramref name="ownSeats"/>; otherwise only an <paramref name="urgent"/> one (a JOIN, a FORWARDJOIN's end, a NEIGHBOR from a
    /// peer with no link left) is taken, in the place of another link on another's word; with no seats kept, of any link (the
    /// paper's). So however often insiders ask, links this peer chose stay, and others' word holds the view less
    /// <paramref name="ownSeats"/> at most.
    /// </summary>
    public static RoomFrom RoomFor(bool chose, bool urgent, int links, int others, int activeSize, int ownSeats)
    {
        if (chose) return links < activeSize ? RoomFrom.NoneNeeded : others > 0 && ownSeats > 0 ? RoomFrom.OthersLinks : RoomFrom.AnyLink;
        if (links < activeSize && others < activeSize - ownSeats) return RoomFrom.NoneNeeded;
        if (!urgent) return RoomFrom.Refused;
        if (ownSeats == 0) return links < activeSize ? RoomFrom.NoneNeeded : RoomFrom.AnyLink;
        return others > 0 ? RoomFrom.OthersLinks : RoomFrom.Refused;
    }

    /// <summary>Whether a peer with <paramref name="links"/> links, <paramref name="others"/> of them on another's word, asks a passive
    /// peer to link at its shuffle's tick to fill a seat kept for its own links: the view has room that others' requests may not
    /// take. Without it a seat stays empty (200 peers settled at 4.3 links with two seats, 4.8 with it and one).</summary>
    public static bool WantsOwnSeatFilled(int links, int others, int activeSize, int ownSeats) =>
        links < activeSize && others >= activeSize - ownSeats;

    /// <summary>A walk's steps left as received, within the protocol's bound: a count from the wire above <paramref name="walkLength"/>
    /// (the active random walk length) is cut to it, a negative one ends the walk here. Each step takes one, so every walk ends within
    /// <paramref name="walkLength"/> steps of any peer that obeys this.</summary>
    public static int ClampWalk(int ttl, int walkLength) => Math.Clamp(ttl, 0, walkLength);

    /// <summary>How many entries of a SHUFFLE are read: the origin and the ka + kp it may carry; the rest are not this protocol's.</summary>
    public static int ShuffleEntriesRead(int received, int shuffleActive, int shufflePassive) =>
        Math.Min(received, 1 + shuffleActive + shufflePassive);

    /// <summary>How urgently a peer with <paramref name="links"/> links asks a passive peer to link.</summary>
    public static NeighbourAsk PromotionAsk(int links) => links == 0 ? NeighbourAsk.High : NeighbourAsk.Low;

    /// <summary>Whether a peer with <paramref name="links"/> links and <paramref name="pending"/> requests out asks for one more: while
    /// its active view has room.</summary>
    public static bool WantsPromotion(int links, int pending, int activeSize) => links + pending < activeSize;

    /// <summary>Whether a peer asks a passive peer to link at its shuffle's tick, beside the repair on loss: only a thinly linked one
    /// (at most half its active view). A low-priority request reaches a full view almost always in a settled network, and is
    /// refused: asked by every peer one link short, such requests were nearly all refused.</summary>
    public static bool WantsPeriodicPromotion(int links, int activeSize) => links * 2 <= activeSize;

    /// <summary>
    /// Whether a peer thinly linked at <paramref name="thinTicks"/> shuffle ticks in a row JOINs again through a contact from a fresh
    /// seeds' list: at the 1st, 2nd, 4th, 8th, ... (less and less often while it stays thin; from the 1st, as waiting two ticks
    /// left a small island apart past a heal's settling). Its low-priority NEIGHBORs go only to its passive view, which peers
    /// linked only to each other refresh among themselves, and a full view refuses them, so such an island can stay apart for
    /// good. A JOIN is taken by its contact whatever its view holds, and its walks link the peer where they end.
    /// </summary>
    public static bool JoinsAgain(int thinTicks) => thinTicks >= 1 && (thinTicks & (thinTicks - 1)) == 0;

    /// <summary>Whether a SHUFFLE that has <paramref name="ttl"/> steps left once it arrived ends at a peer with
    /// <paramref name="links"/> links (and is answered there) rather than walking on.</summary>
    public static bool ShuffleEndsHere(int ttl, int links) => ttl <= 0 || links <= 1;

    /// <summary>
    /// The passive entry to drop to make room for a new one: one of those just sent away in a SHUFFLE first (the other side now holds
    /// them), else a random one. Returns an index into <paramref name="passive"/>.
    /// </summary>
    public static int EntryToDrop(IReadOnlyList<NodeAddress> passive, IReadOnlyCollection<NodeAddress>? sentAway, Rng rng)
    {
        if (passive.Count == 0) throw new ArgumentException("nothing to drop from an empty passive view", nameof(passive));
        if (sentAway != null)
            for (int i = 0; i < passive.Count; i++)
                if (sentAway.Contains(passive[i])) return i;
        return rng.NextInt(passive.Count);
    }

    /// <summary>
    /// One of <paramref name="links"/> other than <paramref name="a"/> and <paramref name="b"/>, uniformly: where a walk goes next
    /// (not back where it came from, not to its origin), and which link makes room. One draw of <c>NextInt(count)</c>, the pick
    /// counted in place, not copied out: FORWARDJOIN and SHUFFLE steps take one each, tens of millions at 10^6 peers. Null when
    /// there is none.
    /// </summary>
    public static NodeAddress? RandomLinkExcept(ReadOnlySpan<NodeAddress> links, NodeAddress a, NodeAddress b, Rng rng)
    {
        int count = 0;
        foreach (var n in links)
            if (n != a && n != b) count++;
        if (count == 0) return null;
        int pick = rng.NextInt(count);
        foreach (var n in links)
            if (n != a && n != b && pick-- == 0) return n;
        throw new InvalidOperationException("unreachable: the pick is below the count");
    }
}

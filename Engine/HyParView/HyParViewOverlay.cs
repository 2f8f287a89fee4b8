using GossipSim.Engine.Messages;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.HyParView;

/// <summary>
/// HyParView (Leitão, Pereira and Rodrigues, DSN 2007) as an overlay role: the active view is the peer's neighbour table, the passive
/// view a <see cref="PassiveView"/> (the peer's <see cref="OverlayContext.State"/>, made at its first need). A newcomer registers with
/// the seeds as before and draws one contact uniformly from their lists (JOIN); the rest of the lists seed its passive view. The
/// contact sends FORWARDJOIN walks on its other links; where one ends, that peer links to the newcomer. A lost link is replaced from
/// the passive view (NEIGHBOR, high priority with no link left); SHUFFLE walks refresh the passive views. Every link is still made
/// by an ask that shows the member's certificate and is checked like any link. The decisions are <see cref="HyParViewRules"/>.
/// Written on the public contract only: its walks are its own messages (<see cref="WalkMessages"/>), the SHUFFLE's reply sent by
/// <see cref="OverlayContext.AnswerOrigin"/>.
/// </summary>
public sealed partial class HyParViewOverlay : OverlayRole
{
    public static readonly HyParViewOverlay Instance = new();

    private HyParViewOverlay() { }

    private static PassiveView View(OverlayContext peer) => peer.State as PassiveView ?? (PassiveView)(peer.State = new PassiveView());

    /// <summary>The peers its passive view holds now (0 before its first need).</summary>
    internal static int PassiveCount(object? state) => (state as PassiveView)?.Count ?? 0;

    /// <summary>JOINs, FORWARDJOINs and SHUFFLEs dropped over their sender's budget.</summary>
    internal static long WalksRefused(object? state) => (state as PassiveView)?.WalksRefused ?? 0;

    /// <summary>Joins through one contact: one request out while it has no link, or when it rejoined as a new incarnation (the peers
    /// that removed it dropped it from both views; the links it kept may be dropped on removal news still on its way).</summary>
    public override void OnJoined(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates)
    {
        if (peer.RegisteredAgain) View(peer).JoinWanted = true;
        int wanted = peer.Neighbours.Length == 0 || View(peer).JoinWanted ? 1 : 0;
        peer.WantedLinks = Math.Max(peer.WantedLinks, wanted);
        ArmShuffle(peer);
        ViewMore(peer);
    }

    public override void OnPeers(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates) => ViewMore(peer);

    /// <summary>
    /// The seeds' lists (when new ones came) give the JOIN's contact, drawn uniformly while this peer has no link and nothing out,
    /// and the rest go to the passive view; then, while links are wanted and the active view has room, passive peers are asked
    /// (NEIGHBOR). A peer with links and nobody left to ask stops wanting: the shuffle's tick tries again.
    /// </summary>
    private static void ViewMore(OverlayContext peer)
    {
        var view = View(peer);
        var config = peer.Config;
        var me = peer.Self;
        if (peer.TakeCandidates() is { Count: > 0 } taken)
        {
            var candidates = taken as List<PeerListEntry> ?? taken.ToList();
            candidates.RemoveAll(e => Excluded(peer, e.Address));
            if (peer.WantedLinks > 0 && (peer.Neighbours.Length == 0 && peer.PendingLinks == 0 || view.JoinWanted)
                && HyParViewRules.ContactOf(candidates.Select(e => e.Degree).ToArray(), peer.Random) is var at && at >= 0)
            {
                var contact = candidates[at].Address;
                candidates.RemoveAt(at);
                peer.WantedLinks--;
                view.JoinWanted = false;
                view.JoinContact = contact;
                Ask(peer, contact, NeighbourAsk.Join);
            }
            foreach (var e in candidates) view.Add(peer, me, e.Address, config.HyParViewPassiveSize);
        }
        while (peer.WantedLinks > 0 && HyParViewRules.WantsPromotion(peer.Neighbours.Length, peer.PendingLinks, config.HyParViewActiveSize))
        {
            if (view.Pick(peer.Random, a => Excluded(peer, a)) is not { } target) break;
            peer.WantedLinks--;
            view.CountPromotion();
            Ask(peer, target, HyParViewRules.PromotionAsk(peer.Neighbours.Length));
        }
        if (peer.WantedLinks > 0 && (peer.Neighbours.Length > 0 || peer.PendingLinks > 0)
            && !HyParViewRules.WantsPromotion(peer.Neighbours.Length, peer.PendingLinks, config.HyParViewActiveSize))
            peer.WantedLinks = 0; // the view is full, or will be once the requests out are answered
        if (peer.WantedLinks > 0 && peer.Neighbours.Length > 0 && peer.PendingLinks == 0)
            peer.WantedLinks = 0; // linked, nobody left to ask: the shuffle's tick tries again
    }

    /// <summary>Not to be asked: itself, a neighbour, asked already since the lists came, or removed lately.</summary>
    private static bool Excluded(OverlayContext peer, NodeAddress a) => !peer.CanAsk(a) || peer.AskedSinceLists(a);

    private static void Ask(OverlayContext peer, NodeAddress target, NeighbourAsk ask)
    {
        if (ask == NeighbourAsk.ForwardJoin) View(peer).WalkAsked(target);
        peer.AskLink(target, ask);
    }

    /// <summary>A plain link request makes no link here: HyParView links by JOIN and NEIGHBOR, whose rules hold the active view's
    /// bound; a held link's renewal (a rejoined member re-showing it) is taken by the peer before this is asked.</summary>
    public override bool AcceptsLink(OverlayContext peer, NodeAddress asker) => false;

    public override bool TakesPriorityAsks => true;

    /// <summary>A JOIN or NEIGHBOR request: refused as <see cref="HyParViewRules"/> say (a JOIN starts walks on every link of this
    /// peer: each sender may start a few an interval, so one insider cannot make this peer walk and dial without end).</summary>
    public override string? RefusesAsk(OverlayContext peer, NodeAddress asker, NeighbourAsk ask)
    {
        var config = peer.Config;
        bool joining = View(peer).JoinContact is { } contact && peer.IsPending(contact);
        return HyParViewRules.RefusesJoin(ask, joining) ? "a JOIN while this peer's own JOIN is unanswered"
            : !HyParViewRules.Accepts(ask, peer.Neighbours.Length, config.HyParViewActiveSize)
                ? $"a low-priority request at a full active view ({config.HyParViewActiveSize})"
            : RoomNow(peer, chose: false, urgent: ask != NeighbourAsk.Low) == RoomFrom.Refused
                ? $"links on another's word hold all the seats they may ({config.HyParViewActiveSize - config.HyParViewOwnLinks})"
            : ask == NeighbourAsk.Join && !TakeWalk(peer, asker) ? "its JOINs are over their budget"
            : null;
    }

    public override void OnAdmitting(OverlayContext peer, NodeAddress asker, NeighbourAsk ask)
    {
        MakeRoom(peer, asker, chose: false, urgent: ask != NeighbourAsk.Low);
        var view = View(peer);
        view.Remove(peer, peer.Self, asker);
        view.Joining = ask == NeighbourAsk.Join ? asker : null;
    }

    /// <summary>A link made on this peer's own draw holds one of the seats kept for such links; one a newcomer's JOIN made starts its
    /// FORWARDJOIN walks through this peer's other links.</summary>
    public override void OnLinkUp(OverlayContext peer, NodeAddress neighbour, bool asked)
    {
        var view = View(peer);
        if (view.RejoinThrough == neighbour) view.RejoinThrough = null; // linked across the cut again
        if (asked)
        {
            if (view.LastAnswerChosen) peer.MarkOwnLink(neighbour);
            return;
        }
        if (peer.Linking) peer.WantedLinks = 0; // linked however it came
        if (view.Joining != neighbour) return;
        view.Joining = null;
        var links = peer.Neighbours.ToArray();
        foreach (var n in links)
        {
            if (n == neighbour) continue;
            peer.Send(n, new ForwardJoin(neighbour, peer.Config.HyParViewActiveWalk));
            view.CountJoinForwarded();
        }
    }

    /// <summary>HyParView: whether the answer ends a dropped link's one try, and whether this peer chose the link (a walk's end
    /// links on another's word, the walk's; a JOIN's contact and a promoted passive peer are this peer's draw).</summary>
    public override void OnAnswer(OverlayContext peer, NodeAddress from, bool accepted)
    {
        if (peer.State is not PassiveView view) return; // none yet: no one try, and its own draw (the defaults)
        view.LastAnswerOneTry = view.EndOneTry(from);
        view.LastAnswerChosen = !view.EndWalkAsk(from);
    }

    /// <summary>Room for an accepted link: a full view drops one into the passive view (DISCONNECT), urgent as the link was asked for.</summary>
    public override bool TakesAcceptance(OverlayContext peer, NodeAddress acceptor)
    {
        if (MakeRoom(peer, acceptor, View(peer).LastAnswerChosen, urgent: true) == RoomFrom.Refused) return false;
        View(peer).Remove(peer, peer.Self, acceptor);
        return true;
    }

    public override void OnLinkFailed(OverlayContext peer, NodeAddress target, LinkFailure why)
    {
        var view = peer.State as PassiveView;
        if (why == LinkFailure.TimedOut)
        {
            view?.Remove(peer, peer.Self, target); // a passive peer that does not answer is taken for failed
            view?.EndOneTry(target);
            peer.WantedLinks++;
            ViewMore(peer);
            if (peer.WantedLinks > 0 && peer.PendingLinks == 0) peer.RequestPeers();
            return;
        }
        if (why == LinkFailure.NoRoom)
        {
            View(peer).Add(peer, peer.Self, target, peer.Config.HyParViewPassiveSize);
            return;
        }
        if (why == LinkFailure.Refused) view?.CountRefusal();
        // A dropped link's one try is not retried down the passive view (in a settled network nearly every view is full, so the
        // retries are refused: docs/protocol.md, HyParView); a failed link's repair is, as the paper's.
        if (view?.LastAnswerOneTry != true || peer.Neighbours.Length == 0)
        {
            peer.WantedLinks++;
            ViewMore(peer);
        }
    }

    /// <summary>A link closed by the neighbour is HyParView's DISCONNECT (a link dropped to make room): the neighbour goes passive,
    /// and one passive peer is asked to take its place (high priority with no link left); not replaced, dropped links cut peers off
    /// the overlay (docs/protocol.md, HyParView). A link lost to a removal or a restart is repaired from the passive view, else
    /// from the seeds.</summary>
    public override void OnLinkDown(OverlayContext peer, NodeAddress neighbour, LinkEnd why, bool ownLink)
    {
        if (why == LinkEnd.ClosedByNeighbour)
        {
            (peer.State as PassiveView)?.Add(peer, peer.Self, neighbour, peer.Config.HyParViewPassiveSize);
            if (peer.Neighbours.Length > 0)
            {
                ReplaceDropped(peer);
                return;
            }
        }
        else if (why is not (LinkEnd.Removed or LinkEnd.Restarted)) return;
        if (peer.Config.ReattachOnLoss) Reattach(peer);
    }

    /// <summary>
    /// HyParView's failure detector is TCP: a send to a neighbour that failed drops it from the active view at once, kept out of the
    /// passive view (it is likely dead; the paper removes it), and the lost link is repaired as one the seeds removed (<see cref="Reattach"/>:
    /// a passive peer asked, high priority with no link left, low otherwise; a refused or failed promotion tries the next). One failure
    /// drops one link, the one the send went on, and asks one promotion (docs/security.md, HyParView). The peer reports the dropped
    /// neighbour to the seeds, as no detector watches it any more (<c>PeerNode.OnSendFailed</c>).
    /// </summary>
    public override void OnSendFailed(OverlayContext peer, NodeAddress neighbour)
    {
        peer.DropLink(neighbour, "a send to it failed (HyParView's TCP failure detection)");
        (peer.State as PassiveView)?.Remove(peer, peer.Self, neighbour);
        if (peer.Config.ReattachOnLoss) Reattach(peer);
    }

    /// <summary>A passive peer whose connect fails is the paper's failed promotion: the next is tried at once.</summary>
    public override bool FailedSendEndsAsk => true;

    /// <summary>
    /// The seeds found alive a neighbour this peer dropped at a failed send: the path failed, not the peer (a partition). Beyond the
    /// paper, which takes a failed connection for a failed node: while the path was cut this peer's repair linked it only to peers
    /// on its own side, and their passive views were purged of the other side's by failed promotions, so once the cut heals, full
    /// views on both sides refuse the low-priority requests that could join them (an island of 11 of 50 peers after a one-way
    /// partition of 13.7 s, for good: swarm seed 7, run 4298). So this peer JOINs again through the member found alive, at its next
    /// shuffle ticks (<see cref="JoinThroughFoundAlive"/>) until a JOIN links it: the contact takes a JOIN whatever its view holds,
    /// and its FORWARDJOIN walks link this peer where they end, on the contact's side.
    /// </summary>
    public override void OnDroppedFoundAlive(OverlayContext peer, NodeAddress member)
    {
        var view = View(peer);
        view.RejoinThrough = member;
        view.RejoinTicks = 0;
        if (peer.LogEnabled) peer.Log($"the seeds found {member} alive after a send to it failed; joining again through it at the next shuffle tick");
    }

    public override void OnRemoved(OverlayContext peer, NodeAddress member)
    {
        if (peer.State is not PassiveView view) return;
        view.Remove(peer, peer.Self, member);
        if (view.RejoinThrough == member) view.RejoinThrough = null;
    }

    /// <summary>HyParView fills its view itself (the shuffle's tick): the refresh asks only for a peer with no link and nothing out.</summary>
    public override void OnRefresh(OverlayContext peer)
    {
        if (peer.Neighbours.Length >= 1 || peer.PendingLinks != 0) return;
        peer.WantedLinks = Math.Max(peer.WantedLinks, 1 - peer.Neighbours.Length);
        peer.Reattaching(newNeed: false);
        peer.RequestPeersAgain();
    }

    /// <summary>HyParView's reactive repair: a passive peer first; the seeds only when none is left to ask.</summary>
    private static void Reattach(OverlayContext peer)
    {
        peer.WantedLinks++;
        peer.Reattaching(newNeed: true);
        ViewMore(peer);
        if (peer.WantedLinks > 0 && peer.PendingLinks == 0) peer.RequestPeers();
    }

    /// <summary>
    /// Before a link the active view must take: a full view drops a random other link into the passive view (DISCONNECT): one made
    /// on another's word unless this peer <paramref name="chose"/> the new one with no such link held
    /// (<see cref="HyParViewRules.RoomFor"/>). Returns where room was made; <see cref="RoomFrom.Refused"/>: none may be, the link is
    /// not taken.
    /// </summary>
    private static RoomFrom MakeRoom(OverlayContext peer, NodeAddress coming, bool chose, bool urgent)
    {
        var room = RoomNow(peer, chose, urgent);
        if (room is RoomFrom.NoneNeeded or RoomFrom.Refused) return room;
        var dropped = room == RoomFrom.AnyLink ? RandomLinkExcept(peer, coming, coming) : RandomLinkOnOthersWord(peer);
        if (dropped is not { } gone) return RoomFrom.Refused;
        peer.DropLink(gone, "dropped to make room in HyParView's active view");
        View(peer).Add(peer, peer.Self, gone, peer.Config.HyParViewPassiveSize);
        View(peer).CountDrop();
        return room;
    }

    private static RoomFrom RoomNow(OverlayContext peer, bool chose, bool urgent) =>
        HyParViewRules.RoomFor(chose, urgent, peer.Neighbours.Length, LinksOnOthersWord(peer), peer.Config.HyParViewActiveSize,
            peer.Config.HyParViewOwnLinks);

    /// <summary>The links made on another's word (not marked as of this peer's own choosing).</summary>
    private static int LinksOnOthersWord(OverlayContext peer)
    {
        int others = 0;
        for (int i = 0; i < peer.Neighbours.Length; i++) if (!peer.IsOwnLink(i)) others++;
        return others;
    }

    /// <summary>One of the links made on another's word, uniformly; null when there is none.</summary>
    private static NodeAddress? RandomLinkOnOthersWord(OverlayContext peer)
    {
        var links = peer.Neighbours;
        Span<NodeAddress> others = links.Length <= PassiveView.MaxOnStack ? stackalloc NodeAddress[links.Length] : new NodeAddress[links.Length];
        int n = 0;
        for (int i = 0; i < links.Length; i++) if (!peer.IsOwnLink(i)) others[n++] = links[i];
        return n == 0 ? null : others[peer.Random.NextInt(n)];
    }

    private static NodeAddress? RandomLinkExcept(OverlayContext peer, NodeAddress a, NodeAddress b) =>
        HyParViewRules.RandomLinkExcept(peer.Neighbours, a, b, peer.Random);

    /// <summary>A link dropped to make room (DISCONNECT) while others remain: one passive peer is asked to take its place, once.</summary>
    private static void ReplaceDropped(OverlayContext peer)
    {
        var view = View(peer);
        if (!HyParViewRules.WantsPromotion(peer.Neighbours.Length, peer.PendingLinks, peer.Config.HyParViewActiveSize)) return;
        if (view.Pick(peer.Random, a => Excluded(peer, a)) is not { } target) return;
        view.CountPromotion();
        view.OneTry(target);
        Ask(peer, target, HyParViewRules.PromotionAsk(peer.Neighbours.Length));
    }

    /// <summary>The first shuffle's tick, at a random point of the first interval so the peers' ticks spread.</summary>
    private static void ArmShuffle(OverlayContext peer)
    {
        var view = View(peer);
        if (view.ShuffleArmed) return;
        view.ShuffleArmed = true;
        var interval = peer.Config.HyParViewShuffleInterval;
        peer.SetTimer(interval * (0.5 + peer.Random.NextDouble()), 0);
    }

    /// <summary>
    /// The shuffle's tick: a SHUFFLE of this peer, ka of its links and kp of its passive view walks from a random link; a thinly
    /// linked peer asks one passive peer to link (low priority), one with no link left does what a lost link does.
    /// </summary>
    public override void OnTimer(OverlayContext peer, long arg)
    {
        var config = peer.Config;
        var me = peer.Self;
        var view = View(peer);
        peer.SetTimer(config.HyParViewShuffleInterval, 0);
        if (peer.Registering) return;
        int linkCount = peer.Neighbours.Length;
        if (linkCount > 0)
        {
            // ka links drawn from a copy (the draws reorder it), kp passive entries, then the link the SHUFFLE walks from, drawn
            // from the links in their own order.
            Span<NodeAddress> links = linkCount <= PassiveView.MaxOnStack ? stackalloc NodeAddress[linkCount] : new NodeAddress[linkCount];
            peer.Neighbours.CopyTo(links);
            var active = PassiveView.TakeRandom(links, config.HyParViewShuffleActive, peer.Random);
            var passive = view.Sample(config.HyParViewShufflePassive, peer.Random);
            var sent = new NodeAddress[1 + active.Length + passive.Length];
            sent[0] = me;
            active.CopyTo(sent, 1);
            passive.CopyTo(sent, 1 + active.Length);
            view.ShuffleSent(sent);
            var first = peer.Neighbours[peer.Random.NextInt(linkCount)];
            peer.Send(first, new Shuffle(me, config.HyParViewActiveWalk, sent));
        }
        if (peer.PendingLinks > 0 || peer.WantedLinks > 0) return;
        if (view.RejoinThrough is { } through && JoinThroughFoundAlive(peer, view, through)) return;
        if (linkCount == 0)
        {
            Reattach(peer);
            return;
        }
        view.ThinTicks = HyParViewRules.WantsPeriodicPromotion(linkCount, config.HyParViewActiveSize) ? view.ThinTicks + 1 : 0;
        if (HyParViewRules.JoinsAgain(view.ThinTicks))
        {
            JoinAgain(peer);
            return;
        }
        // A seat kept for this peer's own links stays empty unless this peer fills it: others' requests may not.
        if (!HyParViewRules.WantsPeriodicPromotion(linkCount, config.HyParViewActiveSize)
            && !HyParViewRules.WantsOwnSeatFilled(linkCount, LinksOnOthersWord(peer), config.HyParViewActiveSize, config.HyParViewOwnLinks)) return;
        peer.WantedLinks = 1;
        ViewMore(peer);
    }

    /// <summary>At a shuffle tick, the JOIN through a dropped neighbour the seeds found alive (<see cref="OnDroppedFoundAlive"/>), this
    /// peer's links kept, when its schedule says (<see cref="HyParViewRules.JoinsAgain"/>: a cut may last, and a JOIN sent across it
    /// fails). Forgotten once linked to it or removed (it may not be asked then). Returns whether the JOIN went.</summary>
    private static bool JoinThroughFoundAlive(OverlayContext peer, PassiveView view, NodeAddress through)
    {
        if (!peer.CanAsk(through))
        {
            view.RejoinThrough = null;
            return false;
        }
        if (!HyParViewRules.JoinsAgain(++view.RejoinTicks)) return false;
        view.JoinContact = through;
        if (peer.LogEnabled) peer.Log($"joining again through {through}, found alive after a send to it failed ({view.RejoinTicks} shuffle ticks since)");
        Ask(peer, through, NeighbourAsk.Join);
        return true;
    }

    /// <summary>A JOIN through a contact from a fresh seeds' list, this peer's links kept (<see cref="HyParViewRules.JoinsAgain"/>); its
    /// passive view takes the rest of the list.</summary>
    private static void JoinAgain(OverlayContext peer)
    {
        View(peer).JoinWanted = true;
        peer.WantedLinks = 1;
        peer.Reattaching(newNeed: true);
        if (peer.LogEnabled)
            peer.Log($"thinly linked ({peer.Neighbours.Length}) at {View(peer).ThinTicks} shuffle ticks in a row; joining again through a contact");
        peer.RequestPeersAgain();
    }

    /// <summary>Its counts, traced at stop (a peer that never needed its views has none).</summary>
    public override void OnStop(OverlayContext peer)
    {
        if (peer.State is not PassiveView view) return;
        peer.Trace(new TraceEvent(peer.Now, TraceKind.HyParViewCounters, peer.Self, A: view.PromotionsAsked, B: view.PromotionsRefused,
            Detail: $"forward joins {view.JoinsForwarded}, shuffles {view.ShufflesStarted}, dropped {view.LinksDropped}, passive {view.Count}"));
    }
}

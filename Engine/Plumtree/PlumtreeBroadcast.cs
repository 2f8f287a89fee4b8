using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Plumtree;

/// <summary>
/// Plumtree's broadcast (Leitão, Pereira and Rodrigues, SRDS 2007), a <see cref="BroadcastRole"/>: the payload on tree links
/// and an IHAVE on the others; a duplicate takes its link off the tree (PRUNE), a message announced and missing is asked for
/// (GRAFT), which puts the link on the tree. It keeps, beside the Message List (which decides first receipts, R10), the messages
/// it can send on a GRAFT, the messages announced to it and not yet received with who announced them, and its counts. A link's
/// mode is the link's mark (<see cref="BroadcastContext.LinkMark"/>: set means lazy), so a new link starts on the tree and a lost
/// one takes its mode with it. One object a Plumtree peer; a flooding peer pays nothing for it. The decisions are
/// <see cref="PlumtreeRules"/>.
/// </summary>
internal sealed class PlumtreeBroadcast : BroadcastRole
{
    // Each made when first needed: a simulated million peers that each hold a message or two and are never announced a missing
    // one pay for a short list, not four tables (docs/performance.md).
    // By message: a GRAFT finds its message at once. A list scanned on each GRAFT held every message of the retention (12,000 in
    // sim-crash-hub-1k) and slowed the run as it went on (issue 53).
    private KeptPayloads? _kept;
    private AwaitedMessages? _awaited;
    private LazyQueue? _lazy;
    private bool _sweepSet;
    private bool _dispatchSet;

    /// <summary>Announcements sent (one a message and link off the tree), in <see cref="IhaveMessagesSent"/> IHAVEs.</summary>
    public long IhavesSent { get; private set; }
    public long IhaveMessagesSent { get; private set; }
    public long GraftsSent { get; private set; }
    public long PrunesSent { get; private set; }
    /// <summary>Messages announced, never received and given up once every announcer was asked.</summary>
    public long GivenUp { get; private set; }
    /// <summary>Messages announced, not received and awaited now (each with its timer).</summary>
    public int AwaitedCount => _awaited?.Count ?? 0;

    public override void OnFirstReceipt(BroadcastContext peer, in GossipCopy copy)
    {
        // The link joins the tree untraced: the peer's gossip-delivered line says so (TraceSchema: a first receipt's link is on
        // the tree), and a trace line for each would be a third of crash-hub-1k's link-mode lines.
        if (copy.FromLink >= 0) SetMode(peer, copy.FromLink, PlumtreeRules.AfterPayload(firstReceipt: true), traced: false);
        (_kept ??= new()).Keep(copy.Message, copy.Incarnation);
        SweepKept(peer);
        // Awaited: announced before it came. Who announced it has it, and an announcement back would cost it a lookup for nothing
        // (in crash-hub-1k, before the lazy queue, half of the 41.6 million IHAVEs announced a message not yet received); the payload
        // still goes on a tree link, as the paper sends it, so the tree is shaped as it was.
        int awaitedAt = _awaited is { Count: > 0 } ? _awaited.Find(copy.Id, copy.Incarnation) : -1;
        var links = peer.Neighbours;
        Span<int> claimed = links.Length <= 256 ? stackalloc int[links.Length] : new int[links.Length];
        int n = peer.ClaimLinks(copy, claimed);
        for (int i = 0; i < n; i++)
        {
            int link = claimed[i];
            if (!PlumtreeRules.SendsPayload(ModeAt(peer, link)))
            {
                if (awaitedAt < 0 || !_awaited!.At(awaitedAt).Noted(links[link]))
                    Announce(peer, link, new Announcement(copy.Id, copy.Incarnation, copy.Message.Hops));
                continue;
            }
            peer.SendGossip(link, copy.Message);
        }
        if (awaitedAt >= 0) NoLongerAwaited(peer, awaitedAt);
    }

    private void NoLongerAwaited(BroadcastContext peer, int at)
    {
        peer.CancelTimer(_awaited!.At(at).Timer);
        _awaited.Remove(at);
    }

    /// <summary>The paper's LazyPush: the announcement waits in the lazy queue for the peer's next dispatch.</summary>
    private void Announce(BroadcastContext peer, int link, in Announcement announcement)
    {
        (_lazy ??= new()).Add(peer.Neighbours[link], announcement);
        if (_dispatchSet) return;
        _dispatchSet = true;
        peer.SetTimer(peer.Config.IhaveDispatch, DispatchTimer);
    }

    /// <summary>The paper's dispatch: one IHAVE a neighbour still linked, with what waited for it; a link lost meanwhile takes its
    /// announcements with it (the neighbour will not graft on it).</summary>
    private void Dispatch(BroadcastContext peer)
    {
        _dispatchSet = false;
        _lazy?.Drain(Ihave.MaxAnnouncements, (Self: this, Peer: peer), static (s, to) => s.Peer.IndexOf(to), static (s, link, batch) =>
        {
            s.Peer.SendEngineMessage(link, new Ihave(batch));
            s.Self.IhavesSent += batch.Length;
            s.Self.IhaveMessagesSent++;
        });
    }

    /// <summary>A copy of a message already received: its link leaves the tree, and the sender is told to stop pushing if it was
    /// on it.</summary>
    public override void OnDuplicate(BroadcastContext peer, in GossipCopy copy)
    {
        int at = copy.FromLink;
        if (at < 0) return;
        var before = ModeAt(peer, at);
        SetMode(peer, at, PlumtreeRules.AfterPayload(firstReceipt: false));
        if (!PlumtreeRules.PruneOnDuplicate(before)) return;
        peer.SendEngineMessage(at, Prune.Instance);
        PrunesSent++;
    }

    public override void OnMessage(BroadcastContext peer, NodeAddress from, Message message)
    {
        switch (message)
        {
            case Ihave m when Bounded(peer, from, m):
                foreach (var a in m.Announcements)
                {
                    if (!Numbered(peer, from, m.Kind, a.Id.Number)) continue;
                    bool received = peer.HasReceived(a.Id, a.Incarnation);
                    // Announced to this peer while this peer's own announcement to that neighbour waits for the dispatch: it has it.
                    if (received && _lazy is { Count: > 0 }) _lazy.Withdraw(from, a.Id, a.Incarnation);
                    OnIhave(peer, from, a, received);
                }
                break;
            case Graft m when Numbered(peer, from, m.Kind, m.Id.Number): OnGraft(peer, from, m); break;
            case Prune: SetMode(peer, peer.IndexOf(from), LinkMode.Lazy); break;
            case Ihave or Graft: break; // refused by Bounded or Numbered
            default: base.OnMessage(peer, from, message); break;
        }
    }

    /// <summary>The timer of the sweep of kept messages (<see cref="SweepKept"/>); a missing message's timer is its ticket (1 up).</summary>
    private const long SweepTimer = 0;
    /// <summary>The timer of the lazy queue's dispatch (<see cref="Dispatch"/>).</summary>
    private const long DispatchTimer = -1;

    public override void OnTimer(BroadcastContext peer, long ticket)
    {
        if (ticket == SweepTimer)
        {
            _sweepSet = false;
            Sweep(peer.Now, peer.Config.PayloadRetention);
            SweepKept(peer);
            return;
        }
        if (ticket == DispatchTimer)
        {
            Dispatch(peer);
            return;
        }
        int at = _awaited?.FindTicket(ticket) ?? -1;
        if (at < 0) return; // it arrived, and the timer was one cancelled too late
        ref var awaited = ref _awaited!.At(at);
        var to = NextToAsk(peer, at, peer.HasReceived(awaited.Id, awaited.Incarnation));
        if (to is not { } announcer) return;
        SetMode(peer, peer.IndexOf(announcer), LinkMode.Eager); // the link joins the tree
        peer.SendEngineMessage(peer.IndexOf(announcer), new Graft(awaited.Id, awaited.Incarnation));
    }

    public override void OnSweep(BroadcastContext peer) => Sweep(peer.Now, peer.Config.PayloadRetention);

    /// <summary>
    /// A send to a neighbour failed (TCP refused, reset or timed it out): the paper's NeighborDown, which HyParView's TCP detection
    /// calls, here at once, before the failure detector and the seeds remove the link. The neighbour is gone for the tree: its link
    /// leaves it (the payload goes there no more; an IHAVE still does, so a neighbour that is in fact alive grafts the link back), its
    /// announcements are forgotten, and a message awaited from it on a GRAFT is asked of the next peer that announced it now, not after
    /// the retry time. A message it alone announced is left to its timer, as another announcer may come meanwhile.
    /// </summary>
    public override void OnSendFailed(BroadcastContext peer, NodeAddress neighbour)
    {
        int at = peer.IndexOf(neighbour);
        if (at < 0) return;
        SetMode(peer, at, LinkMode.Lazy);
        if (_awaited == null || _awaited.Count == 0) return;
        List<long>? askAgain = null;
        foreach (long ticket in _awaited.InOrder())
        {
            ref var awaited = ref _awaited.At(_awaited.FindTicket(ticket));
            awaited.Announcers.Remove(neighbour);
            if (PlumtreeRules.AsksAgainOnFailure(AwaitsFrom(awaited, neighbour), awaited.Announcers.Count)) (askAgain ??= new()).Add(ticket);
        }
        if (askAgain == null) return;
        foreach (long ticket in askAgain)
        {
            if (_awaited.FindTicket(ticket) is var found and >= 0) peer.CancelTimer(_awaited.At(found).Timer);
            OnTimer(peer, ticket); // the retry now: the next announcer, with a new retry timer
        }
    }

    /// <summary>Whether <paramref name="awaited"/> was last asked of <paramref name="neighbour"/> (its GRAFT is the one outstanding).</summary>
    private static bool AwaitsFrom(in AwaitedMessages.Entry awaited, NodeAddress neighbour) =>
        awaited.Asked.Count > 0 && awaited.Asked[awaited.Asked.Count - 1] == neighbour;

    public override void OnStop(BroadcastContext peer) =>
        peer.Trace(new TraceEvent(peer.Now, TraceKind.PlumtreeCounters, peer.Self, A: IhavesSent, B: GraftsSent,
            Detail: $"prunes {PrunesSent}, given up {GivenUp}, tree links {TreeLinks(peer)} of {peer.Neighbours.Length}, ihave messages {IhaveMessagesSent}"));

    /// <summary>This peer's links on the tree (the payload goes on them).</summary>
    public static int TreeLinks(BroadcastContext peer)
    {
        int eager = 0;
        for (int i = 0; i < peer.Neighbours.Length; i++) if (!peer.LinkMark(i)) eager++;
        return eager;
    }

    private static LinkMode ModeAt(BroadcastContext peer, int at) => peer.LinkMark(at) ? LinkMode.Lazy : LinkMode.Eager;

    /// <summary>The link at <paramref name="at"/> goes on the tree or off it. Traced only when its mode changes, and not when
    /// <paramref name="traced"/> is false (the link of a first receipt, which its gossip-delivered line implies): a new link starts on
    /// the tree untraced, and a flooding peer never comes here, so the flood's trace is as it was (the dashboard draws the modes).</summary>
    private static void SetMode(BroadcastContext peer, int at, LinkMode mode, bool traced = true)
    {
        bool lazy = mode == LinkMode.Lazy;
        if (peer.LinkMark(at) == lazy) return;
        peer.SetLinkMark(at, lazy);
        if (traced) peer.Trace(new TraceEvent(peer.Now, TraceKind.EdgeModeChanged, peer.Self, peer.Neighbours[at],
            A: (long)(lazy ? EdgeMode.Lazy : EdgeMode.Tree)));
    }

    /// <summary>An IHAVE carries 1 to <see cref="Ihave.MaxAnnouncements"/> announcements: the codec refuses others on the wire, and a
    /// runtime that hands messages over without it (the simulator) is held to the same.</summary>
    private static bool Bounded(BroadcastContext peer, NodeAddress from, Ihave m)
    {
        if (m.Announcements.Length is > 0 and <= Ihave.MaxAnnouncements) return true;
        peer.Reject($"dropped IHAVE from {from}: {m.Announcements.Length} announcements, where 1 to {Ihave.MaxAnnouncements} are allowed");
        return false;
    }

    /// <summary>Plumtree's control messages are about messages an origin could have numbered.</summary>
    private static bool Numbered(BroadcastContext peer, NodeAddress from, MessageKind kind, int number)
    {
        if (number >= 1 && number <= peer.Config.MessagesPerPeer) return true;
        peer.Reject($"dropped {kind} from {from}: message number outside 1..{peer.Config.MessagesPerPeer}");
        return false;
    }

    /// <summary>A neighbour asks for a message, and for the payload on this link from now on.</summary>
    private void OnGraft(BroadcastContext peer, NodeAddress from, Graft m)
    {
        int at = peer.IndexOf(from);
        SetMode(peer, at, LinkMode.Eager); // the asker's link joins the tree
        if (_kept?.Answer(m.Id, m.Incarnation, from, peer.Now, peer.Config.PayloadRetention) is not { } kept) return;
        peer.MarkCrossed(m.Id, m.Incarnation, at);
        peer.SendGossip(at, kept);
    }

    /// <summary>An IHAVE from neighbour <paramref name="from"/>; <paramref name="received"/>: the Message List has the message.
    /// Noted, to ask for it if it does not come by the graft timeout.</summary>
    private void OnIhave(BroadcastContext peer, NodeAddress from, in Announcement m, bool received)
    {
        var config = peer.Config;
        int at = -1;
        // Most IHAVEs announce a message here already (its payload came on the tree first): the awaited messages are looked up only
        // for the others, so most IHAVEs cost the Message List's lookup alone, as a flood's duplicate does.
        if (!received && _awaited != null) at = _awaited.Find(m.Id, m.Incarnation);
        switch (PlumtreeRules.OnAnnouncement(received, awaited: at >= 0))
        {
            case AnnouncementStep.StartTimer:
                _awaited ??= new();
                // Bounded like the Message List: announcements of messages that never come cannot grow without end.
                if (_awaited.Count >= config.MessageListCapacity) return;
                at = _awaited.Add(m.Id, m.Incarnation);
                ref var added = ref _awaited.At(at);
                added.Announcers.Add(from);
                added.Timer = peer.SetTimer(PlumtreeRules.GraftWait(config.GraftTimeout, peer.Random.NextDouble()), added.Ticket);
                break;
            case AnnouncementStep.Queue:
                ref var awaited = ref _awaited!.At(at);
                if (PlumtreeRules.NotesAnnouncer(awaited.Noted(from), awaited.Count, config.PlumtreeMaxAnnouncers)) awaited.Announcers.Add(from);
                break;
        }
    }

    /// <summary>
    /// A missing message's timer fired (its entry at <paramref name="at"/>): the announcer to ask (GRAFT), chosen among those still
    /// linked, with the retry timer set; null when the message arrived or nobody is left to ask. The caller puts the link on the tree
    /// and sends the GRAFT.
    /// </summary>
    private NodeAddress? NextToAsk(BroadcastContext peer, int at, bool received)
    {
        ref var awaited = ref _awaited!.At(at);
        for (int i = awaited.Announcers.Count - 1; i >= 0; i--)
            if (peer.IndexOf(awaited.Announcers[i]) < 0) awaited.Announcers.RemoveAt(i);
        switch (PlumtreeRules.OnTimer(received, awaited.Announcers.Count))
        {
            case GraftStep.Graft:
                int count = awaited.Announcers.Count; // at most PlumtreeMaxAnnouncers
                Span<LinkMode> modes = count <= 64 ? stackalloc LinkMode[count] : new LinkMode[count];
                for (int i = 0; i < modes.Length; i++) modes[i] = ModeAt(peer, peer.IndexOf(awaited.Announcers[i]));
                int pick = PlumtreeRules.AnnouncerToAsk(modes);
                var to = awaited.Announcers[pick];
                awaited.Announcers.RemoveAt(pick);
                awaited.Asked.Add(to);
                GraftsSent++;
                awaited.Timer = peer.SetTimer(peer.Config.GraftRetry, awaited.Ticket);
                return to;
            default:
                if (!received) GivenUp++;
                _awaited.Remove(at);
                return null;
        }
    }

    /// <summary>
    /// While it keeps messages, a peer sweeps them every half retention: the Message List's sweep (every half its time to live,
    /// minutes) let each peer keep every message of those minutes, 12,000 a peer in sim-crash-hub-1k, and the heap grew to 3.5 GiB.
    /// </summary>
    private void SweepKept(BroadcastContext peer)
    {
        if (_sweepSet || _kept == null) return;
        _sweepSet = true;
        var half = peer.Config.PayloadRetention / 2;
        peer.SetTimer(half > TimeSpan.FromSeconds(1) ? half : TimeSpan.FromSeconds(1), SweepTimer);
    }

    /// <summary>Messages created longer than the retention ago are let go: a GRAFT for one is not answered.</summary>
    private void Sweep(TimeSpan now, TimeSpan retention)
    {
        _kept?.Sweep(now, retention);
        if (_kept is { Count: 0 }) _kept = null;
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;

namespace GossipSim.Engine.Plumtree;

/// <summary>
/// What a peer running Plumtree keeps beside the Message List (which still decides first receipts, R10): the messages it can
/// send on a GRAFT, the messages announced to it and not yet received with who announced them, and its counts. A link's mode
/// (on the tree or lazy) is a flag of its neighbour entry, so a new link starts on the tree and a lost one takes its mode with it.
/// Made only for a peer that runs Plumtree: a flooding peer pays nothing for it. The decisions are <see cref="PlumtreeRules"/>.
/// </summary>
internal sealed class PlumtreeGossip
{
    /// <summary>Announcers remembered for one missing message: enough to route around several failures, bounded against a neighbour
    /// that announces what it will not send.</summary>
    internal const int MaxAnnouncers = 16;

    private readonly Dictionary<(MessageId, long), Messages.Gossip> _payloads = new();
    private readonly Queue<(TimeSpan Kept, MessageId Id, long Incarnation)> _keptInOrder = new();
    private readonly Dictionary<(MessageId, long), Missing> _missing = new();
    private readonly Dictionary<long, (MessageId, long)> _tickets = new();
    private long _nextTicket;

    /// <summary>A message announced and not received: its announcers in the order they announced, the next to ask first.</summary>
    private sealed class Missing(long ticket)
    {
        public readonly long Ticket = ticket;
        public readonly List<NodeAddress> Announcers = new(2);
        public TimerId Timer;
    }

    public long IhavesSent { get; private set; }
    public long GraftsSent { get; private set; }
    public long PrunesSent { get; private set; }
    /// <summary>Messages announced, never received and given up once every announcer was asked.</summary>
    public long GivenUp { get; private set; }

    /// <summary>A first receipt (or this peer's own message): kept for GRAFTs; the link it came on joins the tree; it is no longer
    /// missing.</summary>
    /// <param name="at">The link's position in the neighbour table; -1 for this peer's own message.</param>
    public void Received(PeerNode peer, int at, Messages.Gossip forwarded, long incarnation)
    {
        if (at >= 0) peer.Neighbourhood.Table.At(at).Lazy = PlumtreeRules.AfterPayload(firstReceipt: true) == LinkMode.Lazy;
        var key = (forwarded.Id, incarnation);
        if (_payloads.TryAdd(key, forwarded)) _keptInOrder.Enqueue((peer.Self.Ctx.Now, forwarded.Id, incarnation));
        if (_missing.Remove(key, out var missing))
        {
            _tickets.Remove(missing.Ticket);
            peer.Self.Ctx.CancelTimer(missing.Timer);
        }
    }

    /// <summary>A copy of a message already received, on link <paramref name="at"/>: the link leaves the tree, and the sender is
    /// told to stop pushing if it was on it.</summary>
    public void Duplicate(PeerNode peer, NodeAddress from, int at)
    {
        if (at < 0) return;
        ref var link = ref peer.Neighbourhood.Table.At(at);
        var before = link.Lazy ? LinkMode.Lazy : LinkMode.Eager;
        link.Lazy = PlumtreeRules.AfterPayload(firstReceipt: false) == LinkMode.Lazy;
        if (!PlumtreeRules.PruneOnDuplicate(before)) return;
        peer.Self.Ctx.Send(from, new Prune());
        PrunesSent++;
    }

    /// <summary>The lazy half of a forward: an IHAVE where the payload does not go.</summary>
    public void Announce(PeerNode peer, NodeAddress to, Messages.Gossip forwarded, long incarnation)
    {
        peer.Self.Ctx.Send(to, new Ihave(forwarded.Id, incarnation, forwarded.Hops));
        IhavesSent++;
    }

    /// <summary>An IHAVE from neighbour <paramref name="from"/>; <paramref name="received"/>: the Message List has the message.</summary>
    public void OnIhave(PeerNode peer, NodeAddress from, Ihave m, bool received)
    {
        var key = (m.Id, m.Incarnation);
        _missing.TryGetValue(key, out var missing);
        switch (PlumtreeRules.OnAnnouncement(received, awaited: missing != null))
        {
            case AnnouncementStep.StartTimer:
                // Bounded like the Message List: announcements of messages that never come cannot grow without end.
                if (_missing.Count >= peer.Self.Config.MessageListCapacity) return;
                missing = new Missing(++_nextTicket);
                missing.Announcers.Add(from);
                _missing[key] = missing;
                _tickets[missing.Ticket] = key;
                missing.Timer = peer.Self.Ctx.SetTimer(PlumtreeRules.GraftWait(peer.Self.Config.GraftTimeout, peer.Self.Ctx.Random.NextDouble()),
                    new TimerTag(TimerKind.GraftTimeout, missing.Ticket));
                break;
            case AnnouncementStep.Queue:
                if (missing!.Announcers.Count < MaxAnnouncers && !missing.Announcers.Contains(from)) missing.Announcers.Add(from);
                break;
        }
    }

    /// <summary>The key of the message a graft timer waits for; false when it arrived and the timer was one cancelled too late.</summary>
    public bool Awaited(long ticket, out MessageId id, out long incarnation)
    {
        bool found = _tickets.TryGetValue(ticket, out var key);
        (id, incarnation) = key;
        return found;
    }

    /// <summary>A missing message's timer fired (<paramref name="received"/> is false: <see cref="Received"/> would have cancelled
    /// it): GRAFT from the next announcer still linked, and look again after the retry time.</summary>
    public void OnTimer(PeerNode peer, MessageId id, long incarnation, bool received)
    {
        var key = (id, incarnation);
        if (!_missing.TryGetValue(key, out var missing)) return;
        var table = peer.Neighbourhood.Table;
        missing.Announcers.RemoveAll(a => !table.Contains(a));
        switch (PlumtreeRules.OnTimer(received, missing.Announcers.Count))
        {
            case GraftStep.Done:
            case GraftStep.GiveUp:
                if (!received) GivenUp++;
                _missing.Remove(key);
                _tickets.Remove(missing.Ticket);
                return;
            case GraftStep.Graft:
                int pick = PlumtreeRules.AnnouncerToAsk(missing.Announcers.Select(a => table.At(table.IndexOf(a)).Lazy ? LinkMode.Lazy : LinkMode.Eager).ToArray());
                var to = missing.Announcers[pick];
                missing.Announcers.RemoveAt(pick);
                peer.Neighbourhood.Table.At(table.IndexOf(to)).Lazy = false; // the link joins the tree
                peer.Self.Ctx.Send(to, new Graft(id, incarnation));
                GraftsSent++;
                missing.Timer = peer.Self.Ctx.SetTimer(peer.Self.Config.GraftRetry, new TimerTag(TimerKind.GraftTimeout, missing.Ticket));
                return;
        }
    }

    /// <summary>A GRAFT from neighbour at <paramref name="at"/>: the link joins the tree, and the message goes back if it is kept.</summary>
    /// <returns>The message to send, or null when it is no longer kept.</returns>
    public Messages.Gossip? OnGraft(PeerNode peer, int at, Graft m)
    {
        peer.Neighbourhood.Table.At(at).Lazy = false;
        return _payloads.GetValueOrDefault((m.Id, m.Incarnation));
    }

    /// <summary>A PRUNE from the neighbour at <paramref name="at"/>: the link leaves the tree (announcements only).</summary>
    public static void OnPrune(PeerNode peer, int at) => peer.Neighbourhood.Table.At(at).Lazy = true;

    /// <summary>This peer's links on the tree (the payload goes on them).</summary>
    public static int TreeLinks(PeerNode peer)
    {
        int eager = 0;
        foreach (ref readonly var link in peer.Neighbourhood.Table.Span) if (!link.Lazy) eager++;
        return eager;
    }

    /// <summary>Messages kept longer than the retention are let go: a GRAFT for one is not answered.</summary>
    public void Sweep(TimeSpan now, TimeSpan retention)
    {
        while (_keptInOrder.TryPeek(out var kept) && kept.Kept <= now - retention)
        {
            _keptInOrder.Dequeue();
            _payloads.Remove((kept.Id, kept.Incarnation));
        }
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Config;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Plumtree;

/// <summary>
/// What a peer running Plumtree keeps beside the Message List (which still decides first receipts, R10): the messages it can
/// send on a GRAFT, the messages announced to it and not yet received with who announced them, and its counts. A link's mode
/// (on the tree or lazy) is a flag of the peer's neighbour entry, set by the peer's gossip part (<c>Peer/GossipRelay</c>), so a new
/// link starts on the tree and a lost one takes its mode with it: this part knows no role. Made only for a peer that runs
/// Plumtree: a flooding peer pays nothing for it. The decisions are <see cref="PlumtreeRules"/>.
/// </summary>
internal sealed class PlumtreeGossip
{
    // Each made when first needed: a simulated million peers that each hold a message or two and are never announced a missing
    // one pay for a short list, not four tables (docs/performance.md).
    private List<(Messages.Gossip Message, long Incarnation)>? _kept;   // in the order received; a GRAFT finds its message by scanning
    private Dictionary<(MessageId, long), Missing>? _missing;
    private Dictionary<long, (MessageId, long)>? _tickets;
    private long _nextTicket;
    // The neighbours each kept message was sent to on a GRAFT: made on the first GRAFT answered, let go with the message.
    private Dictionary<(MessageId, long), (TimeSpan CreatedAt, List<NodeAddress> To)>? _grafted;

    /// <summary>A message announced and not received: its announcers in the order they announced, the next to ask first, and those
    /// asked already (none is noted twice).</summary>
    private sealed class Missing(long ticket)
    {
        public readonly long Ticket = ticket;
        public readonly List<NodeAddress> Announcers = new(2);
        public List<NodeAddress>? Asked;
        public TimerId Timer;

        public bool Noted(NodeAddress a) => Announcers.Contains(a) || (Asked?.Contains(a) ?? false);
        public int Count => Announcers.Count + (Asked?.Count ?? 0);
    }

    public long IhavesSent { get; private set; }
    public long GraftsSent { get; private set; }
    public long PrunesSent { get; private set; }
    /// <summary>Messages announced, never received and given up once every announcer was asked.</summary>
    public long GivenUp { get; private set; }
    /// <summary>Messages announced, not received and awaited now (each with its timer).</summary>
    public int AwaitedCount => _missing?.Count ?? 0;

    public void CountIhave() => IhavesSent++;
    public void CountPrune() => PrunesSent++;

    /// <summary>A first receipt (or this peer's own message): kept for GRAFTs, and no longer missing.</summary>
    public void Received(NodeContext ctx, Messages.Gossip forwarded, long incarnation)
    {
        (_kept ??= new List<(Messages.Gossip, long)>(2)).Add((forwarded, incarnation)); // a first receipt: never kept yet
        if (_missing != null && _missing.Remove((forwarded.Id, incarnation), out var missing))
        {
            _tickets!.Remove(missing.Ticket);
            ctx.CancelTimer(missing.Timer);
        }
    }

    /// <summary>An IHAVE from neighbour <paramref name="from"/>; <paramref name="received"/>: the Message List has the message.</summary>
    public void OnIhave(NodeContext ctx, PeerConfig config, NodeAddress from, Ihave m, bool received)
    {
        var key = (m.Id, m.Incarnation);
        Missing? missing = null;
        _missing?.TryGetValue(key, out missing);
        switch (PlumtreeRules.OnAnnouncement(received, awaited: missing != null))
        {
            case AnnouncementStep.StartTimer:
                _missing ??= new();
                _tickets ??= new();
                // Bounded like the Message List: announcements of messages that never come cannot grow without end.
                if (_missing.Count >= config.MessageListCapacity) return;
                missing = new Missing(++_nextTicket);
                missing.Announcers.Add(from);
                _missing[key] = missing;
                _tickets[missing.Ticket] = key;
                missing.Timer = ctx.SetTimer(PlumtreeRules.GraftWait(config.GraftTimeout, ctx.Random.NextDouble()),
                    new TimerTag(TimerKind.GraftTimeout, missing.Ticket));
                break;
            case AnnouncementStep.Queue:
                if (PlumtreeRules.NotesAnnouncer(missing!.Noted(from), missing.Count, config.PlumtreeMaxAnnouncers)) missing.Announcers.Add(from);
                break;
        }
    }

    /// <summary>The key of the message a graft timer waits for; false when it arrived and the timer was one cancelled too late.</summary>
    public bool Awaited(long ticket, out MessageId id, out long incarnation)
    {
        (MessageId, long) key = default;
        bool found = _tickets != null && _tickets.TryGetValue(ticket, out key);
        (id, incarnation) = key;
        return found;
    }

    /// <summary>
    /// A missing message's timer fired: the announcer to ask (GRAFT), chosen among those still linked (<paramref name="modeOf"/>
    /// is null for a lost link), with the retry timer set; null when the message arrived or nobody is left to ask. The caller puts
    /// the link on the tree and sends the GRAFT.
    /// </summary>
    public NodeAddress? NextToAsk(NodeContext ctx, PeerConfig config, MessageId id, long incarnation, bool received,
        Func<NodeAddress, LinkMode?> modeOf)
    {
        var key = (id, incarnation);
        if (_missing == null || !_missing.TryGetValue(key, out var missing)) return null;
        missing.Announcers.RemoveAll(a => modeOf(a) == null);
        switch (PlumtreeRules.OnTimer(received, missing.Announcers.Count))
        {
            case GraftStep.Graft:
                int pick = PlumtreeRules.AnnouncerToAsk(missing.Announcers.Select(a => modeOf(a)!.Value).ToArray());
                var to = missing.Announcers[pick];
                missing.Announcers.RemoveAt(pick);
                (missing.Asked ??= new(2)).Add(to);
                GraftsSent++;
                missing.Timer = ctx.SetTimer(config.GraftRetry, new TimerTag(TimerKind.GraftTimeout, missing.Ticket));
                return to;
            default:
                if (!received) GivenUp++;
                _missing.Remove(key);
                _tickets!.Remove(missing.Ticket);
                return null;
        }
    }

    /// <summary>The message neighbour <paramref name="from"/>'s GRAFT asks for, noted as sent to it; null when it is no longer kept or
    /// that neighbour had it on a GRAFT already (<see cref="PlumtreeRules.AnswersGraft"/>).</summary>
    /// <remarks>Past its retention a message is not sent even while the next sweep (the Message List's) has yet to drop it.</remarks>
    public Messages.Gossip? Answer(Graft m, NodeAddress from, TimeSpan now, TimeSpan retention)
    {
        Messages.Gossip? kept = null;
        if (_kept != null)
            foreach (var (message, incarnation) in _kept)
                if (message.Id == m.Id && incarnation == m.Incarnation) { kept = message; break; }
        var key = (m.Id, m.Incarnation);
        List<NodeAddress>? answered = null;
        if (_grafted != null && _grafted.TryGetValue(key, out var entry)) answered = entry.To;
        if (!PlumtreeRules.AnswersGraft(kept != null, kept != null && kept.CreatedAt > now - retention, answered?.Contains(from) ?? false))
            return null;
        if (answered == null) (_grafted ??= new())[key] = (kept!.CreatedAt, answered = new List<NodeAddress>(1));
        answered.Add(from);
        return kept;
    }

    /// <summary>Messages created longer than the retention ago are let go: a GRAFT for one is not answered.</summary>
    public void Sweep(TimeSpan now, TimeSpan retention)
    {
        _kept?.RemoveAll(k => k.Message.CreatedAt <= now - retention);
        if (_kept is { Count: 0 }) _kept = null;
        if (_grafted == null) return;
        foreach (var (key, entry) in _grafted)
            if (entry.CreatedAt <= now - retention) _grafted.Remove(key);
        if (_grafted.Count == 0) _grafted = null;
    }
}

using GossipSim.Engine.Messages;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;

namespace GossipSim.Engine.Peer;

/// <summary>
/// R9/R10: create a message every interval up to a count, and flood: on first receipt record
/// it in the Message List, log it, and forward to every neighbour it has not crossed to yet.
/// </summary>
public sealed partial class PeerNode
{
    private int _created;
    private long _gossipReceived;
    private long _gossipSent;

    private void OnGossipTick()
    {
        _created++;
        var id = new MessageId(Address, _created);
        var now = Ctx.Now;
        _messages.TryAdd(id, _certificate.Incarnation, now, -1);
        Ctx.Trace(new TraceEvent(now, TraceKind.GossipCreated, Address, Message: id));
        var message = new Messages.Gossip(id, now, 1, _config.MessageIncludesPort, _identity.SignGossip(id, now), _certificate);
        if (Ctx.LogEnabled) Ctx.Log($"created gossip {message.Text}");
        Forward(message, NodeAddress.None);
        if (_created < _config.MessagesPerPeer)
            Ctx.SetTimer(_config.GossipInterval, new TimerTag(TimerKind.GossipTick));
    }

    private void OnGossip(NodeAddress from, Messages.Gossip m)
    {
        _gossipReceived++;
        int at = _neighbours.IndexOf(from);
        var now = Ctx.Now;
        if (!AcceptsGossip(from, m, at, now)) return;
        int slot = at >= 0 ? _neighbours.At(at).Slot : -1;
        if (_messages.NoteIfKnown(m.Id, m.OriginCertificate.Incarnation, slot))
            return; // a duplicate: its link is noted, the message dropped, nothing logged (R10, R13)
        if (!FromItsOrigin(from, m)) return; // checked once, before its first receipt
        _messages.AddNew(m.Id, m.OriginCertificate.Incarnation, now, slot);
        Ctx.Trace(new TraceEvent(now, TraceKind.GossipDelivered, Address, from, m.Id, A: m.Hops, B: m.CreatedAt.Ticks));
        if (Ctx.LogEnabled) Ctx.Log($"received {m.Text} from {from} (hops {m.Hops})");
        Forward(m with { Hops = m.Hops + 1 }, from);
    }

    private void Forward(Messages.Gossip m, NodeAddress cameFrom)
    {
        var neighbours = _neighbours.Span;
        Span<int> slots = neighbours.Length <= 256 ? stackalloc int[neighbours.Length] : new int[neighbours.Length];
        int n = 0;
        foreach (var nb in neighbours)
            if (nb.Address != cameFrom) slots[n++] = nb.Slot;
        // Only links the message has not crossed yet (R10); one Message List lookup for all of them.
        int claimed = _messages.ClaimLinks(m.Id, m.OriginCertificate.Incarnation, slots[..n]);
        for (int i = 0, j = 0; i < neighbours.Length && j < claimed; i++)
        {
            if (neighbours[i].Slot != slots[j]) continue;
            Ctx.Send(neighbours[i].Address, m);
            _gossipSent++;
            j++;
        }
    }
}

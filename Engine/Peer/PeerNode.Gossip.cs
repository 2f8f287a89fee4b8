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
        _messages.TryAdd(id, now, now, -1);
        Ctx.Trace(new TraceEvent(now, TraceKind.GossipCreated, Address, Message: id));
        var message = new Messages.Gossip(id, now, 1, _config.MessageIncludesPort);
        if (Ctx.LogEnabled) Ctx.Log($"created gossip {message.Text}");
        Forward(message, NodeAddress.None);
        if (_created < _config.MessagesPerPeer)
            Ctx.SetTimer(_config.GossipInterval, new TimerTag(TimerKind.GossipTick));
    }

    private void OnGossip(NodeAddress from, Messages.Gossip m)
    {
        _gossipReceived++;
        int slot = _neighbours.TryGet(from, out var n) ? n.Slot : -1;
        var now = Ctx.Now;
        if (!_messages.TryAdd(m.Id, m.CreatedAt, now, slot))
        {
            _messages.MarkLink(m.Id, m.CreatedAt, slot); // a duplicate: dropped, not logged (R10, R13)
            return;
        }
        if (now - m.CreatedAt > _config.MessageListTtl)
            return; // older than the Message List remembers: it could be a copy we already forgot
        Ctx.Trace(new TraceEvent(now, TraceKind.GossipDelivered, Address, from, m.Id, A: m.Hops, B: m.CreatedAt.Ticks));
        if (Ctx.LogEnabled) Ctx.Log($"received {m.Text} from {from} (hops {m.Hops})");
        Forward(m with { Hops = m.Hops + 1 }, from);
    }

    private void Forward(Messages.Gossip m, NodeAddress cameFrom)
    {
        foreach (var n in _neighbours.InOrder)
        {
            if (n.Address == cameFrom) continue;
            if (!_messages.MarkLink(m.Id, m.CreatedAt, n.Slot)) continue; // this link already carried it
            Ctx.Send(n.Address, m);
            _gossipSent++;
        }
    }
}

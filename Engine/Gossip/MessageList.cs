using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Gossip;

/// <summary>
/// R10: the Message List. For each message seen: when it was first seen, and which neighbour
/// links it crossed (received from or forwarded to), so a message crosses a link at most once.
/// Bounded two ways: entries expire after a time to live, and past a capacity the oldest go.
/// Links are neighbour-table slots: a 64-bit mask for the first 64, a small array beyond.
/// </summary>
public sealed class MessageList
{
    private struct Entry
    {
        public long FirstSeenTicks;
        public ulong Mask;
        public int[]? Extra;
    }

    private readonly Dictionary<MessageId, Entry> _entries = new();
    private readonly Queue<(MessageId id, long ticks)> _order = new();
    private readonly TimeSpan _ttl;
    private readonly int _capacity;

    public MessageList(TimeSpan ttl, int capacity)
    {
        _ttl = ttl;
        _capacity = capacity;
    }

    public int Count => _entries.Count;
    public long Evicted { get; private set; }

    public bool Contains(MessageId id) => _entries.ContainsKey(id);

    /// <summary>Records a first receipt (or creation, with slot -1); false if already known.</summary>
    public bool TryAdd(MessageId id, TimeSpan now, int fromSlot)
    {
        if (_entries.ContainsKey(id)) return false;
        while (_entries.Count >= _capacity && _order.Count > 0)
        {
            _entries.Remove(_order.Dequeue().id);
            Evicted++;
        }
        var e = new Entry { FirstSeenTicks = now.Ticks };
        Mark(ref e, fromSlot);
        _entries[id] = e;
        _order.Enqueue((id, now.Ticks));
        return true;
    }

    /// <summary>Notes that the message crossed the link in this slot; false if it had already.</summary>
    public bool MarkLink(MessageId id, int slot)
    {
        if (slot < 0) return false;
        ref var e = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_entries, id);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref e)) return false;
        if (HasLink(e, slot)) return false;
        Mark(ref e, slot);
        return true;
    }

    public bool HasLink(MessageId id, int slot) => _entries.TryGetValue(id, out var e) && HasLink(e, slot);

    /// <summary>Forgets entries older than the time to live.</summary>
    public void Sweep(TimeSpan now)
    {
        long cutoff = (now - _ttl).Ticks;
        while (_order.Count > 0 && _order.Peek().ticks < cutoff)
        {
            _entries.Remove(_order.Dequeue().id);
            Evicted++;
        }
    }

    private static bool HasLink(in Entry e, int slot)
    {
        if (slot < 64) return (e.Mask & (1UL << slot)) != 0;
        return e.Extra != null && Array.IndexOf(e.Extra, slot) >= 0;
    }

    private static void Mark(ref Entry e, int slot)
    {
        if (slot < 0) return;
        if (slot < 64) { e.Mask |= 1UL << slot; return; }
        if (e.Extra == null) { e.Extra = new[] { slot }; return; }
        Array.Resize(ref e.Extra, e.Extra.Length + 1);
        e.Extra[^1] = slot;
    }
}

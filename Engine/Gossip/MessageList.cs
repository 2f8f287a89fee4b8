using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Gossip;

/// <summary>
/// R10: the Message List. For each message seen: when it was first seen, and which neighbour
/// links it crossed (received from or forwarded to), so a message crosses a link at most once.
/// Bounded two ways: entries expire after a time to live, and past a capacity the oldest go.
/// Links are neighbour-table slots: a 64-bit mask for the first 64, a small array beyond.
/// A message is known by its origin, number and creation time, as R9's text is: a restarted
/// origin numbers its messages from 1 again, and those are new messages, not duplicates.
/// </summary>
public sealed class MessageList
{
    private struct Entry
    {
        public long FirstSeenTicks;
        public ulong Mask;
        public int[]? Extra;
    }

    private readonly Dictionary<(MessageId id, long created), Entry> _entries = new();
    private readonly Queue<((MessageId id, long created) key, long ticks)> _order = new();
    private readonly TimeSpan _ttl;
    private readonly int _capacity;

    public MessageList(TimeSpan ttl, int capacity)
    {
        _ttl = ttl;
        _capacity = capacity;
    }

    public int Count => _entries.Count;
    public long Evicted { get; private set; }

    public bool Contains(MessageId id, TimeSpan createdAt) => _entries.ContainsKey((id, createdAt.Ticks));

    /// <summary>Records a first receipt (or creation, with slot -1); false if already known.</summary>
    public bool TryAdd(MessageId id, TimeSpan createdAt, TimeSpan now, int fromSlot)
    {
        var key = (id, createdAt.Ticks);
        if (_entries.ContainsKey(key)) return false;
        while (_entries.Count >= _capacity && _order.Count > 0)
        {
            _entries.Remove(_order.Dequeue().key);
            Evicted++;
        }
        var e = new Entry { FirstSeenTicks = now.Ticks };
        Mark(ref e, fromSlot);
        _entries[key] = e;
        _order.Enqueue((key, now.Ticks));
        return true;
    }

    /// <summary>Notes that the message crossed the link in this slot; false if it had already.</summary>
    public bool MarkLink(MessageId id, TimeSpan createdAt, int slot)
    {
        if (slot < 0) return false;
        ref var e = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_entries, (id, createdAt.Ticks));
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref e)) return false;
        if (HasLink(e, slot)) return false;
        Mark(ref e, slot);
        return true;
    }

    public bool HasLink(MessageId id, TimeSpan createdAt, int slot) => _entries.TryGetValue((id, createdAt.Ticks), out var e) && HasLink(e, slot);

    /// <summary>Forgets entries older than the time to live.</summary>
    public void Sweep(TimeSpan now)
    {
        long cutoff = (now - _ttl).Ticks;
        while (_order.Count > 0 && _order.Peek().ticks < cutoff)
        {
            _entries.Remove(_order.Dequeue().key);
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

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// Records a first receipt (or creation, with slot -1) and returns true; for a message
    /// already known, notes that it came in on <paramref name="fromSlot"/> and returns false.
    /// A duplicate (most receipts in a flood) costs one lookup.
    /// </summary>
    public bool TryAdd(MessageId id, TimeSpan createdAt, TimeSpan now, int fromSlot)
    {
        var key = (id, createdAt.Ticks);
        ref var known = ref CollectionsMarshal.GetValueRefOrNullRef(_entries, key);
        if (!Unsafe.IsNullRef(ref known))
        {
            if (fromSlot >= 0 && !HasLink(known, fromSlot)) Mark(ref known, fromSlot);
            return false;
        }
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
        ref var e = ref CollectionsMarshal.GetValueRefOrNullRef(_entries, (id, createdAt.Ticks));
        if (Unsafe.IsNullRef(ref e)) return false;
        if (HasLink(e, slot)) return false;
        Mark(ref e, slot);
        return true;
    }

    /// <summary>
    /// Of <paramref name="slots"/>, keeps in place those the message has not crossed yet, marks
    /// them crossed, and returns how many: the links to forward it on, in one lookup.
    /// </summary>
    public int ClaimLinks(MessageId id, TimeSpan createdAt, Span<int> slots)
    {
        ref var e = ref CollectionsMarshal.GetValueRefOrNullRef(_entries, (id, createdAt.Ticks));
        if (Unsafe.IsNullRef(ref e)) return 0;
        int kept = 0;
        foreach (int slot in slots)
        {
            if (HasLink(e, slot)) continue;
            Mark(ref e, slot);
            slots[kept++] = slot;
        }
        return kept;
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

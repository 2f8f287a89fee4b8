using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Events;

/// <summary>What happens at a point of virtual time (2 bits in an event).</summary>
public enum SimEventKind : byte { Deliver, Timer, Control, Start }

/// <summary>
/// One scheduled event. A struct: the queue holds millions and must not allocate per event
/// beyond the message object the sender made.
/// </summary>
/// <remarks>
/// Laid out by hand, the reference in the middle: a struct with a reference is otherwise laid out
/// with it first, and a copy into the heap (every push, pour and take) then moves the other 32
/// bytes with <c>rep movsq</c>, whose start-up costs more than the copy (the JIT uses it from four
/// plain words in a row; split two and two it moves them one by one).
/// </remarks>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 40)]
public struct SimEvent
{
    [System.Runtime.InteropServices.FieldOffset(0)]
    public long Time;       // ticks of virtual time
    // Breaks ties so that equal times never depend on queue layout or thread count, and is a
    // timer's id: who made the event and how many it had made before (see EventKey).
    [System.Runtime.InteropServices.FieldOffset(8)]
    public long Sequence;
    [System.Runtime.InteropServices.FieldOffset(16)]
    public object? Payload; // Message (Deliver), Action (Control)
    // What the event is about, by kind: the sender's address (Deliver), carried in the event
    // rather than looked up by index at delivery (one random memory read less per message), or
    // the timer's tag argument (Timer). One field for both: every event is written, sorted and
    // copied several times on its way through the queue.
    [System.Runtime.InteropServices.FieldOffset(24)]
    public long Data;
    // The node index (24 bits) and the timer's kind above it; the target's life epoch when the
    // event was made (30 bits: an event made before its target's current life began was meant
    // for an earlier life and is dropped, see NodeTable.Epoch) and the event's kind above it.
    // Packed so that an event stays 40 bytes.
    [System.Runtime.InteropServices.FieldOffset(32)]
    private uint _targetAndTagKind;
    [System.Runtime.InteropServices.FieldOffset(36)]
    private uint _epochAndKind;

    /// <summary>
    /// Copies an event into the heap (a slot, a chunk, the active events). A copy of the whole struct stores its reference through
    /// the collector's write barrier, a call, even when it is null; a null payload (PHOLD's events, the protocol's timers) is
    /// stored as the constant, which needs none: two calls an event less in PHOLD (docs/performance.md section 1).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Store(ref SimEvent to, in SimEvent from)
    {
        if (from.Payload is null)
        {
            to.Time = from.Time;
            to.Sequence = from.Sequence;
            to.Payload = null;
            to.Data = from.Data;
            to._targetAndTagKind = from._targetAndTagKind;
            to._epochAndKind = from._epochAndKind;
        }
        else to = from;
    }

    /// <summary>Epochs run below this (30 bits).</summary>
    public const uint MaxEpoch = (1u << 30) - 1;

    public int Target
    {
        readonly get => (int)(_targetAndTagKind & 0xFFFFFF);
        set => _targetAndTagKind = (_targetAndTagKind & 0xFF000000) | ((uint)value & 0xFFFFFF);
    }

    public TimerKind TagKind
    {
        readonly get => (TimerKind)(_targetAndTagKind >> 24);
        set => _targetAndTagKind = (_targetAndTagKind & 0xFFFFFF) | ((uint)(byte)value << 24);
    }

    public uint Epoch
    {
        readonly get => _epochAndKind & MaxEpoch;
        set => _epochAndKind = (_epochAndKind & ~MaxEpoch) | (value & MaxEpoch);
    }

    public SimEventKind Kind
    {
        readonly get => (SimEventKind)(_epochAndKind >> 30);
        set => _epochAndKind = (_epochAndKind & MaxEpoch) | ((uint)value << 30);
    }

    public NodeAddress From
    {
        readonly get => NodeAddress.FromKey((ulong)Data);
        set => Data = (long)value.Key;
    }

    public TimerTag Tag
    {
        readonly get => new(TagKind, Data);
        set { TagKind = value.Kind; Data = value.Arg; }
    }
}

/// <summary>
/// The simulator's one queue, in total order (time, sequence): a heap's order exactly (traces do not
/// change) at a flat cost per event as the queue grows to millions, where a heap misses the cache at
/// every level. Fine slots 409.6 us wide cover the next 6.7 s, coarse slots (one fine period each) the
/// next 7.6 h of timers, a heap anything beyond. Scheduling puts a slot's first event in the slot itself
/// and appends the others to its chain of pooled chunks (memory follows the events in flight); a coarse
/// slot is poured into the fine calendar as the clock enters its period, and a fine slot sorted once,
/// when reached. Refuses to go back in time.
/// </summary>
public sealed class EventQueue
{
    private const int SlotShift = 12;                 // 4,096 ticks = 409.6 us per fine slot
    private const int PeriodShift = 14;               // 16,384 fine slots = one 6.7 s period = one coarse slot
    private const int SlotCount = 1 << PeriodShift;
    private const int SlotMask = SlotCount - 1;
    private const int CoarseCount = 1 << 12;          // 4,096 periods: 7.6 h ahead
    private const int CoarseMask = CoarseCount - 1;
    private const int ChunkSize = 32;

    private sealed class Chunk
    {
        public readonly SimEvent[] Items = new SimEvent[ChunkSize];
        public Chunk? Next;
    }

    private struct Slot
    {
        // The slot's first event, kept in the slot itself: a sparse slot (PHOLD at 10^3 holds one event in several) then takes no chunk
        // from the pool and gives none back, and its event is one memory read from the cursor.
        public SimEvent First;
        public Chunk? Head;                                    // the events after the first, in chunks
        public Chunk? Tail;
        public int TailFill;
        public int Count;
    }

    private readonly Slot[] _slots = new Slot[SlotCount];      // fine: events with slot in [cursor, cursor + SlotCount)
    private readonly Slot[] _coarse = new Slot[CoarseCount];   // coarse: events of a later period, within CoarseCount periods
    // A bit a fine slot, set while it holds events: the cursor finds the next busy slot a word of 64 at a time. Sparse runs (PHOLD
    // at 10^3, a few hundred events a second over 409.6 us slots) otherwise step through several empty slots an event.
    private readonly ulong[] _busy = new ulong[SlotCount / 64];
    private readonly Stack<Chunk> _freeChunks = new();
    private readonly PriorityQueue<SimEvent, (long time, long seq)> _far = new();
    private SimEvent[] _active = new SimEvent[256]; // the cursor slot, sorted
    private long[] _keys = new long[256];           // SortActive's scratch: (time, sequence) keys, positions, the reordered events
    private int[] _order = new int[256];
    private SimEvent[] _sorted = new SimEvent[256];
    private long[] _keys2 = new long[256];          // the radix sort's other half
    private int[] _order2 = new int[256];
    private int _activeCount;
    private int _read;
    private long _cursor;        // absolute fine slot number (time >> SlotShift) of the active events
    private long _fine;          // events in the active array and the fine slots
    private long _coarseCount;   // events in the coarse slots
    private long _sequence;
    private long _advances;

    public int Count => (int)(_fine + _coarseCount + _far.Count);

    /// <summary>Schedules an event, numbering it in the order pushed (for a queue whose events have no other order).</summary>
    public void Push(ref SimEvent e, long now)
    {
        e.Sequence = _sequence++;
        PushKeyed(ref e, now);
    }

    /// <summary>Schedules an event whose <see cref="SimEvent.Sequence"/> the caller set: distinct from every other event's of the same
    /// time.</summary>
    public void PushKeyed(ref SimEvent e, long now)
    {
        if (e.Time < now) throw new InvalidOperationException($"cannot schedule at {e.Time} before now {now}");
        Route(ref e);
    }

    /// <summary>Puts an event where it belongs relative to the cursor: active, fine, coarse or far.</summary>
    private void Route(ref SimEvent e)
    {
        long slot = e.Time >> SlotShift;
        if (slot - _cursor < SlotCount)
        {
            _fine++;
            // At or before the cursor (the clock may stand short of the cursor's slot after a peek): into the sorted active events.
            if (slot <= _cursor) InsertActive(ref e);
            else AppendFine(ref e, (int)(slot & SlotMask));
            return;
        }
        RouteBeyondFine(ref e, slot);
    }

    /// <summary>An event past the fine calendar: to its coarse slot or the far heap. Out of line, so that <see cref="Route"/>'s usual
    /// path sets up no frame for the heap's key.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void RouteBeyondFine(ref SimEvent e, long slot)
    {
        long period = slot >> PeriodShift;
        if (period - (_cursor >> PeriodShift) < CoarseCount)
        {
            _coarseCount++;
            Append(_coarse, ref e, (int)(period & CoarseMask));
            return;
        }
        _far.Enqueue(e, (e.Time, e.Sequence));
    }

    public bool TryPeekTime(out long time)
    {
        if (!Ready()) { time = 0; return false; }
        time = _active[_read].Time;
        return true;
    }

    public SimEvent Pop()
    {
        if (!Ready()) throw new InvalidOperationException("the queue is empty");
        ref var at = ref _active[_read++];
        var e = at;
        at.Payload = null; // drop the payload reference, so the message can be collected; the plain words are dead (past _read)
        _fine--;
        return e;
    }

    /// <summary>
    /// The events the next pops will return, in order, as far as the sorted active slot goes
    /// (empty when the next pop must first move to another slot). For looking ahead only
    /// (prefetching): valid until the next push or pop.
    /// </summary>
    public ReadOnlySpan<SimEvent> Upcoming => _active.AsSpan(_read, _activeCount - _read);

    /// <summary>Makes the active events hold the next one, moving the cursor to the next busy slot if they are drained.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool Ready() => _read < _activeCount || Advance();

    /// <summary>The active events are drained: the cursor moves to the next busy slot, whose events become the active ones.</summary>
    private bool Advance()
    {
        _read = 0;
        _activeCount = 0;
        if (_fine == 0 && _coarseCount == 0)
        {
            if (_far.Count == 0) return false;
            // Nothing within the calendars: jump to the heap's first event and let the calendars take what is now near.
            _cursor = _far.Peek().Time >> SlotShift;
            Migrate();
        }
        else
        {
            long next = _cursor + 1;
            while (true)
            {
                // Nothing in the fine calendar: skip the rest of this period's (empty) slots.
                if (_fine == 0 && (next & SlotMask) != 0) next = (next | SlotMask) + 1;
                if ((next & SlotMask) == 0)
                {
                    // A new period: its coarse slot pours into the fine calendar before any of its slots is taken.
                    _cursor = next;
                    Pour(next >> PeriodShift);
                }
                if (_activeCount > 0) break;
                int busy = NextBusy((int)(next & SlotMask));
                if (busy >= 0)
                {
                    next = (next & ~(long)SlotMask) | (uint)busy;
                    break;
                }
                next = (next | SlotMask) + 1; // nothing busy left in this period
            }
            _cursor = next;
        }
        int taken = (int)(_cursor & SlotMask);
        TakeSlot(taken);
        // The next busy slot is read at the next advance: its load starts now, behind this slot's events.
        if (taken + 1 < SlotCount && NextBusy(taken + 1) is int after and >= 0) Prefetch.Field(ref _slots[after]);
        if ((++_advances & 0xFFF) == 0) TrimIfIdle();
        if (_activeCount > 1) SortActive(); // most slots of a sparse run hold one event: no call
        return true;
    }

    /// <summary>Whether <paramref name="a"/> comes after <paramref name="b"/> in the queue's order (time, then sequence).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool Later(in SimEvent a, in SimEvent b) => a.Time > b.Time || (a.Time == b.Time && a.Sequence > b.Sequence);

    /// <summary>
    /// Orders the active events by (time, sequence). Few: a plain sort. Many: radix-sort 8-byte
    /// keys (the time within the slot, in as many bits as its spread needs, typically 12)
    /// carrying 4-byte positions, then move each 40-byte event once, instead of sorting the
    /// events themselves through a comparison delegate; the rare runs of equal times are then
    /// put in sequence order. Faster than a comparison sort at large depths (TimeQueueBenchmark,
    /// docs/performance.md section 3).
    /// </summary>
    private void SortActive()
    {
        int n = _activeCount;
        if (n < 2) return;
        var events = _active.AsSpan(0, n);
        if (n <= 8)
        {
            // A sparse slot: insertion, comparing in place rather than through a delegate.
            for (int i = 1; i < n; i++)
            {
                var e = events[i];
                int j = i;
                while (j > 0 && Later(events[j - 1], e))
                {
                    events[j] = events[j - 1];
                    j--;
                }
                events[j] = e;
            }
            return;
        }
        long minTime = long.MaxValue, maxTime = long.MinValue;
        foreach (ref readonly var e in events)
        {
            minTime = Math.Min(minTime, e.Time); maxTime = Math.Max(maxTime, e.Time);
        }
        if (n < 64 || maxTime - minTime >= 1L << 33)
        {
            events.Sort(ByTimeThenSequence);
            return;
        }
        if (_keys.Length < n)
        {
            _keys = new long[Math.Max(n, _keys.Length * 2)];
            _order = new int[_keys.Length];
            _sorted = new SimEvent[_keys.Length];
            _keys2 = new long[_keys.Length];
            _order2 = new int[_keys.Length];
        }
        int timeBits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(maxTime - minTime));
        var keys = _keys.AsSpan(0, n);
        var order = _order.AsSpan(0, n);
        for (int i = 0; i < n; i++)
        {
            keys[i] = events[i].Time - minTime;
            order[i] = i;
        }
        RadixSort(ref _keys, ref _order, ref _keys2, ref _order2, n, Math.Max(1, timeBits));
        order = _order.AsSpan(0, n);
        var sorted = _sorted.AsSpan(0, n);
        for (int i = 0; i < n; i++) sorted[i] = events[order[i]];
        // Equal times, in sequence order: runs are short (ticks are 100 ns), a sort each.
        for (int i = 0; i < n;)
        {
            int j = i + 1;
            while (j < n && sorted[j].Time == sorted[i].Time) j++;
            if (j - i > 1) sorted[i..j].Sort(ByTimeThenSequence);
            i = j;
        }
        sorted.CopyTo(events);
        sorted.Clear(); // no stale payload references kept alive
    }

    private static readonly Comparison<SimEvent> ByTimeThenSequence =
        static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Sequence.CompareTo(b.Sequence);

    private const int RadixBits = 11;
    private readonly int[] _counts = new int[1 << RadixBits];

    /// <summary>Sorts the first n keys with their positions, stably, in passes of 11 bits; the results end up in keys/order.</summary>
    private void RadixSort(ref long[] keys, ref int[] order, ref long[] keysB, ref int[] orderB, int n, int bits)
    {
        const int mask = (1 << RadixBits) - 1;
        var counts = _counts;
        for (int shift = 0; shift < bits; shift += RadixBits)
        {
            Array.Clear(counts);
            for (int i = 0; i < n; i++) counts[(int)(keys[i] >> shift) & mask]++;
            int sum = 0;
            for (int b = 0; b < counts.Length; b++) { int c = counts[b]; counts[b] = sum; sum += c; }
            for (int i = 0; i < n; i++)
            {
                long k = keys[i];
                int at = counts[(int)(k >> shift) & mask]++;
                keysB[at] = k;
                orderB[at] = order[i];
            }
            (keys, keysB) = (keysB, keys);
            (order, orderB) = (orderB, order);
        }
    }

    /// <summary>The cursor entered this period: its coarse events go to their fine slots, and the heap gives up what the calendars now
    /// cover.</summary>
    private void Pour(long period)
    {
        ref var slot = ref _coarse[(int)(period & CoarseMask)];
        int n = slot.Count;
        if (n > 0) AppendFine(ref slot.First, (int)((slot.First.Time >> SlotShift) & SlotMask));
        for (var c = slot.Head; c != null;)
        {
            int fill = c == slot.Tail ? slot.TailFill : ChunkSize;
            for (int i = 0; i < fill; i++) AppendFine(ref c.Items[i], (int)((c.Items[i].Time >> SlotShift) & SlotMask));
            c.Items.AsSpan(0, fill).Clear();
            var next = c.Next;
            c.Next = null;
            _freeChunks.Push(c);
            c = next;
        }
        slot = default;
        _coarseCount -= n;
        _fine += n;
        Migrate();
    }

    private void Migrate()
    {
        long horizon = (_cursor >> PeriodShift) + CoarseCount;
        while (_far.TryPeek(out _, out var key) && (key.time >> (SlotShift + PeriodShift)) < horizon)
        {
            var e = _far.Dequeue();
            Route(ref e);
        }
    }

    /// <summary>
    /// Gives memory back after a peak (a million start events at time zero, a burst of joins), every 4,096th advance:
    /// the far heap never shrinks by itself, and the chunk pool keeps at most one spare per eight
    /// chunks in use.
    /// </summary>
    private void TrimIfIdle()
    {
        if (_far.Count < _far.EnsureCapacity(0) / 4) _far.TrimExcess();
        // Spares beyond an eighth of the chunks in use are let go: after the join's peak a
        // million-peer run otherwise keeps a large pool of spare chunks that nothing reuses.
        long spare = ((_fine + _coarseCount) / ChunkSize + SlotCount + CoarseCount) / 8;
        while (_freeChunks.Count > spare) _freeChunks.Pop();
        if (_freeChunks.Count < _freeChunks.EnsureCapacity(0) / 4) _freeChunks.TrimExcess();
    }

    /// <summary>The first busy fine slot at or after <paramref name="from"/> in this period's calendar, or -1.</summary>
    private int NextBusy(int from)
    {
        int word = from >> 6;
        ulong bits = _busy[word] & (ulong.MaxValue << (from & 63));
        while (bits == 0)
        {
            if (++word == _busy.Length) return -1;
            bits = _busy[word];
        }
        return (word << 6) | System.Numerics.BitOperations.TrailingZeroCount(bits);
    }

    /// <summary>Copies a fine slot's chunks into the active array and returns them to the pool.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void TakeSlot(int index)
    {
        _busy[index >> 6] &= ~(1UL << index);
        ref var slot = ref _slots[index];
        // Empty when what was routed to the cursor's slot went among the active events instead (Route puts an event of the cursor's
        // slot there): after a jump to the far heap's first event, or a pour that migrated one.
        if (slot.Count == 0) return;
        if (_active.Length < _activeCount + slot.Count) Array.Resize(ref _active, Math.Max(_activeCount + slot.Count, _active.Length * 2));
        SimEvent.Store(ref _active[_activeCount++], in slot.First);
        if (slot.Head == null)
        {
            // One event (most slots of a sparse run): the slot is empty again once its count is and its payload reference dropped.
            // Its other fields are as AppendFine expects an empty slot's (no chunks); the first event's plain words are stale
            // and written over by the next. A 64-byte clear an event less (PHOLD at 10^3, docs/performance.md section 1).
            slot.Count = 0;
            slot.First.Payload = null;
            return;
        }
        for (var c = slot.Head; c != null;)
        {
            int n = c == slot.Tail ? slot.TailFill : ChunkSize;
            c.Items.AsSpan(0, n).CopyTo(_active.AsSpan(_activeCount));
            c.Items.AsSpan(0, n).Clear();
            _activeCount += n;
            var next = c.Next;
            c.Next = null;
            _freeChunks.Push(c);
            c = next;
        }
        slot = default;
    }

    /// <summary>Appends to a fine slot; its first event marks it busy.</summary>
    private void AppendFine(ref SimEvent e, int index)
    {
        ref ulong word = ref _busy[index >> 6];
        ulong bit = 1UL << index;
        if ((word & bit) == 0)
        {
            // An empty slot's fields are all clear: written without being read, so a slot out of the cache (the calendar is 1 MiB)
            // costs a store the CPU need not wait for rather than a load it must. The count first: a store, it is the slot's null
            // check too, where taking the first event's address first made the compiler check it with a load (17 % of PHOLD's samples).
            ref var slot = ref _slots[index];
            slot.Count = 1;
            SimEvent.Store(ref slot.First, in e);
            word |= bit;
            return;
        }
        Append(_slots, ref e, index);
    }

    /// <summary>Appends to a slot: its first event into the slot itself, the others to its chain.</summary>
    private void Append(Slot[] slots, ref SimEvent e, int index)
    {
        ref var slot = ref slots[index];
        if (slot.Count == 0)
        {
            SimEvent.Store(ref slot.First, in e);
            slot.Count = 1;
            return;
        }
        if (slot.Tail == null || slot.TailFill == ChunkSize)
        {
            var chunk = _freeChunks.Count > 0 ? _freeChunks.Pop() : new Chunk();
            if (slot.Tail == null) slot.Head = chunk;
            else slot.Tail.Next = chunk;
            slot.Tail = chunk;
            slot.TailFill = 0;
        }
        SimEvent.Store(ref slot.Tail.Items[slot.TailFill++], in e);
        slot.Count++;
    }

    /// <summary>Among the unread active events, in (time, sequence) order.</summary>
    private void InsertActive(ref SimEvent e)
    {
        if (_activeCount == _active.Length) Array.Resize(ref _active, _active.Length * 2);
        int i = _activeCount++;
        while (i > _read && Later(_active[i - 1], e))
        {
            _active[i] = _active[i - 1];
            i--;
        }
        SimEvent.Store(ref _active[i], in e);
    }
}

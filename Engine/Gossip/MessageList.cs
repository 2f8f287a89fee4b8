using System.Numerics;
using System.Runtime.InteropServices;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Gossip;

/// <summary>
/// R10: the Message List: per message seen, when it was first seen and which neighbour links (table
/// slots: a 64-bit mask for the first 64, an array beyond) it crossed, so it crosses a link at most
/// once. Bounded by a time to live and a capacity (oldest go first). A message is known by origin,
/// number and the origin's incarnation: a restarted origin's messages are new, but a re-signed number
/// of one incarnation is a duplicate. Entries sit in a ring in first-seen (= expiry) order, searched
/// newest first; only long lists keep an index (<see cref="RingIndex"/>: two-byte cells while the ring's slots fit), as a
/// million peers each hold one. A mutable struct, held as its peer's field (never copied).
/// </summary>
public struct MessageList
{
    private const int ScanMax = 32;

    // 24 bytes: the id's parts (its origin's address and the number) without the padding a MessageId carries, and the origin's
    // incarnation as 16 bits from the list's base: 8 bytes less an entry than the incarnation whole (a peer keeping 100 messages
    // holds 800 bytes less). A list's origins are nearly always within that of its base: on the simulator every node's first life
    // is the same incarnation (a rejoin adds one; a restart's next life is 65,536 on, and its messages keep theirs beside them), on
    // real nodes it is the start's clock in milliseconds, and a run's nodes start within half a minute of each other. The base is
    // the incarnation of the message that found the list empty: should that be a restarted origin's, the first lives' messages
    // are the ones kept beside, until the list empties. What an entry rarely needs lives beside it (Aside): links beyond the
    // first 64 (only hubs have them), a first-seen time too far from the list's base for 32 bits, and an incarnation too far
    // from the list's base for 16.
    [StructLayout(LayoutKind.Sequential)]
    private struct Entry
    {
        public ulong Mask;
        public uint OriginIp;
        public ushort OriginPort;
        public short Life;         // the origin's incarnation less _lifeBase, or Elsewhere: the incarnation is in Aside.Lives
        public int Number;
        public uint SeenAfterBase; // ticks from _baseTicks to its first receipt, or Far: the ticks are in Aside.Seen
    }

    /// <summary>An entry's incarnation is not in its 16 bits but beside it.</summary>
    private const short Elsewhere = short.MinValue;

    /// <summary>An entry's first-seen time is not in its 32 bits but beside it.</summary>
    private const uint Far = uint.MaxValue;

    /// <summary>What a few entries need and most do not, by absolute position.</summary>
    private sealed class Aside
    {
        public Dictionary<long, int[]>? Links; // link slots of 64 and above
        public Dictionary<long, long>? Seen;   // first-seen ticks of entries marked Far
        public Dictionary<long, long>? Lives;  // incarnations of entries marked Elsewhere
    }

    private Entry[] _ring = Array.Empty<Entry>(); // entry at absolute position p is _ring[(_headIndex + p - _head) mod length]
    private long _head;                            // absolute position of the oldest entry
    private int _headIndex;                        // where it sits in the ring
    private int _count;
    private Array? _index; // only while the list is long: ushort[] or int[] cells, see RingIndex
    // _index.Length - 1, kept here: a lookup's first cell is then read without first reading the index's length, a cache miss of
    // its own in a long list (a peer's index is 64 KiB with 12,000 messages), so the two misses overlap instead of following.
    private int _indexMask;
    private Aside? _aside;
    // What the entries' first-seen times count from: 32 bits of ticks (7.1 minutes) then hold every entry of a list within the
    // default time to live (5 minutes), 8 bytes less an entry (a peer keeping 100 messages holds 800 bytes less). Under a time to
    // live past 7 minutes a busy list keeps most of its times beside its entries: exact still, but larger than 8 bytes an entry.
    private long _baseTicks;
    // What the entries' incarnations count from: the incarnation of the entry that found the list empty.
    private long _lifeBase;
    private readonly TimeSpan _ttl;
    private readonly int _capacity;

    /// <summary>
    /// The largest first ring an expected count sets (<see cref="AddNew"/>): 24 KB. Up to it the ring grows by quarters (see <see cref="GrownLength"/>),
    /// whose outgrown rings add up to about four times the last; past it, by doubling, whose add up to one. A larger expected
    /// count would also hold that much for a peer that joined late and will see few of the messages.
    /// </summary>
    public const int FirstRingMax = 1024;

    public MessageList(TimeSpan ttl, int capacity)
    {
        _ttl = ttl;
        _capacity = capacity;
    }

    public int Count => _count;

    public bool Contains(MessageId id, long incarnation) => Find(id, incarnation) >= 0;

    /// <summary>
    /// Records a first receipt (or creation, with slot -1) and returns true; for a message
    /// already known, notes that it came in on <paramref name="fromSlot"/> and returns false.
    /// A duplicate (most receipts in a flood) costs one lookup.
    /// </summary>
    public bool TryAdd(MessageId id, long incarnation, TimeSpan now, int fromSlot, int expected = 0)
    {
        if (NoteIfKnown(id, incarnation, fromSlot)) return false;
        AddNew(id, incarnation, now, fromSlot, expected);
        return true;
    }

    /// <summary>
    /// For a message already known: notes that it came in on <paramref name="fromSlot"/> and
    /// returns true, in one lookup. False for a new message, which is left out: the caller checks
    /// it before <see cref="AddNew"/>.
    /// </summary>
    public bool NoteIfKnown(MessageId id, long incarnation, int fromSlot)
    {
        long at = Find(id, incarnation);
        if (at < 0) return false;
        ref var known = ref At(at);
        if (fromSlot >= 0 && !HasLink(known, at, fromSlot)) Mark(ref known, at, fromSlot);
        return true;
    }

    /// <summary>Records a first receipt of a message <see cref="NoteIfKnown"/> just found new (no lookup).</summary>
    /// <param name="expected">The messages the list is expected to hold at once (0: not known): an empty ring starts that large, up
    /// to <see cref="FirstRingMax"/> and the capacity. Passed, not kept: a field would make every peer 8 bytes larger.</param>
    public void AddNew(MessageId id, long incarnation, TimeSpan now, int fromSlot, int expected = 0)
    {
        while (_count >= _capacity && _count > 0) RemoveOldest();
        if (_count == _ring.Length) Grow(expected);
        if (_count == 0) _lifeBase = incarnation;
        long position = _head + _count++;
        ref var e = ref At(position);
        e = new Entry
        {
            OriginIp = id.Origin.Ip, OriginPort = id.Origin.Port, Number = id.Number, Life = LifeOf(incarnation),
            SeenAfterBase = SeenAfterBase(position, now.Ticks),
        };
        if (e.Life == Elsewhere) ((_aside ??= new Aside()).Lives ??= new Dictionary<long, long>())[position] = incarnation;
        Mark(ref e, position, fromSlot);
        if (_index != null) RingIndex.Insert(_index, Hash(id, incarnation), RingSlot(position));
        else if (_count > ScanMax) IndexAll();
    }

    /// <summary>Notes that the message crossed the link in this slot; false if it had already.</summary>
    public bool MarkLink(MessageId id, long incarnation, int slot)
    {
        if (slot < 0) return false;
        long at = Find(id, incarnation);
        if (at < 0) return false;
        ref var e = ref At(at);
        if (HasLink(e, at, slot)) return false;
        Mark(ref e, at, slot);
        return true;
    }

    /// <summary>
    /// Of <paramref name="slots"/>, keeps in place those the message has not crossed yet, marks
    /// them crossed, and returns how many: the links to forward it on, in one lookup.
    /// </summary>
    public int ClaimLinks(MessageId id, long incarnation, Span<int> slots)
    {
        long at = Find(id, incarnation);
        if (at < 0) return 0;
        ref var e = ref At(at);
        int kept = 0;
        foreach (int slot in slots)
        {
            if (HasLink(e, at, slot)) continue;
            Mark(ref e, at, slot);
            slots[kept++] = slot;
        }
        return kept;
    }

    public bool HasLink(MessageId id, long incarnation, int slot)
    {
        long at = Find(id, incarnation);
        return at >= 0 && HasLink(At(at), at, slot);
    }

    /// <summary>Starts loading where a lookup of this message begins: its index cell, or the newest entries a short list scans first.</summary>
    public readonly void ReadAhead(MessageId id, long incarnation, Collections.ReadAhead hints)
    {
        if (_index is ushort[] narrow) hints.Element(narrow, Hash(id, incarnation) & _indexMask);
        else if (_index is int[] wide) hints.Element(wide, Hash(id, incarnation) & _indexMask);
        else if (_count > 0) hints.Element(_ring, RingSlot(_head + _count - 1));
    }

    /// <summary>Forgets entries older than the time to live.</summary>
    public void Sweep(TimeSpan now)
    {
        long cutoff = (now - _ttl).Ticks;
        while (_count > 0 && FirstSeen(_head) < cutoff) RemoveOldest();
        if (_count == 0 && _ring.Length > 0)
        {
            _ring = Array.Empty<Entry>(); // an idle peer gives its entries back
            _index = null;
            _aside = null;
            _headIndex = 0;
        }
    }

    /// <summary>The absolute position of a message's entry, or -1.</summary>
    private long Find(MessageId id, long incarnation)
    {
        short life = LifeOf(incarnation);
        if (_index is ushort[] narrow) return FindIn(narrow, id, incarnation, life);
        if (_index is int[] wide) return FindIn(wide, id, incarnation, life);
        for (long p = _head + _count - 1; p >= _head; p--)
        {
            ref var e = ref At(p);
            if (Is(e, id, life) && (life != Elsewhere || _aside!.Lives![p] == incarnation)) return p;
        }
        return -1;
    }

    /// <summary>A message's absolute position found through the index, or -1.</summary>
    private long FindIn<TCell>(TCell[] index, MessageId id, long incarnation, short life) where TCell : unmanaged, IBinaryInteger<TCell>
    {
        int mask = _indexMask;
        for (int cell = Hash(id, incarnation) & mask; ; cell = (cell + 1) & mask)
        {
            int slot = RingIndex.SlotIn(index, cell);
            if (slot < 0) return -1;
            ref var candidate = ref _ring[slot];
            if (Is(candidate, id, life) && (life != Elsewhere || _aside!.Lives![PositionOf(slot)] == incarnation)) return PositionOf(slot);
        }
    }

    /// <summary>Whether an entry is of this message and holds this <see cref="LifeOf"/> (an entry marked Elsewhere: its
    /// incarnation beside it is still to be compared).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool Is(in Entry e, MessageId id, short life) =>
        e.Number == id.Number && e.OriginIp == id.Origin.Ip && e.OriginPort == id.Origin.Port && e.Life == life;

    /// <summary>What an entry of this incarnation holds: its distance from the list's base, or Elsewhere when 16 bits do not hold it.
    /// The distance wraps round as a long does, and so does the base plus it (<see cref="IncarnationOf"/>): each incarnation has one
    /// distance and each distance one incarnation, at either end of a long's range too.</summary>
    private readonly short LifeOf(long incarnation)
    {
        long d = unchecked(incarnation - _lifeBase);
        return d > Elsewhere && d <= short.MaxValue ? (short)d : Elsewhere;
    }

    /// <summary>The message id of an entry.</summary>
    private static MessageId IdOf(in Entry e) => new(new NodeAddress(e.OriginIp, e.OriginPort), e.Number);

    /// <summary>The incarnation of the entry at an absolute position.</summary>
    private readonly long IncarnationOf(in Entry e, long position) => e.Life != Elsewhere ? unchecked(_lifeBase + e.Life) : _aside!.Lives![position];

    private ref Entry At(long position)
    {
        int i = _headIndex + (int)(position - _head);
        if (i >= _ring.Length) i -= _ring.Length;
        return ref _ring[i];
    }

    /// <summary>Where an absolute position sits in the ring.</summary>
    private readonly int RingSlot(long position)
    {
        int i = _headIndex + (int)(position - _head);
        return i >= _ring.Length ? i - _ring.Length : i;
    }

    /// <summary>The absolute position of the entry in a ring slot.</summary>
    private long PositionOf(int slot) => _head + (slot >= _headIndex ? slot - _headIndex : slot + _ring.Length - _headIndex);

    private void RemoveOldest()
    {
        ref var e = ref At(_head);
        if (_index != null) Unindex(_headIndex);
        if (_aside is { } aside)
        {
            aside.Links?.Remove(_head);
            aside.Seen?.Remove(_head);
            aside.Lives?.Remove(_head);
        }
        e = default;
        _head++;
        if (++_headIndex == _ring.Length) _headIndex = 0;
        _count--;
    }

    /// <summary>The first-seen ticks of the entry at an absolute position.</summary>
    private long FirstSeen(long position)
    {
        uint after = At(position).SeenAfterBase;
        return after != Far ? _baseTicks + after : _aside!.Seen![position];
    }

    /// <summary>
    /// What a new entry at <paramref name="position"/> (the newest) first seen at <paramref name="ticks"/> stores: its ticks from the
    /// base. The first entry of an empty list sets the base; one too far past it moves the base up to the oldest entry's time (every
    /// entry's count shrinks by as much, about once in 7 minutes of a busy list); one still too far (a list spanning more than 7
    /// minutes, under a longer time to live, or a clock gone back) keeps its ticks beside it, so every time stays exact.
    /// </summary>
    private uint SeenAfterBase(long position, long ticks)
    {
        if (_count == 1) _baseTicks = ticks;
        long after = ticks - _baseTicks;
        if (after is < 0 or >= Far && _count > 1)
        {
            // Only where the oldest entry's time would hold it: a list spanning more keeps its newest beside it, and does not shift
            // every entry again at each new one.
            long oldest = FirstSeen(_head);
            if (ticks - oldest is >= 0 and < Far) Rebase(oldest);
            after = ticks - _baseTicks;
        }
        if (after is >= 0 and < Far) return (uint)after;
        ((_aside ??= new Aside()).Seen ??= new Dictionary<long, long>())[position] = ticks;
        return Far;
    }

    /// <summary>Moves the base to <paramref name="baseTicks"/> (the oldest entry's time, if later than the base): each older entry
    /// (a clock gone back) keeps its ticks beside it.</summary>
    private void Rebase(long baseTicks)
    {
        if (baseTicks <= _baseTicks) return;
        long shift = baseTicks - _baseTicks;
        for (long p = _head; p < _head + _count - 1; p++) // not the new entry, not yet written
        {
            ref var e = ref At(p);
            if (e.SeenAfterBase == Far) continue;
            if (e.SeenAfterBase >= shift) { e.SeenAfterBase -= (uint)shift; continue; }
            ((_aside ??= new Aside()).Seen ??= new Dictionary<long, long>())[p] = _baseTicks + e.SeenAfterBase;
            e.SeenAfterBase = Far;
        }
        _baseTicks = baseTicks;
    }

    private void Grow(int expected)
    {
        // Never past the capacity: a full list drops its oldest before it grows.
        int next = _ring.Length == 0 && expected > 0 ? Math.Min(expected, FirstRingMax) : GrownLength(_ring.Length);
        var grown = new Entry[Math.Min(next, Math.Max(_capacity, _count + 1))];
        for (int k = 0; k < _count; k++) grown[k] = At(_head + k);
        _ring = grown;
        _headIndex = 0;
        if (_index != null) IndexAll(); // the slots moved
    }

    /// <summary>
    /// The ring's next length. Small steps while small: the first message gets a ring of one, as in a large run most peers
    /// hold one or two messages at a time and a larger first ring, times every peer, is much of the peak memory. Doubling
    /// from 16 to 64, then a quarter more a step up to 1,024 (64, 80, 100, 125, ...): a peer keeping a hundred messages
    /// (sim-100k) holds 100 entries, not 128, 0.7 KB less a peer; each step copies and re-indexes the ring, so past 1,024
    /// (a list of thousands, sim-crash-hub-1k's 12,000) it goes to the next power of two, as it did before (2,048, 4,096, ...).
    /// </summary>
    private static int GrownLength(int length) =>
        length < 4 ? Math.Max(1, length * 2)
        : length < 8 ? length + 4
        : length < 16 ? length + 2
        : length < 64 ? length * 2
        : length < 1024 ? length + length / 4
        : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)length + 1);

    private void IndexAll()
    {
        _index = RingIndex.For(_ring.Length);
        _indexMask = _index.Length - 1;
        for (long p = _head; p < _head + _count; p++)
        {
            ref var e = ref At(p);
            RingIndex.Insert(_index, Hash(IdOf(e), IncarnationOf(e, p)), RingSlot(p));
        }
    }

    /// <summary>
    /// Takes a ring slot out of the index. Linear probing keeps no tombstones: the entries after
    /// it in its run move back into the hole when their search would start at or before it
    /// (Knuth's deletion for open addressing), so every lookup still ends at the first empty cell.
    /// </summary>
    private void Unindex(int slot)
    {
        if (_index is ushort[] narrow) Unindex(narrow, slot);
        else Unindex((int[])_index!, slot);
    }

    private void Unindex<TCell>(TCell[] index, int slot) where TCell : unmanaged, IBinaryInteger<TCell>
    {
        int mask = index.Length - 1;
        ref var e = ref _ring[slot];
        int hole = Hash(IdOf(e), IncarnationOf(e, PositionOf(slot))) & mask;
        while (RingIndex.SlotIn(index, hole) != slot) hole = (hole + 1) & mask;
        for (int next = (hole + 1) & mask; index[next] != TCell.Zero; next = (next + 1) & mask)
        {
            int movedSlot = RingIndex.SlotIn(index, next);
            ref var moved = ref _ring[movedSlot];
            int home = Hash(IdOf(moved), IncarnationOf(moved, PositionOf(movedSlot))) & mask;
            // It may move into the hole unless its home lies cyclically after the hole, up to next.
            bool homeBetween = hole <= next ? home > hole && home <= next : home > hole || home <= next;
            if (homeBetween) continue;
            index[hole] = index[next];
            hole = next;
        }
        index[hole] = TCell.Zero;
    }

    /// <summary>A fixed mix of the key (the same on every run): where its search starts in the index.</summary>
    private static int Hash(MessageId id, long incarnation)
    {
        ulong h = ((ulong)id.Origin.Ip << 32 | (uint)id.Origin.Port << 16) ^ (uint)id.Number ^ (ulong)incarnation * 0x9E3779B97F4A7C15UL;
        h ^= h >> 31;
        h *= 0xBF58476D1CE4E5B9UL;
        return (int)(h >> 33);
    }

    private bool HasLink(in Entry e, long position, int slot)
    {
        if (slot < 64) return (e.Mask & (1UL << slot)) != 0;
        return _aside?.Links is { } links && links.TryGetValue(position, out var extra) && Array.IndexOf(extra, slot) >= 0;
    }

    private void Mark(ref Entry e, long position, int slot)
    {
        if (slot < 0) return;
        if (slot < 64) { e.Mask |= 1UL << slot; return; }
        var links = (_aside ??= new Aside()).Links ??= new Dictionary<long, int[]>();
        links[position] = links.TryGetValue(position, out var extra) ? [.. extra, slot] : [slot];
    }
}

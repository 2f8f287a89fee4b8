using GossipSim.Engine.Core;

namespace GossipSim.Engine.Peer;

/// <summary>
/// A neighbour as a peer sees it: liveness state and what it last said about its own
/// neighbours. A struct kept inline in the table's array: a peer's neighbours sit side by
/// side in memory, so a ping round or a gossip forward reads one or two cache lines, not an
/// object per neighbour (a million peers hold six million of these).
/// </summary>
public struct Neighbour
{
    public NodeAddress Address;
    public long Incarnation;
    /// <summary>Stable small index, used by the Message List to remember links cheaply.</summary>
    public int Slot;
    public int Misses;
    public long OutstandingPing;
    public NodeAddress[] Sample;
    public bool Suspected;
    public bool QueryPending;
    public bool Reported;
    /// <summary>Misses counted when it was last reported: with no answer from the seeds, report again after as many more.</summary>
    public int ReportedAtMisses;
}

/// <summary>
/// The peer's neighbours in the order they were linked (iteration order is part of the
/// deterministic trace), with reusable slots. Most peers have a handful of neighbours: they
/// are found by scanning a small array of addresses (one cache line, no hashing); only hubs
/// get an address index (one cache line per lookup), built when the table outgrows the scan.
/// Entries are changed in place through refs (<see cref="At"/>, <see cref="Span"/>); a
/// position is valid until the next <see cref="Add"/> or <see cref="Remove"/>.
/// A mutable struct, held as a field of its peer (never copied): the peer's object carries the
/// table's fields, so an event reaches the arrays from the node without one more object between.
/// </summary>
public struct NeighbourTable
{
    public NeighbourTable() { }

    private const int ScanMax = 16;
    private const int InitialCapacity = 3;

    private Neighbour[] _entries = Array.Empty<Neighbour>();        // the first _count in link order
    private NodeAddress[] _addresses = Array.Empty<NodeAddress>(); // the first _count: the same order, with room to grow
    private NodeAddress[]? _published;                               // Addresses(): an exact copy, made when asked after a change
    private AddressIndex? _positionOf;                               // only above ScanMax
    private Stack<int>? _freeSlots;                                  // slots given back, last first
    private int _count;
    private int _nextSlot;

    public readonly int Count => _count;

    /// <summary>Goes up at every change: a sample drawn from the table is current while this stays the same.</summary>
    public int Version { get; private set; }

    /// <summary>The neighbours in link order, changed in place by the hot loops.</summary>
    internal readonly Span<Neighbour> Span => _entries.AsSpan(0, _count);

    /// <summary>A copy of the neighbours in link order, for inspection (tests, status files).</summary>
    public readonly Neighbour[] Snapshot() => Span.ToArray();

    /// <summary>The position of a neighbour, or -1.</summary>
    public readonly int IndexOf(NodeAddress a) =>
        _positionOf != null ? (_positionOf.TryGet(a, out int i) ? i : -1) : Array.IndexOf(_addresses, a, 0, _count);

    public readonly bool Contains(NodeAddress a) => IndexOf(a) >= 0;

    /// <summary>Starts loading the arrays a lookup and a ping round read (a hint; see Prefetch).</summary>
    internal readonly void PrefetchArrays()
    {
        Prefetch.Element(_addresses, 0);
        Prefetch.Element(_entries, 0);
    }

    internal readonly ref Neighbour At(int position) => ref _entries[position];

    public void Add(NodeAddress a, long incarnation)
    {
        // A newcomer links to three peers at once: room for three from the start (not arrays of
        // one, two, then three); then one at a time up to four, as most peers stop there.
        if (_count == _entries.Length)
            Array.Resize(ref _entries, _count == 0 ? InitialCapacity : _count < 4 ? _count + 1 : _count + _count / 2);
        _entries[_count] = new Neighbour { Address = a, Incarnation = incarnation, Slot = TakeSlot(), Sample = Array.Empty<NodeAddress>() };
        // An array handed out by Addresses() is never written again: a new exact one replaces
        // it (small peers, whose whole list is their ping sample: one array each, as before).
        // Otherwise grown like the entries, not copied per link: a hub gaining its
        // ten-thousandth link used to copy the other 9,999 addresses.
        if (ReferenceEquals(_addresses, _published))
        {
            var grown = new NodeAddress[_count + 1];
            _addresses.AsSpan(0, _count).CopyTo(grown);
            _addresses = grown;
        }
        else if (_count == _addresses.Length) Array.Resize(ref _addresses, _entries.Length);
        _addresses[_count] = a;
        _positionOf?.Add(a, _count);
        _count++;
        Changed();
        if (_positionOf == null && _count > ScanMax) IndexPositions();
    }

    public bool Remove(NodeAddress a)
    {
        int i = IndexOf(a);
        if (i < 0) return false;
        // A slot is reused only by a later neighbour; a stale Message List bit then means
        // "already crossed", which can only suppress a duplicate, never lose a first copy.
        GiveBackSlot(_entries[i].Slot);
        Array.Copy(_entries, i + 1, _entries, i, _count - i - 1);
        _count--;
        _entries[_count] = default;
        if (ReferenceEquals(_addresses, _published))
        {
            var shrunk = new NodeAddress[_count];
            Array.Copy(_addresses, 0, shrunk, 0, i);
            Array.Copy(_addresses, i + 1, shrunk, i, _count - i);
            _addresses = shrunk;
        }
        else
        {
            Array.Copy(_addresses, i + 1, _addresses, i, _count - i);
            _addresses[_count] = default;
        }
        if (_positionOf != null) IndexPositions();
        Changed();
        return true;
    }

    /// <summary>
    /// The neighbours' addresses in link order, exactly Count long. Never changed in place: a
    /// peer hands it to its pingers as its neighbour sample, and they keep it. A new copy is
    /// made on the first call after a change, unless the table's own array is exactly full, in
    /// which case that array is handed out (and from then on replaced, never written, on change).
    /// </summary>
    public NodeAddress[] Addresses() =>
        _published ??= _count == _addresses.Length ? _addresses : _addresses.AsSpan(0, _count).ToArray();

    /// <summary>The neighbours' addresses in link order, valid until the next change.</summary>
    internal readonly ReadOnlySpan<NodeAddress> AddressSpan => _addresses.AsSpan(0, _count);

    private void Changed()
    {
        _published = null;
        Version++;
    }

    private void IndexPositions()
    {
        _positionOf ??= new AddressIndex(2 * _count);
        _positionOf.Clear();
        for (int i = 0; i < _count; i++) _positionOf.Add(_addresses[i], i);
    }

    private int TakeSlot() => _freeSlots is { Count: > 0 } ? _freeSlots.Pop() : _nextSlot++;

    private void GiveBackSlot(int slot) => (_freeSlots ??= new Stack<int>()).Push(slot);
}

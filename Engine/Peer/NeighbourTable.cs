using GossipSim.Engine.Core;

namespace GossipSim.Engine.Peer;

/// <summary>A neighbour as a peer sees it: liveness state and what it last said about its own neighbours.</summary>
public sealed class Neighbour(NodeAddress address, long incarnation, int slot)
{
    public NodeAddress Address { get; } = address;
    public long Incarnation { get; set; } = incarnation;
    /// <summary>Stable small index, used by the Message List to remember links cheaply.</summary>
    public int Slot { get; } = slot;
    public int Misses { get; set; }
    public long OutstandingPing { get; set; }
    public NodeAddress[] Sample { get; set; } = Array.Empty<NodeAddress>();
    public bool Suspected { get; set; }
    public bool QueryPending { get; set; }
    public bool Reported { get; set; }
    /// <summary>Misses counted when it was last reported: with no answer from the seeds, report again after as many more.</summary>
    public int ReportedAtMisses { get; set; }
}

/// <summary>
/// The peer's neighbours in the order they were linked (iteration order is part of the
/// deterministic trace), with reusable slots. Most peers have a handful of neighbours: they
/// are found by scanning a small array of addresses (one cache line, no hashing); only hubs
/// get a dictionary, built when the table outgrows the scan. A million of these must fit.
/// </summary>
public sealed class NeighbourTable
{
    private const int ScanMax = 16;

    private Neighbour[] _ordered = Array.Empty<Neighbour>();          // replaced, never changed in place: a loop over it is never disturbed
    private NodeAddress[] _addresses = Array.Empty<NodeAddress>(); // the same order as _ordered, exactly Count long
    private Dictionary<NodeAddress, Neighbour>? _byAddress;          // only above ScanMax
    private Stack<int>? _freeSlots;                                  // slots given back, last first
    private int _nextSlot;

    public int Count => _ordered.Length;
    public IReadOnlyList<Neighbour> InOrder => _ordered;
    /// <summary>The same, for the hot loops (no interface enumerator).</summary>
    internal ReadOnlySpan<Neighbour> Span => _ordered;

    public bool Contains(NodeAddress a) => _byAddress?.ContainsKey(a) ?? Array.IndexOf(_addresses, a) >= 0;

    public bool TryGet(NodeAddress a, out Neighbour n)
    {
        if (_byAddress != null) return _byAddress.TryGetValue(a, out n!);
        int i = Array.IndexOf(_addresses, a);
        n = i >= 0 ? _ordered[i] : null!;
        return i >= 0;
    }

    public Neighbour Add(NodeAddress a, long incarnation)
    {
        var n = new Neighbour(a, incarnation, TakeSlot());
        _ordered = [.. _ordered, n];
        var grown = new NodeAddress[_ordered.Length];
        _addresses.CopyTo(grown, 0);
        grown[^1] = a;
        _addresses = grown; // a new array: a sample handed out earlier (see Addresses) must not change under its holder
        if (_byAddress != null) _byAddress[a] = n;
        else if (_ordered.Length > ScanMax) _byAddress = _ordered.ToDictionary(x => x.Address);
        return n;
    }

    public bool Remove(NodeAddress a)
    {
        int i = Array.IndexOf(_addresses, a);
        if (i < 0) return false;
        var n = _ordered[i];
        _byAddress?.Remove(a);
        _ordered = [.. _ordered.AsSpan(0, i), .. _ordered.AsSpan(i + 1)];
        var shrunk = new NodeAddress[_ordered.Length];
        Array.Copy(_addresses, 0, shrunk, 0, i);
        Array.Copy(_addresses, i + 1, shrunk, i, shrunk.Length - i);
        _addresses = shrunk;
        // A slot is reused only by a later neighbour; a stale Message List bit then means
        // "already crossed", which can only suppress a duplicate, never lose a first copy.
        GiveBackSlot(n.Slot);
        return true;
    }

    /// <summary>The neighbours' addresses in link order; replaced (never changed in place) when the table changes.</summary>
    public NodeAddress[] Addresses() => _addresses;

    private int TakeSlot() => _freeSlots is { Count: > 0 } ? _freeSlots.Pop() : _nextSlot++;

    private void GiveBackSlot(int slot) => (_freeSlots ??= new Stack<int>()).Push(slot);
}

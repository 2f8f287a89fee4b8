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
/// deterministic trace), with O(1) lookup and reusable slots.
/// </summary>
public sealed class NeighbourTable
{
    private readonly List<Neighbour> _ordered = new();
    private readonly Dictionary<NodeAddress, Neighbour> _byAddress = new();
    private readonly Stack<int> _freeSlots = new();
    private int _nextSlot;
    private NodeAddress[]? _addresses;

    public int Count => _ordered.Count;
    public IReadOnlyList<Neighbour> InOrder => _ordered;

    public bool Contains(NodeAddress a) => _byAddress.ContainsKey(a);
    public bool TryGet(NodeAddress a, out Neighbour n) => _byAddress.TryGetValue(a, out n!);

    public Neighbour Add(NodeAddress a, long incarnation)
    {
        int slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _nextSlot++;
        var n = new Neighbour(a, incarnation, slot);
        _ordered.Add(n);
        _byAddress[a] = n;
        _addresses = null;
        return n;
    }

    public bool Remove(NodeAddress a)
    {
        if (!_byAddress.Remove(a, out var n)) return false;
        _ordered.Remove(n);
        // A slot is reused only by a later neighbour; a stale Message List bit then means
        // "already crossed", which can only suppress a duplicate, never lose a first copy.
        _freeSlots.Push(n.Slot);
        _addresses = null;
        return true;
    }

    /// <summary>The neighbours' addresses, cached until the table changes.</summary>
    public NodeAddress[] Addresses() => _addresses ??= _ordered.Select(n => n.Address).ToArray();
}

using GossipSim.Engine.Collections;
using GossipSim.Engine.Core;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// A neighbour as a peer sees it: its liveness and what it last said about its own
/// neighbours. A copy, for inspection (tests, status files): the table keeps the address in its
/// address list and the rest in a <see cref="NeighbourEntry"/>.
/// </summary>
public readonly record struct Neighbour(NodeAddress Address, long Incarnation, int Slot, NeighbourHealth Health, long OutstandingPing,
    AddressSnapshot Sample);

/// <summary>
/// What the table keeps of a neighbour beside its address, 32 bytes: a struct kept inline in the
/// table's array, so a ping round or a gossip forward reads a peer's neighbours side by side (every
/// peer holds several). The address is not repeated here: it is at the same position in the table's
/// address list, which lookups scan and pingers are handed; and the pings it missed in a row are
/// counted by the <see cref="LivenessMonitor"/> for the few neighbours that miss any. With both, every
/// entry would be larger (docs/performance.md, section 4).
/// </summary>
internal struct NeighbourEntry
{
    public long Incarnation;
    /// <summary>The nonce of the ping awaiting its pong, 0 when none is.</summary>
    public long OutstandingPing;
    /// <summary>Some of its other neighbours, from its last pong: the witnesses to ask if it is suspected.</summary>
    public AddressSnapshot Sample;
    /// <summary>Stable small index, used by the Message List to remember links cheaply.</summary>
    public int Slot;
    public NeighbourHealth Health;
    /// <summary>Plumtree: the link carries announcements (IHAVE), not the payload; false on the tree, as a new link starts. The
    /// flood never reads it. In the entry's padding: the entry stays 32 bytes.</summary>
    public bool Lazy;
    /// <summary>HyParView: this peer asked for the link from its own draw (its JOIN's contact, a passive peer it promoted), not on
    /// another's word; such links are never dropped for another's request (<see cref="Config.PeerConfig.HyParViewOwnLinks"/>). In
    /// the padding too.</summary>
    public bool Chosen;
    /// <summary>Its membership incarnation (its certificate's, shown with the link) less <see cref="Incarnation"/> (its life, which
    /// its pongs carry): how often it registered again since it started, at most 255. A seeds' removal of an earlier membership
    /// incarnation is not this link's (<see cref="MemberIncarnation"/>). In the padding too.</summary>
    public byte Rejoins;

    /// <summary>The membership incarnation the link was made with: a removal of this or an earlier one ends the link.</summary>
    public readonly long MemberIncarnation => Incarnation + Rejoins;

    /// <summary>Records the life and the certificate's incarnation a request or an answer from this neighbour showed.</summary>
    public void Showed(long life, long certificateIncarnation)
    {
        Incarnation = life;
        Rejoins = (byte)Math.Clamp(certificateIncarnation - life, 0, byte.MaxValue);
    }
}

/// <summary>
/// The peer's neighbours in link order (part of the deterministic trace), with reusable slots. Most have a handful, found by scanning
/// their addresses (one cache line, no hashing): a snapshot replaced at each change, handed to pingers as it is; a hub's table keeps an
/// array and an index. Entries change in place through refs (<see cref="At"/>, <see cref="Span"/>; addresses at the same positions of
/// <see cref="AddressSpan"/>), valid until the next <see cref="Add"/> or <see cref="Remove"/>. A mutable struct, never copied.
/// </summary>
public struct NeighbourTable
{
    public NeighbourTable() { }

    private const int ScanMax = 16;
    private const int InitialCapacity = 3;

    private NeighbourEntry[] _entries = Array.Empty<NeighbourEntry>(); // the first _count in link order
    // The addresses in link order: kept current up to ScanMax; above it, made when asked after a
    // change (empty: not yet).
    private AddressSnapshot _addresses;
    private HubAddresses? _hub;                              // above ScanMax
    private Stack<int>? _freeSlots;                          // slots given back, last first
    private int _count;
    private int _nextSlot;

    /// <summary>
    /// A table past the scan (a hub's): its addresses in a growable array, and their positions.
    /// One object made when the table outgrows the scan: as fields of every table, every peer would
    /// pay for what only hubs use (docs/performance.md, section 4).
    /// </summary>
    private sealed class HubAddresses(int capacity)
    {
        public NodeAddress[] InOrder = new NodeAddress[capacity]; // the first _count, with room to grow
        // Room for the entries' capacity, no more: the index makes more cells by itself (sized for twice the entries, a
        // hub's index was several times the cells its addresses need).
        public readonly AddressIndex PositionOf = new(capacity);
    }

    public readonly int Count => _count;

    /// <summary>Goes up at every change: a sample drawn from the table is current while this stays the same.</summary>
    public int Version { get; private set; }

    /// <summary>The neighbours in link order, changed in place by the hot loops; their addresses are <see cref="AddressSpan"/>.</summary>
    internal readonly Span<NeighbourEntry> Span => _entries.AsSpan(0, _count);

    /// <summary>A copy of the neighbours in link order, for inspection (tests, status files).</summary>
    public readonly Neighbour[] Snapshot()
    {
        var copy = new Neighbour[_count];
        var addresses = AddressSpan;
        for (int i = 0; i < copy.Length; i++)
        {
            ref readonly var e = ref _entries[i];
            copy[i] = new Neighbour(addresses[i], e.Incarnation, e.Slot, e.Health, e.OutstandingPing, e.Sample);
        }
        return copy;
    }

    /// <summary>Starts loading the addresses <see cref="IndexOf"/> scans (see <see cref="Core.Node.ReadAhead"/>).</summary>
    public readonly void ReadAhead(ReadAhead hints)
    {
        if (_count > 0 && _hub == null) _addresses.ReadAhead(hints);
    }

    /// <summary>The position of a neighbour, or -1.</summary>
    public readonly int IndexOf(NodeAddress a) =>
        _hub != null ? (_hub.PositionOf.TryGet(a, out int i) ? i : -1) : _addresses.AsSpan().IndexOf(a);

    public readonly bool Contains(NodeAddress a) => IndexOf(a) >= 0;

    internal readonly ref NeighbourEntry At(int position) => ref _entries[position];

    /// <summary>The neighbours' addresses in link order, valid until the next change.</summary>
    internal readonly ReadOnlySpan<NodeAddress> AddressSpan => _hub != null ? _hub.InOrder.AsSpan(0, _count) : _addresses.AsSpan();

    /// <summary>The neighbours' addresses in link order, as a snapshot others may keep.</summary>
    public AddressSnapshot Addresses()
    {
        if (_hub != null && _addresses.Count == 0) _addresses = AddressSnapshot.Of(AddressSpan);
        return _addresses;
    }

    public void Add(NodeAddress a, long life, long certificateIncarnation)
    {
        // A newcomer links to three peers at once: room for three from the start; then one at
        // a time up to four, as most peers stop there.
        if (_count == _entries.Length)
            Array.Resize(ref _entries, _count == 0 ? InitialCapacity : _count < 4 ? _count + 1 : _count + _count / 2);
        _entries[_count] = new NeighbourEntry { Slot = TakeSlot() };
        _entries[_count].Showed(life, certificateIncarnation);
        if (_hub == null && _count < ScanMax) _addresses = _addresses.With(a);
        else
        {
            var hub = _hub ??= GrowLarge();
            if (_count == hub.InOrder.Length) Array.Resize(ref hub.InOrder, _entries.Length);
            hub.InOrder[_count] = a;
            hub.PositionOf.Add(a, _count);
        }
        _count++;
        Changed();
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
        if (_hub == null) _addresses = _addresses.Without(i);
        else
        {
            var inOrder = _hub.InOrder;
            Array.Copy(inOrder, i + 1, inOrder, i, _count - i);
            inOrder[_count] = default;
            _hub.PositionOf.Clear();
            for (int k = 0; k < _count; k++) _hub.PositionOf.Add(inOrder[k], k);
        }
        Changed();
        return true;
    }

    private HubAddresses GrowLarge()
    {
        var hub = new HubAddresses(_entries.Length);
        _addresses.AsSpan().CopyTo(hub.InOrder);
        _addresses = AddressSnapshot.Empty;
        for (int k = 0; k < _count; k++) hub.PositionOf.Add(hub.InOrder[k], k);
        return hub;
    }

    private void Changed()
    {
        if (_hub != null) _addresses = AddressSnapshot.Empty; // made again when asked
        Version++;
    }

    private int TakeSlot() => _freeSlots is { Count: > 0 } ? _freeSlots.Pop() : _nextSlot++;

    private void GiveBackSlot(int slot) => (_freeSlots ??= new Stack<int>()).Push(slot);
}

using GossipSim.Engine.Core;
using GossipSim.Simulator.Events;
using GossipSim.Engine.Vocabulary;
using GossipSim.Engine.Collections;

namespace GossipSim.Simulator.World;

/// <summary>
/// The network's nodes by index: each one's address, life, attachment and what makes its next
/// life, and the lookup from address to index. Plain arrays side by side (a delivery reads one
/// of them, a send two); a handful of slots a node, no O(N^2) structure. The partitions read it
/// during a window; only the network changes it, between windows.
/// </summary>
internal sealed class NodeTable
{
    /// <summary>A node and its life, side by side: a delivery checks both with one memory read.</summary>
    internal struct Life
    {
        public Node? Node;  // null while crashed or not yet started
        // The table's epoch when this life began (at a crash, restart or clean leave): an
        // event made before it was meant for an earlier life and is stale. So a send never
        // reads the target's slot (one random memory read less per message); the event's own
        // epoch says when it was made.
        public uint Since;
    }

    private Life[] _lives = new Life[16];
    private NodeAddress[] _addresses = new NodeAddress[16];
    private Func<long, Node>?[] _factories = new Func<long, Node>?[16]; // null for a bare endpoint
    private NodeAttachment?[] _ports = new NodeAttachment?[16]; // the current life's attachment, for prefetching only
    private long[] _incarnations = new long[16];
    private readonly AddressIndex _indexOf = new();
    private AddressRuns _runs; // most addresses resolve here, without reading _indexOf

    public int Count { get; private set; }
    public Life[] Lives => _lives;
    public NodeAttachment?[] Ports => _ports;
    /// <summary>Bumped at every change of a node's life; events carry the epoch they were made in (see <see cref="Life.Since"/>).</summary>
    public uint Epoch { get; private set; }

    public NodeAddress AddressOf(int index) => _addresses[index];
    /// <summary>What makes the node's lives; null for a bare endpoint, which the network delivers to but never starts.</summary>
    public Func<long, Node>? FactoryOf(int index) => _factories[index];
    public bool TryIndex(NodeAddress a, out int index) => _runs.TryGet(a, out index) || _indexOf.TryGet(a, out index);
    public int IndexOf(NodeAddress a) => TryIndex(a, out int i) ? i : -1;

    /// <summary>
    /// The node's next incarnation. Lives are 65,536 apart: a peer removed while alive rejoins as
    /// incarnation + 1, and a later restart (which knows nothing of that) must still come in above it.
    /// </summary>
    public long NextIncarnation(int index) => ++_incarnations[index] << 16;

    /// <summary>Node <paramref name="index"/>'s next life comes after a life of incarnation <paramref name="after"/> elsewhere (a
    /// seed that moved there): its incarnation is newer, as a real node's next life is (its clock at its start).</summary>
    public void ContinueLives(int index, long after) => _incarnations[index] = Math.Max(_incarnations[index], after >> 16);

    /// <summary>A new epoch for a node's new life: what was made before it is stale for it.</summary>
    public void NewLife(int index)
    {
        if (Epoch == SimEvent.MaxEpoch)
            throw new InvalidOperationException($"more than {SimEvent.MaxEpoch:N0} crashes, restarts and leaves in one run: more "
                + $"than events can tell apart");
        _lives[index].Since = ++Epoch;
    }

    /// <summary>Makes room for this many nodes at once (the arrays otherwise double as nodes are added, each step a large copy).</summary>
    public void Reserve(int nodes)
    {
        if (nodes <= _lives.Length) return;
        Resize(nodes);
        _indexOf.Reserve(nodes);
    }

    public int Add(NodeAddress address, Func<long, Node>? factory)
    {
        if (_indexOf.Contains(address)) throw new ArgumentException($"address {address} is already in the network");
        if (Count >= EventKey.MaxNodes) throw new InvalidOperationException($"at most {EventKey.MaxNodes:N0} nodes in one network");
        int index = Count++;
        if (index == _lives.Length) Resize(index * 2);
        _indexOf.Add(address, index);
        _runs.Added(address, index);
        _addresses[index] = address;
        _factories[index] = factory;
        return index;
    }

    private void Resize(int size)
    {
        Array.Resize(ref _lives, size);
        Array.Resize(ref _addresses, size);
        Array.Resize(ref _factories, size);
        Array.Resize(ref _ports, size);
        Array.Resize(ref _incarnations, size);
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Events;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Network;

// The nodes' lives: adding them, starting each life, and what every rank may ask of them.
public sealed partial class SimNetwork
{
    public int NodeCount => _table.Count;

    /// <summary>The node, when it runs in this process (on ranks: on this rank).</summary>
    public Node? NodeAt(int index) => _table.Lives[index].Node;
    public NodeAddress AddressOf(int index) => _table.AddressOf(index);
    /// <summary>Whether the node runs, on whichever rank (on ranks, a collective call: every rank asks alike).</summary>
    public bool IsAlive(int index) => _ranked?.IsAlive(index) ?? _table.Lives[index].Node != null;
    /// <summary>The node's links now (0 when it does not run).</summary>
    public int DegreeOf(int index) => _ranked?.DegreeOf(index) ?? _table.Lives[index].Node?.OverlayDegree ?? 0;
    /// <summary>The node runs and is a registered peer.</summary>
    public bool IsRegisteredPeer(int index) => _ranked?.IsRegisteredPeer(index) ?? _table.Lives[index].Node?.IsRegisteredPeer ?? false;
    public int IndexOf(NodeAddress a) => _table.IndexOf(a);

    /// <summary>
    /// A node's seed by its index, as a real run gives its node processes: a scenario's runner sets
    /// the one rule (<see cref="RngStreams.NodeSeed"/>), so a simulated node draws as the same node
    /// does on any runtime; without it node i's is the run seed's i-th child. Every life of a node
    /// draws anew from it, as a restarted node process does. Pure: nodes start on their partitions' threads.
    /// </summary>
    public Func<int, ulong>? NodeSeeds { get; set; }

    /// <summary>Makes room for this many nodes at once (a hint: the tables otherwise double as nodes are added, each step a large
    /// copy).</summary>
    public void Reserve(int nodes) => _table.Reserve(nodes);

    /// <summary>Adds a node that starts at <paramref name="startAt"/>; the factory gets the incarnation (65,536 for the first life, +65,536
    /// per restart).</summary>
    public int AddNode(NodeAddress address, Func<long, Node> factory, TimeSpan startAt)
    {
        int index = AddSlot(address, factory);
        var e = new SimEvent
            { Time = Math.Max(startAt.Ticks, _now), Sequence = EventKey.Of(0, _controlMade++), Epoch = _table.Epoch,
                Kind = SimEventKind.Start, Target = index };
        if (IsLocal(PartitionOf(index))) _parts[PartitionOf(index)].Queue.PushKeyed(ref e, _now);
        return index;
    }

    /// <summary>Adds a node that does not start by itself: <see cref="Restart"/> starts it (a seed's place kept for its move).</summary>
    public int AddStoppedNode(NodeAddress address, Func<long, Node> factory) => AddSlot(address, factory);

    /// <summary>Node <paramref name="index"/>'s next life follows a life of incarnation <paramref name="after"/> elsewhere (a seed
    /// moved there): its incarnation is newer, so what it says of itself (where it is now) is taken over what that life said. Every
    /// rank is given the same <paramref name="after"/> (asked with <see cref="Ask"/>), as only a node's owner counts its first life.</summary>
    public void ContinueLives(int index, long after) => _table.ContinueLives(index, after);

    /// <summary>
    /// A bare endpoint at <paramref name="address"/>, with no node: its transport receives
    /// nothing until started with a handler (see <see cref="SimTransport.Start"/>). For testing
    /// the transport itself; nodes come in through <see cref="AddNode"/>.
    /// </summary>
    public SimTransport Open(NodeAddress address)
    {
        int index = AddSlot(address, factory: null);
        var port = NewPort(index, incarnation: 0);
        _table.Ports[index] = port;
        return port;
    }

    private int AddSlot(NodeAddress address, Func<long, Node>? factory)
    {
        NotInWindow();
        int index = _table.Add(address, factory);
        _ranked?.Stale();
        return index;
    }

    /// <summary>A bare endpoint's receiver takes the slot: what was sent to it before now is not delivered.</summary>
    internal void Attach(int index, Node receiver)
    {
        if (_table.FactoryOf(index) != null)
            throw new InvalidOperationException($"{_table.AddressOf(index)} is a node: the network delivers its "
                + $"messages, there is nothing to start");
        if (_table.Lives[index].Node != null) throw new InvalidOperationException($"{_table.AddressOf(index)} is already started");
        NewLife(index);
        _table.Lives[index].Node = receiver;
    }

    internal void Detach(int index)
    {
        if (_table.Lives[index].Node != null) EndLife(index);
    }

    /// <summary>The node is gone: every event of this life (pending deliveries, timers) is now stale.</summary>
    private void EndLife(int index)
    {
        _table.Lives[index].Node = null;
        NewLife(index);
        _ranked?.Ended(index);
    }

    private void NewLife(int index)
    {
        NotInWindow();
        _table.NewLife(index);
    }

    private void NotInWindow()
    {
        if (_inWindow)
            throw new InvalidOperationException("a node's life, or the set of nodes, changes only between time windows (from a control "
                + "event), when the network runs on several threads");
    }

    /// <summary>Starts a node's next life: from its start event (on its partition's thread) or a restart (between windows).</summary>
    private void StartNode(int index, bool restarted)
    {
        long incarnation = _table.NextIncarnation(index);
        if (!IsLocal(PartitionOf(index)))
        {
            _ranked!.Restarted(index); // on ranks: its owner restarts it
            return;
        }
        var node = _table.FactoryOf(index)!(incarnation);
        var part = _parts[PartitionOf(index)];
        var port = NewPort(index, incarnation, RngStreams.Node(NodeSeeds?.Invoke(index) ?? RngStreams.Child(_seed, (ulong)index)),
            LogProvider(index) is { } write ? part.Output.LogFor(write) : null);
        _table.Ports[index] = port;
        _table.Lives[index].Node = node;
        if (restarted) part.Output.Write(new TraceEvent(Now, TraceKind.Restarted, _table.AddressOf(index), A: incarnation));
        node.Start(port);
        if (restarted) _ranked?.Restarted(index);
    }

    /// <summary>
    /// A node's attachment and context for one life: it keeps counting the node's event keys where
    /// the last life stopped. A bare endpoint (<see cref="Open"/>) is handed its network stream as
    /// its own: it never draws from it.
    /// </summary>
    private SimTransport NewPort(int index, long incarnation, Rng? random = null, INodeLog? log = null)
    {
        var network = SimStreams.NodeNetwork(_seed, index, incarnation);
        return new(this, _parts[PartitionOf(index)], index, _table.AddressOf(index), random ?? network, network, log,
            _table.Ports[index]?.Made ?? 0);
    }
}

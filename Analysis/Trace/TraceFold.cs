using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;

namespace GossipSim.Analysis.Trace;

/// <summary>
/// Per-node state built from trace events, one event at a time, in trace order: the one place
/// that decides what a node is (seed or peer), whether it is up, crashed, left or removed, its
/// links and which seeds list it. Run statistics, the checkers, the report, the comparison and
/// the dashboard all read it, so they agree on what "a live peer" and "its degree" are. Works
/// online (a simulation's or a live run's stream) and over a saved trace. One thread at a time.
/// </summary>
public sealed class TraceFold
{
    /// <summary>Seeds the membership bits can tell apart (scenario files allow up to 99).</summary>
    public const int MaxSeeds = 128;

    private readonly Dictionary<NodeAddress, NodeState> _nodes;
    private readonly bool _neighbours;
    private int _seeds;

    /// <param name="neighbours">Keep each node's neighbour set (a set a node: only the dashboard, which draws the links, needs it).</param>
    /// <param name="expectedNodes">Nodes the trace will name, when known: the table is made that size once, where growing it by
    /// doubling leaves it up to twice too large and holds the old table and the new at each step (at 10⁷ nodes, 0.4 GB at
    /// the last). Iteration order is the order nodes were first named, whatever the size.</param>
    public TraceFold(bool neighbours = false, int expectedNodes = 0)
    {
        _neighbours = neighbours;
        _nodes = new Dictionary<NodeAddress, NodeState>(expectedNodes);
    }

    /// <summary>The run-end event was seen: the runner stops every node now.</summary>
    public bool RunEnded { get; private set; }
    /// <summary>Nodes that registered in some life.</summary>
    public int PeersRegistered { get; private set; }
    /// <summary>Membership changes committed, each (peer, incarnation, add or remove) once however many seeds committed it.</summary>
    public int DistinctChanges { get; private set; }
    public IReadOnlyDictionary<NodeAddress, NodeState> States => _nodes;

    public NodeState? Find(NodeAddress a) => _nodes.GetValueOrDefault(a);

    /// <summary>The node's state; an empty one (not started) when no event has named it yet.</summary>
    public NodeState Get(NodeAddress a)
    {
        if (!_nodes.TryGetValue(a, out var n)) _nodes[a] = n = new NodeState { Neighbours = _neighbours ? new() : null };
        return n;
    }

    /// <summary>The role a start or crash event names in its detail; null when it names none.</summary>
    public static NodeRole? RoleOf(string? detail) => detail switch
    {
        "seed" => NodeRole.Seed,
        "peer" => NodeRole.Peer,
        _ => null,
    };

    /// <summary>The word the trace and summary.json use for a role (a node of no known role counts as a peer).</summary>
    public static string RoleWord(NodeRole? role) => role == NodeRole.Seed ? "seed" : "peer";

    /// <summary>The role of a node-started event's node: what it names, and a node that names no role is a peer.</summary>
    public static NodeRole RoleStarted(in TraceEvent e) => RoleOf(e.Detail) ?? NodeRole.Peer;

    /// <summary>Peers up at the end (or now), in address order.</summary>
    public IEnumerable<(NodeAddress address, NodeState state)> LivePeers() =>
        _nodes.Where(kv => kv.Value.IsPeer && kv.Value.IsUp).OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value));

    public void Apply(in TraceEvent e)
    {
        switch (e.Kind)
        {
            case TraceKind.NodeStarted:
                Start(Get(e.Node), e);
                break;
            case TraceKind.Registered:
            {
                var n = Get(e.Node);
                if (!n.EverRegistered) PeersRegistered++;
                n.Registered = n.EverRegistered = true;
                break;
            }
            case TraceKind.Rejoined:
            {
                var n = Get(e.Node);
                n.Incarnation = e.A;
                n.Removed = false;
                n.Registered = true;
                break;
            }
            case TraceKind.LinkUp:
            {
                var n = Get(e.Node);
                n.Neighbours?.Add(e.Peer);
                if (RunEnded) break;
                n.Degree++;
                if (n.LinkedSinceTicks == long.MaxValue) n.LinkedSinceTicks = e.Time.Ticks;
                break;
            }
            case TraceKind.LinkDown:
            {
                var n = Get(e.Node);
                n.Neighbours?.Remove(e.Peer);
                if (!RunEnded) n.Degree--;
                break;
            }
            case TraceKind.GossipDelivered:
            {
                var n = Get(e.Node);
                n.Deliveries++;
                if (n.LinkedSinceTicks <= e.B) n.DeliveriesSinceLinked++; // B = the message's creation (ticks)
                break;
            }
            case TraceKind.CrashInjected:
                Crash(Get(e.Node), e);
                break;
            // Stopping once the run has ended is not leaving: the node was up to the end.
            case TraceKind.NodeStopped when !RunEnded:
            {
                var n = Get(e.Node);
                if (n.Life == NodeLife.Up) n.Life = NodeLife.Left;
                break;
            }
            case TraceKind.MemberAdded:
            {
                var seed = Get(e.Node);
                seed.Members = (int)e.B;
                var member = Get(e.Peer);
                member.ListedBy |= BitOf(seed, e.Node);
                break;
            }
            case TraceKind.MemberRemoved:
            {
                var seed = Get(e.Node);
                seed.Members = (int)e.B;
                var member = Get(e.Peer);
                member.ListedBy &= ~BitOf(seed, e.Node);
                // A seed catching up on the removal of an earlier incarnation does not remove the life that rejoined since.
                if (member.Life is NodeLife.Up or NodeLife.Crashed && e.A >= member.Incarnation) member.Removed = true;
                break;
            }
            case TraceKind.Committed:
            {
                var n = Get(e.Peer);
                ref long last = ref e.Detail == "remove" ? ref n.RemoveCommitted : ref n.AddCommitted;
                if (last != n.Incarnation) DistinctChanges++;
                last = n.Incarnation;
                break;
            }
            case TraceKind.RunEnded:
                RunEnded = true;
                break;
        }
    }

    private static void Start(NodeState n, in TraceEvent e)
    {
        n.Role = RoleStarted(e);
        n.Incarnation = e.A;
        n.Started = true;
        n.Life = NodeLife.Up;
        n.Removed = n.Registered = false;
        n.Degree = n.DegreeAtCrash = 0;
        n.Neighbours?.Clear();
        n.LinkedSinceTicks = long.MaxValue;
        n.DeliveriesSinceLinked = 0;
    }

    private void Crash(NodeState n, in TraceEvent e)
    {
        if (RoleOf(e.Detail) is { } role) n.Role = role;
        if (n.Life == NodeLife.Crashed) return;
        n.DegreeAtCrash = e.A > 0 ? (int)e.A : n.Neighbours?.Count ?? n.Degree;
        n.Life = NodeLife.Crashed;
        // A crash shows again even after a removal; a dead node keeps no links of its own.
        n.Removed = false;
        n.Degree = 0;
        n.Neighbours?.Clear();
        if (n.IsSeed && n.SeedBit >= 0)
        {
            UInt128 alive = ~(UInt128.One << n.SeedBit);
            foreach (var other in _nodes.Values) other.ListedBy &= alive; // its list died with it
        }
    }

    private UInt128 BitOf(NodeState seed, NodeAddress address)
    {
        if (seed.SeedBit < 0)
        {
            if (_seeds >= MaxSeeds)
                throw new NotSupportedException($"the membership fold follows at most {MaxSeeds} seeds; seed {address} is one more");
            seed.SeedBit = (sbyte)_seeds++;
        }
        return UInt128.One << seed.SeedBit;
    }
}

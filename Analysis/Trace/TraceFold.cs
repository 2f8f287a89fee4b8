using System.Runtime.InteropServices;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using GossipSim.Engine.Collections;

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

    // Address to position through the simulator's open-addressing index: a lookup is one probe
    // into 12-byte cells, usually one cache line, where a dictionary reads a bucket and then an
    // entry. The fold runs on the simulation's output thread, which two simulation threads must
    // share their cores with: TraceFold.Get was its largest cost (docs/performance.md, section 4).
    private readonly AddressIndex _index;
    private NodeAddress[] _addresses;
    private NodeState[] _states;
    private int _count;
    private readonly bool _neighbours;
    private readonly Func<NodeAddress, bool>? _neighboursOf;
    private int _seeds;
    private readonly List<NodeState> _seedsWithBits = new(); // at most MaxSeeds: what VotedOutSeedBits reads, not every node

    /// <param name="neighbours">Keep each node's neighbour set (a set a node: only the dashboard, which draws the links, needs it).</param>
    /// <param name="expectedNodes">Nodes the trace will name, when known: the table is made that size once, where growing it by
    /// doubling leaves it up to twice too large and holds the old table and the new at each step. Iteration order is the order nodes were first named, whatever the size.</param>
    /// <param name="neighboursOf">Without <paramref name="neighbours"/>: the nodes whose neighbour sets are kept all the same (a sample,
    /// for the report's map of the overlay's links, at the memory of a few sets).</param>
    public TraceFold(bool neighbours = false, int expectedNodes = 0, Func<NodeAddress, bool>? neighboursOf = null)
    {
        _neighbours = neighbours;
        _neighboursOf = neighbours ? null : neighboursOf;
        int capacity = Math.Max(16, expectedNodes);
        _index = new AddressIndex(capacity);
        _addresses = new NodeAddress[capacity];
        _states = new NodeState[capacity];
    }

    /// <summary>The run-end event was seen: the runner stops every node now.</summary>
    public bool RunEnded { get; private set; }
    /// <summary>Nodes that registered in some life.</summary>
    public int PeersRegistered { get; private set; }
    /// <summary>Membership changes committed, each (peer, incarnation, add or remove) once however many seeds committed it.</summary>
    public int DistinctChanges { get; private set; }
    /// <summary>Every node named so far, in the order first named.</summary>
    public IEnumerable<(NodeAddress Address, NodeState State)> Nodes
    {
        get { for (int i = 0; i < _count; i++) yield return (_addresses[i], _states[i]); }
    }

    /// <summary>Every node's state named so far, in the order first named.</summary>
    public IEnumerable<NodeState> States => _states.Take(_count);

    // The last origin seen traced: a message's receipts come one after another, so the lookup is made about once a message.
    private NodeAddress _tracedOrigin;

    /// <summary>Whether <paramref name="origin"/> traced its own start: false only when its trace is missing (a real run whose node
    /// folder was lost with its host).</summary>
    private bool OriginTraced(NodeAddress origin)
    {
        if (origin == _tracedOrigin) return true;
        if (Find(origin) is not { Started: true }) return false;
        _tracedOrigin = origin;
        return true;
    }

    public NodeState? Find(NodeAddress a) => _index.TryGet(a, out int i) ? _states[i] : null;

    /// <summary>Nodes named so far.</summary>
    public int Count => _count;

    /// <summary>Where a node named so far sits: from 0, in the order first named (<see cref="StateAt"/>).</summary>
    public bool TryIndexOf(NodeAddress a, out int index) => _index.TryGet(a, out index);

    /// <summary>The state of the node at <paramref name="index"/> (<see cref="TryIndexOf"/>).</summary>
    public NodeState StateAt(int index) => _states[index];

    /// <summary>The node's state; an empty one (not started) when no event has named it yet.</summary>
    public NodeState Get(NodeAddress a)
    {
        if (_index.TryGet(a, out int i)) return _states[i];
        if (_count == _states.Length)
        {
            // Grown by half (the table is made its final size when the node count is known).
            Array.Resize(ref _states, _count + _count / 2);
            Array.Resize(ref _addresses, _states.Length);
        }
        var n = new NodeState { Neighbours = _neighbours || _neighboursOf?.Invoke(a) == true ? new() : null };
        _index.Add(a, _count);
        _addresses[_count] = a;
        _states[_count++] = n;
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
        Nodes.Where(n => n.State.IsPeer && n.State.IsUp).OrderBy(n => n.Address);

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
                n.EdgeModes?.LinkUp(e.Peer);
                if (RunEnded) break;
                n.Degree++;
                if (n.OwnLinkSinceTicks == long.MaxValue) n.OwnLinkSinceTicks = e.Time.Ticks;
                var far = Get(e.Peer);
                if (far.LinkedToSinceTicks == long.MaxValue)
                {
                    far.LinkedToSinceTicks = e.Time.Ticks;
                    UncountReceiptsBefore(far, e.Time.Ticks);
                }
                break;
            }
            case TraceKind.LinkDown:
            {
                var n = Get(e.Node);
                n.Neighbours?.Remove(e.Peer);
                n.EdgeModes?.LinkDown(e.Peer);
                if (!RunEnded) n.Degree--;
                break;
            }
            case TraceKind.EdgeModeChanged when _neighbours:
            {
                var n = Get(e.Node);
                (n.EdgeModes ??= new()).Change(e.Peer, (EdgeMode)e.A, n.Neighbours!.Contains(e.Peer));
                break;
            }
            case TraceKind.GossipDelivered:
            {
                var n = Get(e.Node);
                n.Deliveries++;
                if (_neighbours) n.EdgeModes?.FirstReceipt(e.Peer, n.Neighbours!.Contains(e.Peer));
                // B = the message's creation (ticks). A message whose origin left no trace (its folder lost with its host's engine)
                // is owed to nobody in the delivery ratio, so its receipts do not count there either.
                if (n.LinkedSinceTicks <= e.B && OriginTraced(e.Message.Origin))
                {
                    n.DeliveriesSinceLinked++;
                    if (n.LinkedToSinceTicks == long.MaxValue) CountedBeforeLinkedTo(n).Add(e.B);
                }
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
                // A seed that stops before the end (moved elsewhere, or voted out and stopped) lists nobody from then on: a peer it
                // listed and the others removed is not still listed by it (swarm seed 1, run 5955: seed 4 moved, the peer it had
                // listed removed by the five lives up, then crashed).
                if (n.IsSeed) Unlist(n);
                break;
            }
            case TraceKind.MemberAdded:
            {
                var seed = Get(e.Node);
                seed.Members = (int)e.B;
                var member = Get(e.Peer);
                if (!seed.VotedOut) member.ListedBy |= BitOf(seed, e.Node);
                break;
            }
            // A seed's own step (a peer's names the seed it came from): a final set without it leaves it out, and its list with it.
            case TraceKind.SeedSetChanged when e.Peer.IsNone:
            {
                var seed = Get(e.Node);
                switch (SeedSetLine.FinalSetHolds(e.Detail, e.Node))
                {
                    case false when !seed.VotedOut:
                        seed.VotedOut = true;
                        Unlist(seed);
                        break;
                    case true:
                        seed.VotedOut = false; // voted in again
                        break;
                }
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

    /// <summary>
    /// Receipts counted while no other node had yet traced a link to the receiver, by their messages' creation (ticks). The first such
    /// link-up moves the receiver's <see cref="NodeState.LinkedSinceTicks"/> later, and a message created before it is then owed to
    /// nobody there: its receipt must not count either (docker dead-engine, local CI: a peer traced its own link 0.1 ms before a
    /// message was created and received it, its far end traced the link 11 ms later; 1,307 receipts counted against 1,306 owed).
    /// Rare (a real run's far end a few ms late; the simulator traces both ends before gossip can cross), so kept aside.
    /// </summary>
    private Dictionary<NodeState, List<long>>? _countedBeforeLinkedTo;

    private List<long> CountedBeforeLinkedTo(NodeState n) =>
        CollectionsMarshal.GetValueRefOrAddDefault(_countedBeforeLinkedTo ??= new(), n, out _) ??= new();

    private void UncountReceiptsBefore(NodeState n, long linkedToTicks)
    {
        if (_countedBeforeLinkedTo is null || !_countedBeforeLinkedTo.Remove(n, out var created)) return;
        n.DeliveriesSinceLinked -= created.Count(c => c < linkedToTicks);
    }

    private void Start(NodeState n, in TraceEvent e)
    {
        _countedBeforeLinkedTo?.Remove(n);
        n.Role = RoleStarted(e);
        n.Incarnation = e.A;
        // A link traced to it before its first start line (traces merged from several files) is this life's; a restart's is not.
        if (n.Started) n.LinkedToSinceTicks = long.MaxValue;
        n.Started = true;
        n.Life = NodeLife.Up;
        n.Removed = n.Registered = false;
        n.Degree = n.DegreeAtCrash = 0;
        n.Neighbours?.Clear();
        n.EdgeModes = null;
        n.OwnLinkSinceTicks = long.MaxValue;
        n.Deliveries = n.DeliveriesSinceLinked = 0;
    }

    private void Crash(NodeState n, in TraceEvent e)
    {
        if (RoleOf(e.Detail) is { } role) n.Role = role;
        if (n.Life == NodeLife.Crashed) return;
        // A node kept only for the map's sample counts its degree as every other node does: the map must not move a figure.
        n.DegreeAtCrash = e.A > 0 ? (int)e.A : _neighbours ? n.Neighbours!.Count : n.Degree;
        n.Life = NodeLife.Crashed;
        // A crash shows again even after a removal; a dead node keeps no links of its own.
        n.Removed = false;
        n.Degree = 0;
        n.Neighbours?.Clear();
        n.EdgeModes = null;
        if (n.IsSeed) Unlist(n); // its list died with it
    }

    /// <summary>The bits in <see cref="NodeState.ListedBy"/> of the seeds a finished seed-set change left out (and that were not
    /// voted in again since).</summary>
    public UInt128 VotedOutSeedBits()
    {
        UInt128 bits = UInt128.Zero;
        foreach (var seed in _seedsWithBits) if (seed.VotedOut) bits |= UInt128.One << seed.SeedBit;
        return bits;
    }

    /// <summary>No peer is listed by <paramref name="seed"/> any more (it crashed, or was voted out of the seed set).</summary>
    private void Unlist(NodeState seed)
    {
        if (seed.SeedBit < 0) return;
        UInt128 kept = ~(UInt128.One << seed.SeedBit);
        for (int i = 0; i < _count; i++) _states[i].ListedBy &= kept;
    }

    private UInt128 BitOf(NodeState seed, NodeAddress address)
    {
        if (seed.SeedBit < 0)
        {
            if (_seeds >= MaxSeeds)
                throw new NotSupportedException($"the membership fold follows at most {MaxSeeds} seeds; seed {address} is one more");
            seed.SeedBit = (sbyte)_seeds++;
            _seedsWithBits.Add(seed);
        }
        return UInt128.One << seed.SeedBit;
    }
}

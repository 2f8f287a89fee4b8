using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Events;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Partitions;
using GossipSim.Simulator.Ranks;
using GossipSim.Simulator.Threads;
using GossipSim.Engine.Vocabulary;
using GossipSim.Engine.Collections;

namespace GossipSim.Simulator.Network;

/// <summary>
/// The deterministic discrete-event network: a virtual clock, events in (time, key) order,
/// latency, loss and partitions drawn from the run's seed, crash and restart of any node. A run
/// is a pure function of its inputs, on one thread or several: nodes are split into partitions
/// (<see cref="SimPartition"/>), each with its own queue, clock and thread, and time advances in
/// windows no wider than the smallest link delay, so nothing sent inside a window is due inside
/// it at another partition. Faults, starts scheduled from outside and every other control event
/// run between windows, on the caller's thread. Every random draw comes from a node's own
/// streams and every tie is broken by who made the event (<see cref="EventKey"/>), so the trace
/// is the same, byte for byte, for any number of threads. Per node it keeps a handful of array
/// slots: no O(N^2) structure anywhere.
/// On the ranks of an mpirun (<see cref="IRankExchange"/>) every rank builds the same network and
/// runs the same control events, but owns only some partitions (<see cref="RankShare"/>): their
/// nodes start, run and take memory there alone. After every window and every control event the
/// ranks trade the deliveries between them and rank 0 gets every output (<see cref="WindowMail"/>),
/// so the trace is again the one a single process writes.
/// </summary>
public sealed class SimNetwork
{
    public delegate void NodeLog(NodeAddress node, TimeSpan time, string line);

    private readonly EventQueue _control = new(); // control events, run between windows
    private long _controlMade;                     // their keys (the network's slot, 0)
    private readonly SimPartition[] _parts;
    private readonly SimPartition[] _local; // the partitions this process runs: all of them, but on ranks
    private readonly PartitionOutput[] _localOutputs;
    private readonly IRankExchange? _ranks; // null: one process
    private readonly RankShare _share;
    private readonly WindowMail? _mail;
    private readonly RankedNodes? _nodes;
    private long _slot; // on ranks: the control output's keys (see NextSlot)
    private long _steps;
    private readonly ParallelRunner? _runner;
    private readonly ulong _seed;
    // Per node, by index: plain arrays (a delivery reads one of them, a send two).
    /// <summary>A node and its life, side by side: a delivery checks both with one memory read.</summary>
    internal struct Life
    {
        public Node? Node;  // null while crashed or not yet started
        // The network's epoch when this life began (at a crash, restart or clean leave): an
        // event made before it was meant for an earlier life and is stale. So a send never
        // reads the target's slot (one random memory read less per message); the event's own
        // epoch says when it was made.
        public uint Since;
    }

    private Life[] _lives = new Life[16];
    private NodeAddress[] _addresses = new NodeAddress[16];
    private Func<long, Node>?[] _factories = new Func<long, Node>?[16]; // null for a bare endpoint (Open)
    private SimTransport?[] _ports = new SimTransport?[16]; // the current life's transport, for prefetching only
    private long[] _incarnations = new long[16];
    private int[] _groups = new int[16];
    private int _nodeCount;
    private readonly AddressIndex _indexOf = new();
    private AddressRuns _runs; // most addresses resolve here, without reading _indexOf
    /// <summary>Directed (from group, to group) pairs that cannot talk; empty when nothing is partitioned.</summary>
    private readonly HashSet<(int from, int to)> _blocked = new();
    private long _now;
    private long _controlEvents;
    private bool _inWindow;

    /// <summary>
    /// Partitions a window is cut into for each thread it runs on. One: cut finer (eight a
    /// thread, handed out busiest first to whichever thread is free) the partitions even out a
    /// window's work, but at a million peers that cost more CPU (15 of 16 messages then cross
    /// between partitions, through the outboxes, and 16 queues and outputs are kept) and more
    /// memory than the balance gave back (docs/performance.md, issue 21). The outcome does not
    /// depend on it.
    /// </summary>
    public const int PartitionsPerThread = 1;

    /// <param name="threads">Threads a window runs on: 1 runs everything on the caller's thread. More need a latency model with a smallest
    /// delay above zero (the window's width); otherwise the network runs on one thread and <see cref="OneThreadReason"/> says why.</param>
    /// <param name="runner">How the runtime runs the partitions of a window side by side on <paramref name="threads"/> threads (Engine owns
    /// no threads); needed with more than one thread.</param>
    /// <param name="partitions">Partitions the nodes are split into (default: <see cref="PartitionsPerThread"/> a thread, one with one
    /// thread).</param>
    /// <param name="ranks">The ranks of an mpirun this process is one of (each owns a share of the partitions; threads are then each
    /// rank's); null or a single rank: one process runs everything.</param>
    public SimNetwork(ulong seed, LatencyModel latency, ITraceSink trace, int threads = 1,
        ParallelRunner? runner = null, int? partitions = null, IRankExchange? ranks = null)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
        if (threads > 1 && runner == null)
            throw new ArgumentException("more than one thread needs a runner to run partitions side by side", nameof(runner));
        if (partitions < 1) throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "at least one partition");
        _seed = seed;
        _latency = latency.ForRun(seed);
        TraceSink = trace;
        if (ranks is { Ranks: > 1 })
        {
            if (_latency.MinTicks <= 0)
                throw new RankExchangeException($"the latency model ({_latency.Describe()}) can delay a message by 0 ms, so ranks would "
                    + "have no time window to run side by side in: run on one process, or with a latency model whose smallest delay is "
                    + "above 0 ms");
            _ranks = ranks;
        }
        if ((threads > 1 || partitions > 1) && _latency.MinTicks <= 0)
        {
            OneThreadReason = $"the latency model ({_latency.Describe()}) can delay a message by 0 ms, so time windows "
                + $"between threads would be empty";
            threads = 1;
            partitions = 1;
        }
        Threads = threads;
        int rankCount = _ranks?.Ranks ?? 1;
        int count = partitions ?? (threads == 1 && rankCount == 1 ? 1 : threads * PartitionsPerThread * rankCount);
        _share = RankShare.Of(rankCount, count);
        _parts = new SimPartition[count];
        for (int p = 0; p < count; p++) _parts[p] = new SimPartition(this, p, count);
        _local = _parts.Where(p => IsLocal(p.Number)).ToArray();
        _localOutputs = _local.Select(p => p.Output).ToArray();
        if (_ranks != null)
        {
            foreach (var p in _local) p.Output.Holding = true;
            _mail = new WindowMail(this, _ranks, _share, _parts, _local);
            _nodes = new RankedNodes(this, _ranks, i => IsLocal(PartitionOf(i)));
        }
        _load = new WindowLoad(_local.Length, threads);
        _runner = runner;
    }

    /// <summary>On ranks: where this rank's time between the windows went (null on one process).</summary>
    public ExchangeTimes? RankTimes => _mail?.Times;

    /// <summary>Whether this process runs the partition (always, but on ranks).</summary>
    internal bool IsLocal(int partition) => _ranks == null || _share.OwnerOf(partition) == _ranks.Rank;

    /// <summary>The ranks this network runs on (1: one process).</summary>
    public int Ranks => _share.Ranks;

    /// <summary>Threads the network's windows run on.</summary>
    public int Threads { get; }
    /// <summary>Partitions the nodes are split into (node i in partition i modulo this).</summary>
    public int Partitions => _parts.Length;
    /// <summary>Why the network runs on one thread though more were asked for; null otherwise.</summary>
    public string? OneThreadReason { get; }
    /// <summary>Windows run on several partitions so far.</summary>
    public long Windows { get; private set; }
    /// <summary>The windows' balance between the threads, by events (<see cref="WindowLoad.Balance"/>).</summary>
    public double WindowBalance => _load.Balance;

    /// <summary>Bumped at every change of a node's life; events carry the epoch they were made in (see <see cref="Life.Since"/>).</summary>
    internal uint Epoch { get; private set; }
    internal Life[] Lives => _lives;
    internal SimTransport?[] Ports => _ports;
    internal int PartitionOf(int index) => _parts.Length == 1 ? 0 : index % _parts.Length;
    internal SimPartition PartitionAt(int number) => _parts[number];
    internal bool IsPartitioned => _blocked.Count > 0;
    internal bool Blocked(int from, int to) => _blocked.Contains((_groups[from], _groups[to]));

    public TimeSpan Now => new(_now);
    public LatencyModel Latency { get => _latency; set => _latency = value.ForRun(_seed); }
    private LatencyModel _latency;
    public ITraceSink TraceSink { get; }
    /// <summary>Probability that any one message is lost.</summary>
    public double LossRate { get; set; }
    /// <summary>Probability that a message is delivered twice (each copy with its own delay).</summary>
    public double DuplicationRate { get; set; }
    /// <summary>Probability that a message is held back by up to <see cref="ReorderMaxDelay"/>, so later ones overtake it.</summary>
    public double ReorderRate { get; set; }
    public TimeSpan ReorderMaxDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    /// <summary>Latency spike: every delay is multiplied by this and <see cref="ExtraLatency"/> added.</summary>
    public double LatencyFactor { get; set; } = 1;
    public TimeSpan ExtraLatency { get; set; }

    /// <summary>A drawn delay under the latency spike now in force (the identity when there is none).</summary>
    internal long Spiked(long ticks) =>
        LatencyFactor != 1 || ExtraLatency != TimeSpan.Zero ? (long)(ticks * LatencyFactor) + ExtraLatency.Ticks : ticks;
    /// <summary>Whether nodes build their high-volume output lines (see <see cref="INodeLog.Detailed"/>).</summary>
    public bool DetailedLogs { get; set; }
    /// <summary>Which node's human output is kept (null: none). Asked once per node life, when the node starts.</summary>
    public Func<int, NodeLog?> LogProvider { get; set; } = _ => null;

    // On ranks, the counters are this rank's until the run ends (StopAll), and every rank's then; the control events, which every
    // rank runs, count once.
    public long EventsProcessed => _totals?[0] ?? LocalEvents;
    public long MessagesSent => _totals?[1] ?? _parts.Sum(p => p.MessagesSent);
    public long MessagesDropped => _totals?[2] ?? _parts.Sum(p => p.MessagesDropped);
    public long MessagesDuplicated => _totals?[3] ?? _parts.Sum(p => p.MessagesDuplicated);
    public int PendingEvents => _control.Count + _parts.Sum(p => p.Queue.Count);
    /// <summary>This process's events; the control events, which every rank runs, counted on rank 0 only.</summary>
    private long LocalEvents => (_ranks is { Rank: > 0 } ? 0 : _controlEvents) + _parts.Sum(p => p.EventsProcessed);
    private long[]? _totals; // on ranks, after the run: every rank's counters summed (events, sent, dropped, duplicated, by kind)
    private long _eventsEverywhere; // on ranks, while running: every rank's events, as of the last progress report

    /// <summary>On ranks: sums every rank's counters into this network's (its last collective call of a run).</summary>
    private void GatherTotals()
    {
        var t = new long[4 + 512];
        t[0] = LocalEvents;
        t[1] = _parts.Sum(p => p.MessagesSent);
        t[2] = _parts.Sum(p => p.MessagesDropped);
        t[3] = _parts.Sum(p => p.MessagesDuplicated);
        for (int k = 0; k < 256; k++)
        {
            t[4 + k] = _parts.Sum(p => p.DeliveredByKind[k]);
            t[4 + 256 + k] = _parts.Sum(p => p.TimersByKind[k]);
        }
        _ranks!.AllReduce(t, RankReduction.Sum);
        _totals = t;
    }

    /// <summary>Events processed, by message kind ("Ping", "Gossip"...) and timer kind ("timer:PingTick"...): where a run's work
    /// goes.</summary>
    public IReadOnlyDictionary<string, long> EventsByKind()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (int k = 0; k < 256; k++)
        {
            long delivered = _totals?[4 + k] ?? _parts.Sum(p => p.DeliveredByKind[k]);
            long timers = _totals?[4 + 256 + k] ?? _parts.Sum(p => p.TimersByKind[k]);
            if (delivered > 0) result[((MessageKind)k).ToString()] = delivered;
            if (timers > 0) result["timer:" + (TimerKind)k] = timers;
        }
        return result;
    }

    public int NodeCount => _nodeCount;

    /// <summary>The node, when it runs in this process (on ranks: on this rank).</summary>
    public Node? NodeAt(int index) => _lives[index].Node;
    public NodeAddress AddressOf(int index) => _addresses[index];
    /// <summary>Whether the node runs, on whichever rank (on ranks, a collective call: every rank asks alike).</summary>
    public bool IsAlive(int index) => _nodes?.IsAlive(index) ?? _lives[index].Node != null;
    /// <summary>The node's links now (0 when it does not run).</summary>
    public int DegreeOf(int index) => _nodes?.DegreeOf(index) ?? _lives[index].Node?.OverlayDegree ?? 0;
    /// <summary>The node runs and is a registered peer.</summary>
    public bool IsRegisteredPeer(int index) => _nodes?.IsRegisteredPeer(index) ?? _lives[index].Node?.IsRegisteredPeer ?? false;
    public int IndexOf(NodeAddress a) => TryIndex(a, out int i) ? i : -1;

    internal bool TryIndex(NodeAddress a, out int index) => _runs.TryGet(a, out index) || _indexOf.TryGet(a, out index);

    /// <summary>Makes room for this many nodes at once (a hint: the tables otherwise double as nodes are added, each step a large
    /// copy).</summary>
    public void Reserve(int nodes)
    {
        if (nodes <= _lives.Length) return;
        Array.Resize(ref _lives, nodes);
        Array.Resize(ref _addresses, nodes);
        Array.Resize(ref _factories, nodes);
        Array.Resize(ref _ports, nodes);
        Array.Resize(ref _incarnations, nodes);
        Array.Resize(ref _groups, nodes);
        _indexOf.Reserve(nodes);
    }

    /// <summary>Adds a node that starts at <paramref name="startAt"/>; the factory gets the incarnation (65,536 for the first life, +65,536
    /// per restart).</summary>
    public int AddNode(NodeAddress address, Func<long, Node> factory, TimeSpan startAt)
    {
        int index = AddSlot(address, factory);
        var e = new SimEvent
            { Time = Math.Max(startAt.Ticks, _now), Sequence = EventKey.Of(0, _controlMade++), Epoch = Epoch,
                Kind = SimEventKind.Start, Target = index };
        if (IsLocal(PartitionOf(index))) _parts[PartitionOf(index)].Queue.PushKeyed(ref e, _now);
        return index;
    }

    /// <summary>
    /// A bare endpoint at <paramref name="address"/>, with no node: its transport receives
    /// nothing until started with a handler (see <see cref="SimTransport.Start"/>). For testing
    /// the transport itself; nodes come in through <see cref="AddNode"/>.
    /// </summary>
    public SimTransport Open(NodeAddress address)
    {
        int index = AddSlot(address, factory: null);
        return _ports[index] = NewPort(index, incarnation: 0);
    }

    private int AddSlot(NodeAddress address, Func<long, Node>? factory)
    {
        NotInWindow();
        if (_indexOf.Contains(address)) throw new ArgumentException($"address {address} is already in the network");
        if (_nodeCount >= EventKey.MaxNodes) throw new InvalidOperationException($"at most {EventKey.MaxNodes:N0} nodes in one network");
        int index = _nodeCount++;
        if (index == _lives.Length)
        {
            int size = index * 2;
            Array.Resize(ref _lives, size);
            Array.Resize(ref _addresses, size);
            Array.Resize(ref _factories, size);
            Array.Resize(ref _ports, size);
            Array.Resize(ref _incarnations, size);
            Array.Resize(ref _groups, size);
        }
        _indexOf.Add(address, index);
        _runs.Added(address, index);
        _addresses[index] = address;
        _factories[index] = factory;
        _nodes?.Stale();
        return index;
    }

    /// <summary>A bare endpoint's receiver takes the slot: what was sent to it before now is not delivered.</summary>
    internal void Attach(int index, Node receiver)
    {
        if (_factories[index] != null)
            throw new InvalidOperationException($"{_addresses[index]} is a node: the network delivers its "
                + $"messages, there is nothing to start");
        if (_lives[index].Node != null) throw new InvalidOperationException($"{_addresses[index]} is already started");
        NewLife(index);
        _lives[index].Node = receiver;
    }

    internal void Detach(int index)
    {
        if (_lives[index].Node != null) EndLife(index);
    }

    /// <summary>Runs an action (a fault, a measurement) at a virtual time, in order with everything else.</summary>
    public void Schedule(TimeSpan at, Action action)
    {
        // no target: control events have their own queue
        var e = new SimEvent
            { Time = Math.Max(at.Ticks, _now), Sequence = EventKey.Of(0, _controlMade++), Kind = SimEventKind.Control, Payload = action };
        _control.PushKeyed(ref e, _now);
    }

    /// <summary>Crash: the node stops receiving, its timers die with it, its state is gone.</summary>
    /// <param name="unwatched">No live peer is linked to it but those crashed with it: traced as <see cref="TraceKind.CrashUnwatched"/>.</param>
    /// <param name="watchRound">SWIM: the shortest probe round among its live watchers, traced as <see cref="TraceKind.CrashWatchRound"/>.</param>
    public void Crash(int index, bool unwatched = false, int? watchRound = null)
    {
        NextSlot();
        if (!IsAlive(index)) return;
        if (_lives[index].Node is { } node) // on ranks, the owner's alone
        {
            var output = _parts[PartitionOf(index)].Output;
            output.Write(new TraceEvent(Now, TraceKind.CrashInjected, _addresses[index], A: node.OverlayDegree,
                Detail: node.Role == NodeRole.Seed ? "seed" : "peer"));
            if (unwatched) output.Write(new TraceEvent(Now, TraceKind.CrashUnwatched, _addresses[index]));
            else if (watchRound is { } round) output.Write(new TraceEvent(Now, TraceKind.CrashWatchRound, _addresses[index], A: round));
        }
        EndLife(index);
    }

    /// <summary>The node is gone: every event of this life (pending deliveries, timers) is now stale.</summary>
    private void EndLife(int index)
    {
        _lives[index].Node = null;
        NewLife(index);
        _nodes?.Ended(index);
    }

    /// <summary>A new epoch for a node's new life: what was made before it is stale for it.</summary>
    private void NewLife(int index)
    {
        NotInWindow();
        if (Epoch == SimEvent.MaxEpoch)
            throw new InvalidOperationException($"more than {SimEvent.MaxEpoch:N0} crashes, restarts and leaves in one run: more "
                + $"than events can tell apart");
        _lives[index].Since = ++Epoch;
    }

    private void NotInWindow()
    {
        if (_inWindow)
            throw new InvalidOperationException("a node's life, or the set of nodes, changes only between time windows (from a control "
                + "event), when the network runs on several threads");
    }

    /// <summary>Restart a crashed node as a new incarnation with empty state.</summary>
    public void Restart(int index)
    {
        NextSlot();
        if (_factories[index] == null || IsAlive(index)) return;
        NewLife(index);
        StartNode(index, restarted: true);
    }

    /// <summary>
    /// Cuts the network into groups (group 0 is "everyone else"). Two-way: a message crosses
    /// only inside a group. One-way: only messages from group 1 to group 2 are lost, the
    /// reverse direction still works (an asymmetric link, the hardest case for failure detectors).
    /// </summary>
    public void Partition(IReadOnlyDictionary<int, int> groupOfNode, string description, bool oneWay = false)
    {
        for (int i = 0; i < _nodeCount; i++) _groups[i] = groupOfNode.TryGetValue(i, out int g) ? g : 0;
        _blocked.Clear();
        int groups = groupOfNode.Values.DefaultIfEmpty(0).Max();
        if (oneWay) _blocked.Add((1, 2));
        else
            for (int a = 0; a <= groups; a++)
                for (int b = 0; b <= groups; b++)
                    if (a != b) _blocked.Add((a, b));
        NextSlot();
        WriteNetwork(new TraceEvent(Now, TraceKind.Partitioned, default, Detail: (oneWay ? "one-way " : "") + description));
    }

    public void Heal()
    {
        Array.Clear(_groups);
        _blocked.Clear();
        NextSlot();
        WriteNetwork(new TraceEvent(Now, TraceKind.Healed, default));
    }

    public void SetLatencySpike(double factor, TimeSpan extra)
    {
        LatencyFactor = factor;
        ExtraLatency = extra;
        NextSlot();
        WriteNetwork(new TraceEvent(Now, TraceKind.LatencyChanged, default,
            Detail: factor == 1 && extra == TimeSpan.Zero ? "normal" : $"x"
                + $"{factor.ToString(System.Globalization.CultureInfo.InvariantCulture)} "
                + $"+{extra.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} ms"));
    }

    /// <summary>A clean departure (churn): the node says goodbye, then is gone like a crash.</summary>
    public void Leave(int index)
    {
        NextSlot();
        if (!IsAlive(index)) return;
        _lives[index].Node?.OnStop(sayGoodbye: true); // on ranks, on the owner alone
        EndLife(index);
    }

    public void SetLoss(double rate)
    {
        LossRate = rate;
        NextSlot();
        WriteNetwork(new TraceEvent(Now, TraceKind.LossChanged, default,
            Detail: rate.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Processes events up to and including <paramref name="end"/>; the clock then stands at end.
    /// A control event runs before the nodes' events of its time, with every partition's clock
    /// at its time; between control events the partitions run windows, each as wide as the
    /// smallest delay a message between partitions can have.
    /// </summary>
    public void RunUntil(TimeSpan end, Action<SimNetwork>? progress = null, long progressEveryEvents = 1_000_000)
    {
        long endTicks = end.Ticks;
        long nextProgress = EventsProcessed + progressEveryEvents;
        Settle(); // what was done between two runs (a manager's command) reaches its ranks first
        while (true)
        {
            long first = long.MaxValue;
            foreach (var p in _local) if (p.Queue.TryPeekTime(out long t) && t < first) first = t;
            if (_ranks != null)
            {
                long asked = System.Diagnostics.Stopwatch.GetTimestamp();
                first = _ranks.AllReduce(first, RankReduction.Min);
                _mail!.Times.Agreeing += System.Diagnostics.Stopwatch.GetTimestamp() - asked;
            }
            bool control = _control.TryPeekTime(out long c) && c <= endTicks;
            if (control && c <= first)
            {
                SetClock(c);
                var e = _control.Pop();
                _controlEvents++;
                NextSlot();
                ((Action)e.Payload!)();
                Settle();
            }
            else if (first <= endTicks)
            {
                long windowEnd = Math.Min(endTicks + 1, control ? c : long.MaxValue);
                if (_parts.Length == 1)
                {
                    // One partition needs no windows: it runs to the next control event, pausing for progress.
                    _parts[0].RunWindow(windowEnd, buffered: false, maxEvents: progress == null ? long.MaxValue : progressEveryEvents);
                    _now = Math.Max(_now, _parts[0].Now);
                }
                else
                {
                    windowEnd = Math.Min(windowEnd, first + Lookahead());
                    RunWindows(windowEnd);
                    _now = Math.Max(_now, windowEnd - 1);
                }
            }
            else break;
            if (progress == null) continue;
            if (_ranks != null)
            {
                // Every rank reports at the same step, so the report may ask every rank (the live peers).
                if (++_steps % RankedProgressSteps != 0) continue;
                _eventsEverywhere = _ranks.AllReduce(LocalEvents, RankReduction.Sum);
                progress(this);
            }
            else if (EventsProcessed >= nextProgress)
            {
                nextProgress = EventsProcessed + progressEveryEvents;
                progress(this);
            }
        }
        SetClock(Math.Max(_now, endTicks));
    }

    /// <summary>On ranks, progress is reported every this many windows and control events.</summary>
    private const int RankedProgressSteps = 32;

    /// <summary>Every rank's events so far: on ranks, as of the last progress report.</summary>
    public long EventsSoFar => _ranks == null ? EventsProcessed : _eventsEverywhere;

    /// <summary>
    /// On ranks: the deliveries made since the last exchange go to their ranks, and everything
    /// written since reaches rank 0's outputs. After every window and control event, so that an
    /// exchange holds the output of one of them only.
    /// </summary>
    private void Settle() => _mail?.Exchange();

    /// <summary>
    /// On ranks, a control event's output is held like a window's and merged on rank 0 by (time,
    /// key): its key is the n-th piece of control output of the run, counted alike on every rank
    /// (the network's own, written on rank 0, and each node's, on its owner), so the pieces come out
    /// in the order one process writes them.
    /// </summary>
    private void NextSlot()
    {
        if (_ranks == null) return;
        _slot++;
        foreach (var o in _localOutputs) o.At(_now, _slot);
    }

    /// <summary>What the network itself traces (a partition, a loss rate): on ranks, rank 0 writes it.</summary>
    private void WriteNetwork(in TraceEvent e)
    {
        if (_ranks == null) TraceSink.Write(e);
        else if (_ranks.Rank == 0) _local[0].Output.Write(e);
    }

    private void SetClock(long now)
    {
        _now = now;
        foreach (var p in _parts) p.Now = now;
    }

    /// <summary>The smallest delay any message can have now: the window's width when partitions run side by side.</summary>
    private long Lookahead()
    {
        return Math.Max(1, Spiked(_latency.MinTicks));
    }

    /// <summary>
    /// A window whose predecessor had fewer events than this runs its partitions one after
    /// another on the caller's thread: handing a window to threads and back costs about as much
    /// as this many events. The outcome is the same either way (partitions of one window do not
    /// see each other); only where the time goes changes.
    /// </summary>
    public long SideBySideMinEvents { get; init; } = 1_000;

    /// <summary>Every partition runs the window (side by side, or in turn when windows are small); then their mail is delivered and their
    /// output merged.</summary>
    private void RunWindows(long end)
    {
        bool sideBySide = _runner != null && _local.Length > 1 && _lastWindowEvents >= SideBySideMinEvents;
        _inWindow = true;
        try
        {
            Each(sideBySide, p => _local[p].RunWindow(end, buffered: true, maxEvents: long.MaxValue));
        }
        finally
        {
            _inWindow = false;
        }
        Windows++;
        _lastWindowEvents = 0;
        foreach (var p in _local) _lastWindowEvents += p.WindowEvents;
        _load.Ended(p => _local[p].WindowEvents);
        foreach (var p in _parts) p.Now = Math.Max(p.Now, end - 1);
        Each(sideBySide, p => _local[p].Receive(_local));
        if (_mail == null) PartitionOutput.Merge(_localOutputs);
        else
        {
            _nodes!.Stale();
            Settle();
        }
    }

    /// <summary>The windows' work: the order threads take the partitions up in, and the balance.</summary>
    private readonly WindowLoad _load;

    private long _lastWindowEvents = long.MaxValue;

    private void Each(bool sideBySide, Action<int> work)
    {
        if (sideBySide) _runner!(_local.Length, i => work(_load[i]));
        else for (int p = 0; p < _local.Length; p++) work(p);
    }

    /// <summary>
    /// On ranks, the end of the run sends rank 0 the final states of this many nodes an exchange:
    /// in one exchange, a million peers' three or four trace events each were held as output
    /// entries, written into the mail, copied, read and decoded all at once, the ranks' peak
    /// memory (docs/performance.md section 9). The order is the same: each node's stop has a slot
    /// of its own, counted alike on every rank, so later exchanges hold later slots.
    /// </summary>
    public int StopsPerExchange { get; init; } = 1 << 15;

    /// <summary>Clean stop of every live node (end of run): each traces its final state.</summary>
    public void StopAll()
    {
        NextSlot();
        WriteNetwork(new TraceEvent(Now, TraceKind.RunEnded, default));
        for (int i = 0; i < _nodeCount; i++)
        {
            NextSlot();
            _lives[i].Node?.OnStop(sayGoodbye: false);
            if (_ranks != null && (i + 1) % StopsPerExchange == 0) Settle(); // every rank at the same i
        }
        if (_ranks == null) return;
        Settle();
        GatherTotals();
    }

    /// <summary>Starts a node's next life: from its start event (on its partition's thread) or a restart (between windows).</summary>
    internal void StartNode(int index, bool restarted)
    {
        // Lives are 65,536 apart: a peer removed while alive rejoins as incarnation + 1, and a
        // later restart (which knows nothing of that) must still come in above it.
        long incarnation = ++_incarnations[index] << 16;
        if (!IsLocal(PartitionOf(index)))
        {
            _nodes!.Restarted(index); // on ranks: its owner restarts it
            return;
        }
        var node = _factories[index]!(incarnation);
        var part = _parts[PartitionOf(index)];
        var port = _ports[index] = NewPort(index, incarnation, RngStreams.SimNode(_seed, index, incarnation),
            LogProvider(index) is { } write ? part.Output.LogFor(write) : null);
        _lives[index].Node = node;
        if (restarted) part.Output.Write(new TraceEvent(Now, TraceKind.Restarted, _addresses[index], A: incarnation));
        node.Start(port);
        if (restarted) _nodes?.Restarted(index);
    }

    /// <summary>
    /// A node's attachment and context for one life: it keeps counting the node's event keys where
    /// the last life stopped. A bare endpoint (<see cref="Open"/>) is handed its network stream as
    /// its own: it never draws from it.
    /// </summary>
    private SimTransport NewPort(int index, long incarnation, Rng? random = null, INodeLog? log = null)
    {
        var network = RngStreams.SimNodeNetwork(_seed, index, incarnation);
        return new(this, _parts[PartitionOf(index)], index, _addresses[index], random ?? network, network, log, _ports[index]?.Made ?? 0);
    }
}

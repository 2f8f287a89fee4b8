using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;

namespace GossipSim.Engine.Simulation;

/// <summary>
/// The deterministic discrete-event network: a virtual clock, one event queue in (time,
/// sequence) order, latency, loss and partitions drawn from the run's seed, crash and restart
/// of any node. Everything runs on the caller's thread, so a run is a pure function of its
/// inputs. Per node it keeps a handful of array slots: no O(N^2) structure anywhere.
/// </summary>
public sealed class SimNetwork
{
    public delegate void NodeLog(NodeAddress node, TimeSpan time, string line);

    private readonly EventQueue _queue = new();
    private readonly ulong _seed;
    private readonly Rng _netRng;
    // Per node, by index: plain arrays (a delivery reads one of them, a send two).
    /// <summary>A node and its life, side by side: a delivery checks both with one memory read.</summary>
    private struct Life
    {
        public Node? Node;  // null while crashed or not yet started
        // The queue's sequence number when this life began (at a crash, restart or clean
        // leave): an event pushed before it was meant for an earlier life and is stale. So a
        // send never reads the target's slot (one random memory read less per message); the
        // event's own sequence number says when it was sent.
        public long Since;
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
    private readonly long[] _deliveredByKind = new long[256]; // by MessageKind
    private readonly long[] _timersByKind = new long[256];    // by TimerKind
    private readonly HashSet<long> _cancelledTimers = new();  // their ids (TimerKey)
    private readonly int[] _cancelledByKind = new int[256];    // how many of each kind are in the set, so a timer of a kind never cancelled skips the lookup
    /// <summary>Directed (from group, to group) pairs that cannot talk; empty when nothing is partitioned.</summary>
    private readonly HashSet<(int from, int to)> _blocked = new();
    private long _now;

    public SimNetwork(ulong seed, LatencyModel latency, ITraceSink trace)
    {
        _seed = seed;
        _netRng = RngStreams.Network(seed);
        _latency = latency.ForRun(seed);
        TraceSink = trace;
    }

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
    /// <summary>Whether nodes build their high-volume output lines (see <see cref="INodeLog.Detailed"/>).</summary>
    public bool DetailedLogs { get; set; }
    /// <summary>Which node's human output is kept (null: none). Asked once per node life, when the node starts.</summary>
    public Func<int, NodeLog?> LogProvider { get; set; } = _ => null;

    public long EventsProcessed { get; private set; }
    public long MessagesSent { get; private set; }
    public long MessagesDropped { get; private set; }
    public long MessagesDuplicated { get; private set; }
    public int PendingEvents => _queue.Count;

    /// <summary>Events processed, by message kind ("Ping", "Gossip"...) and timer kind ("timer:PingTick"...): where a run's work goes.</summary>
    public IReadOnlyDictionary<string, long> EventsByKind()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (int k = 0; k < 256; k++)
        {
            if (_deliveredByKind[k] > 0) result[((MessageKind)k).ToString()] = _deliveredByKind[k];
            if (_timersByKind[k] > 0) result["timer:" + (TimerKind)k] = _timersByKind[k];
        }
        return result;
    }

    public int NodeCount => _nodeCount;

    public Node? NodeAt(int index) => _lives[index].Node;
    public NodeAddress AddressOf(int index) => _addresses[index];
    public bool IsAlive(int index) => _lives[index].Node != null;
    public int IndexOf(NodeAddress a) => TryIndex(a, out int i) ? i : -1;

    private bool TryIndex(NodeAddress a, out int index) => _runs.TryGet(a, out index) || _indexOf.TryGet(a, out index);

    /// <summary>Makes room for this many nodes at once (a hint: the tables otherwise double as nodes are added, each step a large copy).</summary>
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

    /// <summary>Adds a node that starts at <paramref name="startAt"/>; the factory gets the incarnation (65,536 for the first life, +65,536 per restart).</summary>
    public int AddNode(NodeAddress address, Func<long, Node> factory, TimeSpan startAt)
    {
        int index = AddSlot(address, factory);
        var e = new SimEvent { Time = Math.Max(startAt.Ticks, _now), Kind = SimEventKind.Start, Target = index };
        _queue.Push(ref e, _now);
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
        return _ports[index] = new SimTransport(this, index, address);
    }

    private int AddSlot(NodeAddress address, Func<long, Node>? factory)
    {
        if (_indexOf.Contains(address)) throw new ArgumentException($"address {address} is already in the network");
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
        return index;
    }

    /// <summary>A bare endpoint's receiver takes the slot: what was sent to it before now is not delivered.</summary>
    internal void Attach(int index, Node receiver)
    {
        if (_factories[index] != null) throw new InvalidOperationException($"{_addresses[index]} is a node: the network delivers its messages, there is nothing to start");
        if (_lives[index].Node != null) throw new InvalidOperationException($"{_addresses[index]} is already started");
        _lives[index].Since = _queue.NextSequence;
        _lives[index].Node = receiver;
    }

    internal void Detach(int index)
    {
        if (_lives[index].Node != null) EndLife(index);
    }

    /// <summary>Runs an action (a fault, a measurement) at a virtual time, in order with everything else.</summary>
    public void Schedule(TimeSpan at, Action action)
    {
        var e = new SimEvent { Time = Math.Max(at.Ticks, _now), Kind = SimEventKind.Control, Payload = action, Target = -1 };
        _queue.Push(ref e, _now);
    }

    /// <summary>The sender comes as its index and its address: its transport holds both, so the address is not read from a table by index (one random memory read less per message).</summary>
    internal void Send(int from, NodeAddress fromAddress, NodeAddress to, Message message)
    {
        MessagesSent++;
        if (!TryIndex(to, out int target)
            || (_blocked.Count > 0 && _blocked.Contains((_groups[from], _groups[target])))
            || (LossRate > 0 && _netRng.Chance(LossRate)))
        {
            MessagesDropped++;
            return;
        }
        Deliver(fromAddress, target, message);
        if (DuplicationRate > 0 && _netRng.Chance(DuplicationRate))
        {
            MessagesDuplicated++;
            Deliver(fromAddress, target, message);
        }
    }

    private void Deliver(NodeAddress from, int target, Message message)
    {
        long delay = Latency.SampleTicks(_netRng, target, message);
        if (LatencyFactor != 1 || ExtraLatency != TimeSpan.Zero) delay = (long)(delay * LatencyFactor) + ExtraLatency.Ticks;
        if (ReorderRate > 0 && _netRng.Chance(ReorderRate)) delay += (long)(_netRng.NextDouble() * ReorderMaxDelay.Ticks);
        var e = new SimEvent
        {
            Time = _now + Math.Max(1, delay),
            Kind = SimEventKind.Deliver,
            Target = target,
            From = from,
            Payload = message,
        };
        _queue.Push(ref e, _now);
    }

    internal TimerId SetTimer(int index, TimeSpan after, TimerTag tag)
    {
        var e = new SimEvent
        {
            Time = _now + Math.Max(0, after.Ticks),
            Kind = SimEventKind.Timer,
            Target = index,
            Tag = tag,
        };
        _queue.Push(ref e, _now);
        return new TimerId(TimerKey(e.Sequence, tag.Kind));
    }

    /// <summary>A timer's id: its queue sequence number (unique: the queue numbers every event it takes) and its kind in the low byte.</summary>
    private static long TimerKey(long sequence, TimerKind kind) => sequence << 8 | (byte)kind;

    internal void CancelTimer(TimerId id)
    {
        if (_cancelledTimers.Add(id.Value)) _cancelledByKind[(byte)id.Value]++;
    }

    /// <summary>Crash: the node stops receiving, its timers die with it, its state is gone.</summary>
    public void Crash(int index)
    {
        var node = _lives[index].Node;
        if (node == null) return;
        TraceSink.Write(new TraceEvent(Now, TraceKind.CrashInjected, _addresses[index], A: node.OverlayDegree, Detail: node.Role == NodeRole.Seed ? "seed" : "peer"));
        EndLife(index);
    }

    /// <summary>The node is gone: every event of this life (pending deliveries, timers) is now stale.</summary>
    private void EndLife(int index)
    {
        _lives[index].Node = null;
        _lives[index].Since = _queue.NextSequence;
    }

    /// <summary>Restart a crashed node as a new incarnation with empty state.</summary>
    public void Restart(int index)
    {
        if (_lives[index].Node != null || _factories[index] == null) return;
        _lives[index].Since = _queue.NextSequence;
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
        TraceSink.Write(new TraceEvent(Now, TraceKind.Partitioned, default, Detail: (oneWay ? "one-way " : "") + description));
    }

    public void Heal()
    {
        Array.Clear(_groups);
        _blocked.Clear();
        TraceSink.Write(new TraceEvent(Now, TraceKind.Healed, default));
    }

    public void SetLatencySpike(double factor, TimeSpan extra)
    {
        LatencyFactor = factor;
        ExtraLatency = extra;
        TraceSink.Write(new TraceEvent(Now, TraceKind.LatencyChanged, default,
            Detail: factor == 1 && extra == TimeSpan.Zero ? "normal" : $"x{factor.ToString(System.Globalization.CultureInfo.InvariantCulture)} +{extra.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} ms"));
    }

    /// <summary>A clean departure (churn): the node says goodbye, then is gone like a crash.</summary>
    public void Leave(int index)
    {
        var node = _lives[index].Node;
        if (node == null) return;
        node.OnStop(sayGoodbye: true);
        EndLife(index);
    }

    public void SetLoss(double rate)
    {
        LossRate = rate;
        TraceSink.Write(new TraceEvent(Now, TraceKind.LossChanged, default, Detail: rate.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Processes events up to and including <paramref name="end"/>; the clock then stands at end.</summary>
    public void RunUntil(TimeSpan end, Action<SimNetwork>? progress = null, long progressEveryEvents = 1_000_000)
    {
        long endTicks = end.Ticks;
        long nextProgress = EventsProcessed + progressEveryEvents;
        while (_queue.TryPeekTime(out long t) && t <= endTicks)
        {
            var e = _queue.Pop();
            _now = e.Time;
            PrefetchAhead();
            Dispatch(ref e);
            if (progress != null && EventsProcessed >= nextProgress)
            {
                nextProgress += progressEveryEvents;
                progress(this);
            }
        }
        if (endTicks > _now) _now = endTicks;
    }

    /// <summary>Clean stop of every live node (end of run): each traces its final state.</summary>
    public void StopAll()
    {
        TraceSink.Write(new TraceEvent(Now, TraceKind.RunEnded, default));
        for (int i = 0; i < _nodeCount; i++) _lives[i].Node?.OnStop(sayGoodbye: false);
    }

    /// <summary>
    /// A pipeline of hints over the next few events (see <see cref="Prefetch"/>), one level of
    /// pointers per step, so that each step reads only what the step before started loading an
    /// event earlier: four events ahead, the target's slots and the message; three ahead, the
    /// node; two ahead, its transport and the context allocated right after it (a node's first
    /// send or timer goes through both). Nothing here knows what a node holds inside.
    /// (Control events have no target: -1.)
    /// </summary>
    private void PrefetchAhead()
    {
        var next = _queue.Upcoming; // next[0] is the event after the one being dispatched
        var lives = _lives;
        if (next.Length > 3 && (uint)next[3].Target < (uint)lives.Length)
        {
            Prefetch.Element(lives, next[3].Target);
            Prefetch.Element(_ports, next[3].Target);
            Prefetch.Object(next[3].Payload);
        }
        if (next.Length > 2 && (uint)next[2].Target < (uint)lives.Length)
            Prefetch.ObjectTwoLines(lives[next[2].Target].Node);
        if (next.Length > 1 && (uint)next[1].Target < (uint)lives.Length)
            Prefetch.ObjectTwoLines(_ports[next[1].Target]);
    }

    private void Dispatch(ref SimEvent e)
    {
        switch (e.Kind)
        {
            case SimEventKind.Control:
                EventsProcessed++;
                ((Action)e.Payload!)();
                return;
            case SimEventKind.Start:
                if (e.Sequence < _lives[e.Target].Since) return;
                EventsProcessed++;
                StartNode(e.Target, restarted: false);
                return;
            case SimEventKind.Timer:
                if (_cancelledByKind[(byte)e.TagKind] > 0 && _cancelledTimers.Remove(TimerKey(e.Sequence, e.TagKind)))
                {
                    _cancelledByKind[(byte)e.TagKind]--;
                    return;
                }
                ref var timerLife = ref _lives[e.Target];
                if (e.Sequence < timerLife.Since || timerLife.Node is not { } timerNode) return;
                EventsProcessed++;
                _timersByKind[(byte)e.Tag.Kind]++;
                timerNode.OnTimer(e.Tag);
                return;
            case SimEventKind.Deliver:
                ref var life = ref _lives[e.Target];
                if (e.Sequence < life.Since || life.Node is not { } node) return;
                EventsProcessed++;
                // Only Deliver puts a payload on a Deliver event, and it is always a Message: no checked cast per event.
                var message = System.Runtime.CompilerServices.Unsafe.As<Message>(e.Payload!);
                _deliveredByKind[(byte)message.Kind]++;
                node.OnMessage(e.From, message);
                return;
        }
    }

    private void StartNode(int index, bool restarted)
    {
        // Lives are 65,536 apart: a peer removed while alive rejoins as incarnation + 1, and a
        // later restart (which knows nothing of that) must still come in above it.
        long incarnation = ++_incarnations[index] << 16;
        var node = _factories[index]!(incarnation);
        var rng = RngStreams.SimNode(_seed, index, incarnation);
        var address = _addresses[index];
        var port = _ports[index] = new SimTransport(this, index, address);
        var ctx = new NodeContext(address, port, port, rng, TraceSink, LogOf(index));
        _lives[index].Node = node;
        if (restarted) TraceSink.Write(new TraceEvent(Now, TraceKind.Restarted, _addresses[index], A: incarnation));
        node.Start(ctx);
    }

    private SimNodeLog? _lastLog;

    /// <summary>The node's output, if kept: one adapter per distinct writer (a run gives every node the same one).</summary>
    private SimNodeLog? LogOf(int index)
    {
        if (LogProvider(index) is not { } write) return null;
        if (_lastLog?.Write != write) _lastLog = new SimNodeLog(this, write);
        return _lastLog;
    }
}

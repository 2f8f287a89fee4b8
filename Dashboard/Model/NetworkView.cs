using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Trace;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Model;

/// <summary>A gossip message crossing a link, for the page to light up (times in run seconds).</summary>
public readonly record struct Crossing(NodeAddress From, NodeAddress To, double At, int Message, bool Duplicate);

/// <summary>A line of the page's event log.</summary>
public readonly record struct LogLine(double At, string Kind, string Text);

/// <summary>
/// The network as the dashboard shows it, built from trace events applied in time order:
/// nodes and their condition, the overlay links, the messages and how they spread, the
/// crossings to light up, and a log of what happened. Each node's state (role, life, links)
/// and the counters, plots and failure timeline come from <see cref="RunStatistics"/> and its
/// fold, fed the same events, so they match the run's summary. One thread at a time.
/// </summary>
public sealed class NetworkView
{
    /// <summary>Beyond this many remembered first receipts, the oldest messages' paths are forgotten (their counts stay).</summary>
    public const int MaxReceiptsKept = 3_000_000;
    /// <summary>Crossings kept for the next frame; beyond, the oldest are dropped (counted in <see cref="CrossingsDropped"/>).</summary>
    public const int MaxPendingCrossings = 20_000;
    public const int LogLength = 200;

    private readonly Dictionary<NodeAddress, NodeView> _nodes = new();
    private readonly Dictionary<(MessageId, long), MessageView> _messageByKey = new();
    private readonly List<MessageView> _messages = new();
    private readonly List<Crossing> _crossings = new();
    private readonly List<LogLine> _log = new();
    private readonly long _originTicks;
    private long _receiptsKept;
    private int _oldestKeptMessage;

    public NetworkView(TimeSpan origin = default)
    {
        _originTicks = origin.Ticks;
        Statistics = new RunStatistics(origin, neighbours: true);
    }

    /// <summary>The run's statistics, fed every event applied here; its fold (<see cref="RunStatistics.Nodes"/>) holds every node's
    /// state.</summary>
    public RunStatistics Statistics { get; }
    /// <summary>On the measured Internet: a node's continent (null when it has none); null for other runs.</summary>
    public Func<NodeAddress, string?>? RegionOf { get; init; }
    public long EventsApplied { get; private set; }
    /// <summary>Run time of the latest event applied (seconds from the run's origin).</summary>
    public double Now { get; private set; }
    public bool RunEnded { get; private set; }
    public long Deliveries { get; private set; }
    public long DuplicateLinks { get; private set; }
    public long CrossingsDropped { get; private set; }
    public string? NetworkCondition { get; private set; }
    /// <summary>Some peer traced a link going on or off the tree: the run's protocol is Plumtree, whose links start on the tree, so a
    /// link no event has changed is on the tree (in other runs, a plain link).</summary>
    public bool TreeModes { get; private set; }

    public IReadOnlyCollection<NodeView> Nodes => _nodes.Values;
    public IReadOnlyList<MessageView> Messages => _messages;
    public IReadOnlyList<LogLine> Log => _log;

    public NodeView? Find(NodeAddress a) => _nodes.GetValueOrDefault(a);

    public double Seconds(long ticks) => (ticks - _originTicks) / (double)TimeSpan.TicksPerSecond;

    public void Apply(in TraceEvent e)
    {
        EventsApplied++;
        // What the node was before the event, to tell the log what changed (the fold does the changing).
        var subject = Subject(e);
        var before = subject?.Condition;
        bool startedBefore = subject?.Started ?? false;
        Statistics.Write(e);
        double t = Seconds(e.Time.Ticks);
        if (t > Now) Now = t;
        switch (e.Kind)
        {
            case TraceKind.NodeStarted:
                subject!.Reset(t);
                if (startedBefore) Note(t, "restart", $"{Role(subject)} {subject.Address} started again");
                break;
            case TraceKind.Rejoined:
                subject!.Suspecters.Clear();
                Note(t, "rejoin", $"peer {subject.Address} learnt it was removed while alive and rejoined");
                break;
            case TraceKind.CrashInjected when before != NodeCondition.Crashed && subject!.Condition == NodeCondition.Crashed:
                subject.CrashedAt = t;
                Note(t, "crash", $"{Role(subject)} {subject.Address} crashed (degree {subject.DegreeAtCrash})");
                break;
            case TraceKind.Restarted:
                Note(t, "restart", $"{e.Detail ?? "node"} {e.Node} restarted");
                break;
            case TraceKind.NodeStopped when before == NodeCondition.Up && subject!.Condition == NodeCondition.Left:
                Note(t, "leave", $"{Role(subject)} {subject.Address} left");
                break;
            case TraceKind.Suspected:
            {
                var s = subject!;
                bool first = s.Suspecters.Count == 0 && s.SuspectedAt == null;
                s.Suspecters.Add(e.Node);
                s.SuspectedAt ??= t;
                if (first) Note(t, "suspect", $"{e.Node} suspects {e.Peer}");
                break;
            }
            case TraceKind.SuspicionCleared:
                subject!.Suspecters.Remove(e.Node);
                break;
            case TraceKind.DeadReported:
            {
                var d = subject!;
                if (d.ReportedAt == null) Note(t, "report", $"{e.Node} reports {e.Peer} dead ({e.A} of {e.B} witnesses agree)");
                d.ReportedAt ??= t;
                break;
            }
            case TraceKind.MemberRemoved when before != NodeCondition.Removed && subject!.Condition == NodeCondition.Removed:
                subject.RemovedAt = t;
                Note(t, "remove", $"seed {e.Node} removed {e.Peer}");
                break;
            case TraceKind.GossipCreated:
                Message(e.Message, e.Time.Ticks, e.Node);
                break;
            case TraceKind.GossipDelivered:
                OnDelivered(e, t);
                break;
            case TraceKind.Partitioned:
                NetworkCondition = "partition " + e.Detail;
                Note(t, "network", $"partition {e.Detail}");
                break;
            case TraceKind.Healed:
                NetworkCondition = null;
                Note(t, "network", "partition healed");
                break;
            case TraceKind.LossChanged:
                Note(t, "network", $"loss rate {e.Detail}");
                break;
            case TraceKind.LatencyChanged:
                Note(t, "network", $"latency {e.Detail}");
                break;
            case TraceKind.EdgeModeChanged when (EdgeMode)e.A is EdgeMode.Tree or EdgeMode.Lazy:
                TreeModes = true;
                break;
            case TraceKind.RunEnded:
                RunEnded = true;
                Note(t, "end", "the run ended: every node is stopped");
                break;
        }
    }

    /// <summary>
    /// The node an event changes in the picture (the suspected, reported or removed peer, else the
    /// node that traced it); null for events the picture takes from the fold alone (links, registration).
    /// </summary>
    private NodeView? Subject(in TraceEvent e) => e.Kind switch
    {
        TraceKind.Suspected or TraceKind.SuspicionCleared or TraceKind.DeadReported or TraceKind.MemberRemoved => Node(e.Peer),
        TraceKind.NodeStarted or TraceKind.Rejoined or TraceKind.CrashInjected or TraceKind.NodeStopped => Node(e.Node),
        _ => null,
    };

    private void OnDelivered(in TraceEvent e, double t)
    {
        Deliveries++;
        var m = Message(e.Message, e.B, e.Message.Origin);
        m.Reached++;
        if (t > m.LastAt) m.LastAt = t;
        if (e.A > m.MaxHops) m.MaxHops = (int)e.A;
        Cross(new Crossing(e.Peer, e.Node, t, m.Index, false));
        if (m.Receipts is not { } receipts) return;
        // Links to neighbours that already held it, and did not pass it here, carried it twice.
        if (_nodes.TryGetValue(e.Node, out var me))
        {
            foreach (var z in me.Links)
            {
                if (z == e.Peer || !receipts.TryGetValue(z, out var theirs) || theirs.From == e.Node) continue;
                // Plumtree: a neighbour whose side of the link is lazy announced the message (IHAVE), it did not send it again.
                if (_nodes.TryGetValue(z, out var sender) && SideMode(sender, e.Node) == EdgeMode.Lazy) continue;
                m.DuplicateLinks++;
                DuplicateLinks++;
                Cross(new Crossing(z, e.Node, t, m.Index, true));
            }
        }
        if (receipts.TryAdd(e.Node, new Receipt(e.Peer, t, (int)e.A)))
        {
            _receiptsKept++;
            if (_receiptsKept > MaxReceiptsKept) ForgetOldestPaths();
        }
    }

    private void Cross(Crossing c)
    {
        if (_crossings.Count >= MaxPendingCrossings)
        {
            _crossings.RemoveRange(0, MaxPendingCrossings / 2);
            CrossingsDropped += MaxPendingCrossings / 2;
        }
        _crossings.Add(c);
    }

    private void ForgetOldestPaths()
    {
        while (_receiptsKept > MaxReceiptsKept * 3 / 4 && _oldestKeptMessage < _messages.Count)
        {
            var old = _messages[_oldestKeptMessage++];
            if (old.Receipts == null) continue;
            _receiptsKept -= old.Receipts.Count;
            old.Receipts = null;
        }
    }

    /// <summary>The crossings since the last call, in order; the list is emptied.</summary>
    public List<Crossing> TakeCrossings()
    {
        var taken = new List<Crossing>(_crossings);
        _crossings.Clear();
        return taken;
    }

    public MessageView? MessageAt(int index) => index >= 0 && index < _messages.Count ? _messages[index] : null;

    /// <summary>A manager action or note from outside the trace, into the log.</summary>
    public void Note(double at, string kind, string text)
    {
        if (_log.Count >= LogLength) _log.RemoveRange(0, LogLength / 4);
        _log.Add(new LogLine(at, kind, text));
    }

    private MessageView Message(MessageId id, long createdTicks, NodeAddress origin)
    {
        if (_messageByKey.TryGetValue((id, createdTicks), out var m)) return m;
        m = new MessageView(_messages.Count, id, createdTicks, Seconds(createdTicks));
        m.Receipts!.Add(origin, new Receipt(default, m.CreatedAt, 0));
        _receiptsKept++;
        _messageByKey[(id, createdTicks)] = m;
        _messages.Add(m);
        return m;
    }

    private NodeView Node(NodeAddress a)
    {
        if (!_nodes.TryGetValue(a, out var n)) _nodes[a] = n = new NodeView(a, Statistics.Nodes.Get(a));
        return n;
    }

    private static string Role(NodeView n) => TraceFold.RoleWord(n.State.Role);

    /// <summary>What <paramref name="holder"/>'s side of its link to <paramref name="other"/> is: the mode it last traced, else the
    /// tree in a Plumtree run, else none (a plain link).</summary>
    public EdgeMode SideMode(NodeView holder, NodeAddress other) =>
        holder.State.EdgeModes?.OfLink(other) ?? (TreeModes ? EdgeMode.Tree : EdgeMode.None);

    /// <summary>A link's mode from its two sides (<see cref="EdgeMode.None"/> for a side that does not hold it): on the tree when either
    /// side pushes the payload on it, lazy when every side that holds it only announces.</summary>
    public static EdgeMode LinkMode(EdgeMode one, EdgeMode other) =>
        one == EdgeMode.Tree || other == EdgeMode.Tree ? EdgeMode.Tree
        : one == EdgeMode.Lazy || other == EdgeMode.Lazy ? EdgeMode.Lazy
        : EdgeMode.None;

    /// <summary>Overlay links between visible nodes (either side's half-link counts), each once.</summary>
    public int CountLinks()
    {
        int twice = 0;
        foreach (var n in _nodes.Values)
        {
            if (!n.Visible) continue;
            foreach (var m in n.Links)
            {
                if (!_nodes.TryGetValue(m, out var other) || !other.Visible) continue;
                twice += other.Links.Contains(n.Address) ? 1 : 2;
            }
        }
        return twice / 2;
    }
}

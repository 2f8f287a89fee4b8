using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Analysis.Plots;

namespace GossipSim.Analysis.Report;

/// <summary>
/// What the report needs from a run's trace, gathered in one pass: the final degree of every
/// live peer, delivery latencies split into phases around the first crash, and one failure
/// row per crash (crash → first suspicion → dead report → removal at a seed).
/// </summary>
public sealed class RunTrace
{
    public long[] PeerDegrees { get; }
    public IReadOnlyList<LatencySeries> Latency { get; }
    public IReadOnlyList<FailureRow> Failures { get; }
    public long Events { get; }
    public double EndSeconds { get; }

    private RunTrace(long[] degrees, IReadOnlyList<LatencySeries> latency, IReadOnlyList<FailureRow> failures, long events, double end)
    {
        PeerDegrees = degrees;
        Latency = latency;
        Failures = failures;
        Events = events;
        EndSeconds = end;
    }

    /// <summary>Reads a JSONL trace; errors (from <see cref="TraceJson.ReadFile"/>) name the file and line.</summary>
    public static RunTrace Read(string path, Action<long>? progress = null) => From(TraceJson.ReadFile(path), progress);

    public static RunTrace From(IEnumerable<TraceEvent> events, Action<long>? progress = null)
    {
        var builder = new Builder();
        long count = 0;
        foreach (var e in events)
        {
            builder.Add(e);
            if (++count % 1_000_000 == 0) progress?.Invoke(count);
        }
        return builder.Build(count);
    }

    private sealed class NodeState
    {
        public string Role = "";
        public bool Crashed;
        public bool Stopped;
        public readonly HashSet<NodeAddress> Links = new();
    }

    private sealed class Crash(NodeAddress node, string role, double at)
    {
        public readonly NodeAddress Node = node;
        public readonly string Role = role;
        public readonly double At = at;
        public double? Suspected, Reported, Removed;
        public bool Open = true; // until the node starts again
    }

    private sealed class Builder
    {
        private readonly Dictionary<NodeAddress, NodeState> _nodes = new();
        private readonly List<Crash> _crashes = new();
        private readonly Dictionary<NodeAddress, Crash> _openCrash = new();
        private readonly List<float> _created = new();
        private readonly List<float> _latency = new();
        private double _end;

        private NodeState State(NodeAddress a)
        {
            if (!_nodes.TryGetValue(a, out var s)) _nodes[a] = s = new NodeState();
            return s;
        }

        public void Add(in TraceEvent e)
        {
            double t = e.Time.Ticks / (double)TimeSpan.TicksPerSecond;
            if (t > _end) _end = t;
            switch (e.Kind)
            {
                case TraceKind.NodeStarted:
                {
                    var s = State(e.Node);
                    s.Role = e.Detail ?? "";
                    s.Crashed = s.Stopped = false;
                    s.Links.Clear(); // a new incarnation starts with no links
                    if (_openCrash.Remove(e.Node, out var c)) c.Open = false;
                    break;
                }
                case TraceKind.LinkUp:
                    State(e.Node).Links.Add(e.Peer);
                    break;
                case TraceKind.LinkDown:
                    // A link closed because the other end stopped cleanly at the end of the run still
                    // counts: the degree we want is the overlay's just before shutdown.
                    if (!(_nodes.TryGetValue(e.Peer, out var other) && other.Stopped)) State(e.Node).Links.Remove(e.Peer);
                    break;
                case TraceKind.NodeStopped:
                    State(e.Node).Stopped = true;
                    break;
                case TraceKind.CrashInjected:
                {
                    var s = State(e.Node);
                    s.Crashed = true;
                    s.Links.Clear();
                    var c = new Crash(e.Node, e.Detail ?? s.Role, t);
                    _crashes.Add(c);
                    _openCrash[e.Node] = c;
                    break;
                }
                case TraceKind.Suspected:
                    if (_openCrash.TryGetValue(e.Peer, out var cs) && cs.Suspected == null) cs.Suspected = t;
                    break;
                case TraceKind.DeadReported:
                    if (_openCrash.TryGetValue(e.Peer, out var cr) && cr.Reported == null) cr.Reported = t;
                    break;
                case TraceKind.MemberRemoved:
                    if (_openCrash.TryGetValue(e.Peer, out var cm) && cm.Removed == null) cm.Removed = t;
                    break;
                case TraceKind.GossipDelivered:
                {
                    double created = e.B / (double)TimeSpan.TicksPerSecond;
                    _created.Add((float)created);
                    _latency.Add((float)(t - created));
                    break;
                }
            }
        }

        public RunTrace Build(long events)
        {
            var degrees = new List<long>();
            foreach (var (address, s) in _nodes.OrderBy(kv => kv.Key))
            {
                if (s.Role != "peer" || s.Crashed) continue;
                int live = 0;
                foreach (var n in s.Links)
                    if (!(_nodes.TryGetValue(n, out var ns) && ns.Crashed)) live++;
                degrees.Add(live);
            }
            var failures = _crashes
                .Select(c => new FailureRow(c.Node.ToString(), c.Role, c.At, c.Suspected, c.Reported, c.Removed))
                .ToList();
            return new RunTrace(degrees.ToArray(), Phases(), failures, events, _end);
        }

        /// <summary>
        /// Deliveries by when their message was created: before the first crash, between it and the
        /// removal of the last crashed peer, and after that removal. Without a crash, one series.
        /// </summary>
        private List<LatencySeries> Phases()
        {
            var series = new List<LatencySeries>();
            if (_crashes.Count == 0)
            {
                if (_latency.Count > 0) series.Add(new LatencySeries("all deliveries", _latency.Select(x => (double)x).ToArray()));
                return series;
            }
            double crashAt = _crashes.Min(c => c.At);
            var peerCrashes = _crashes.Where(c => c.Role == "peer").ToList();
            double? removedAt = peerCrashes.Count > 0 && peerCrashes.All(c => c.Removed != null)
                ? peerCrashes.Max(c => c.Removed!.Value)
                : null;
            var before = new List<double>();
            var during = new List<double>();
            var after = new List<double>();
            for (int i = 0; i < _created.Count; i++)
            {
                double created = _created[i];
                if (created < crashAt) before.Add(_latency[i]);
                else if (removedAt is double r && created >= r) after.Add(_latency[i]);
                else during.Add(_latency[i]);
            }
            void AddIfAny(string name, List<double> xs) { if (xs.Count > 0) series.Add(new LatencySeries(name, xs.ToArray())); }
            AddIfAny("before crash", before);
            if (removedAt != null)
            {
                AddIfAny("crash to removal", during);
                AddIfAny("after removal", after);
            }
            else
            {
                AddIfAny("after crash", during);
            }
            return series;
        }
    }
}

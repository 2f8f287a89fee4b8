using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Stats;
using GossipSim.Engine.Trace;

namespace GossipSim.Analysis.Report;

/// <summary>
/// What the report needs from a run's trace, gathered in one pass: the final degree of every
/// live peer, delivery latencies split into phases around the first crash, and one failure
/// row per crash (crash → first suspicion → dead report → removal at a seed). Degrees and
/// failures are the run's statistics over the trace, so the report agrees with summary.json.
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

    /// <summary>
    /// The run's own statistics (the same fold of the trace as summary.json's) give the degrees
    /// and the failures; the report keeps every delivery's exact latency besides.
    /// </summary>
    private sealed class Builder
    {
        private readonly RunStatistics _stats = new();
        private readonly List<float> _created = new();
        private readonly List<float> _latency = new();
        private double _end;

        public void Add(in TraceEvent e)
        {
            _stats.Write(e);
            double t = e.Time.Ticks / (double)TimeSpan.TicksPerSecond;
            if (t > _end) _end = t;
            if (e.Kind == TraceKind.GossipDelivered)
            {
                double created = e.B / (double)TimeSpan.TicksPerSecond;
                _created.Add((float)created);
                _latency.Add((float)(t - created));
            }
        }

        public RunTrace Build(long events)
        {
            var degrees = _stats.FinalDegrees().Select(d => (long)d).ToArray();
            var failures = _stats.Failures
                .Select(f => new FailureRow(f.Node, f.Role, f.At, f.SuspectedAt, f.ReportedAt, f.RemovedAt))
                .ToList();
            return new RunTrace(degrees, Phases(failures), failures, events, _end);
        }

        /// <summary>
        /// Deliveries by when their message was created: before the first crash, between it and the
        /// removal of the last crashed peer, and after that removal. Without a crash, one series.
        /// </summary>
        private List<LatencySeries> Phases(List<FailureRow> crashes)
        {
            var series = new List<LatencySeries>();
            if (crashes.Count == 0)
            {
                if (_latency.Count > 0) series.Add(new LatencySeries("all deliveries", _latency.Select(x => (double)x).ToArray()));
                return series;
            }
            double crashAt = crashes.Min(c => c.CrashAt);
            var peerCrashes = crashes.Where(c => c.Role == "peer").ToList();
            double? removedAt = peerCrashes.Count > 0 && peerCrashes.All(c => c.RemovedAt != null)
                ? peerCrashes.Max(c => c.RemovedAt!.Value)
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

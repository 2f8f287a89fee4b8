using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Trace;
using GossipSim.Analysis.Wan;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Latency;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Report;

/// <summary>
/// What the report draws, taken from the run's statistics (the same fold of the trace as
/// summary.json's, whether the run just ended or its saved trace is read again): the final degree
/// of every live peer, delivery latencies by phase around the crashes, one failure row per crash
/// (crash → first suspicion → dead report → removal), and the network's faults, churn and restarts.
/// </summary>
public sealed class RunTrace
{
    public long[] PeerDegrees { get; }
    public IReadOnlyList<LatencySeries> Latency { get; }
    public IReadOnlyList<FailureRow> Failures { get; }
    public IReadOnlyList<NetworkWindow> NetworkWindows { get; }
    public IReadOnlyList<NodeRestart> Restarts { get; }
    /// <summary>Seeds the run started (what a failure's "removed by 3 of 3 seeds" counts against).</summary>
    public int Seeds { get; }
    public long Events { get; }
    /// <summary>On the measured Internet: the nodes' places, the overlay's links and latency by distance; null otherwise.</summary>
    public WanMap? Wan { get; }

    private RunTrace(RunStatistics stats, long events)
    {
        PeerDegrees = stats.FinalDegrees().Select(d => (long)d).ToArray();
        Failures = stats.Failures.Select(f => new FailureRow(f.Node, f.Role, f.At, f.SuspectedAt, f.ReportedAt, f.RemovedAt, f.Degree,
            f.RemovedBySeeds)).ToList();
        Seeds = stats.Nodes.States.Count(s => s.IsSeed);
        Latency = Phases(stats);
        NetworkWindows = stats.Network.Windows;
        Restarts = stats.Network.Restarts;
        Events = events;
        Wan = stats.Wan is { } wan ? WanMaps.Of(wan, stats.Nodes) : null;
    }

    /// <summary>The report's data of a run whose statistics were gathered as it ran.</summary>
    public static RunTrace Of(RunStatistics stats) => new(stats, 0);

    /// <summary>Reads a JSONL trace, compressed or not; errors (from <see cref="TraceFile.Read"/>) name the file and line.</summary>
    /// <param name="origin">Time zero of the run; null: 0 for a simulated trace, the first event for a real one (its times are Unix
    /// time).</param>
    /// <param name="places">Where the run's nodes were on the measured Internet (its own model with its seed), for <see cref="Wan"/>;
    /// null: no map.</param>
    /// <param name="nodes">Nodes the run had, when known: which nodes' links the map keeps, as the run itself chose them.</param>
    public static RunTrace Read(string path, TimeSpan? origin = null, Action<long>? progress = null, NodePlaces? places = null,
        int nodes = 0)
        => From(TraceFile.Read(path), origin, progress, places, nodes);

    public static RunTrace From(IEnumerable<TraceEvent> events, TimeSpan? origin = null, Action<long>? progress = null,
        NodePlaces? places = null, int nodes = 0)
    {
        RunStatistics? stats = null;
        long count = 0;
        foreach (var e in events)
        {
            stats ??= new RunStatistics(origin ?? (e.Time > TimeSpan.FromDays(365) ? e.Time : TimeSpan.Zero), expectedNodes: nodes,
                places: places);
            stats.Write(e);
            if (++count % 1_000_000 == 0) progress?.Invoke(count);
        }
        return new RunTrace(stats ?? new RunStatistics(), count);
    }

    /// <summary>
    /// Deliveries by when their message was created: before the first crash, from it to the
    /// removal of the last crashed peer, and after that removal (the statistics' own phases).
    /// Without a crash, one series. Past 20,000 deliveries a curve is drawn from 20,000 evenly
    /// spaced quantiles; its name says how many deliveries there were.
    /// </summary>
    private static List<LatencySeries> Phases(RunStatistics stats)
    {
        static LatencySeries Series(string name, LatencyHistogram h) =>
            new(h.Count > 20_000 ? $"{name} ({h.Count:N0} deliveries, as quantiles)" : name, h.ToSample());
        var series = new List<LatencySeries>();
        if (stats.Failures.Count == 0)
        {
            if (stats.Latency.Count > 0) series.Add(Series("all messages", stats.Latency));
            return series;
        }
        if (stats.BeforeCrash.Count > 0) series.Add(Series("before the crash", stats.BeforeCrash));
        if (stats.DuringFailure.Count > 0) series.Add(Series("crash to removal", stats.DuringFailure));
        if (stats.AfterRemoval.Count > 0) series.Add(Series("after the removal", stats.AfterRemoval));
        return series;
    }
}

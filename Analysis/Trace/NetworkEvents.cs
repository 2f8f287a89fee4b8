using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Trace;

public enum NetworkCondition { Partition, Loss, LatencySpike, Churn }

/// <summary>A stretch of the run under a network fault, seconds since the run began; Detail as the trace gave it.</summary>
public sealed record NetworkWindow(NetworkCondition Condition, double From, double To, string Detail);

/// <summary>A node started again after a crash, seconds since the run began.</summary>
public sealed record NodeRestart(string Node, double At);

/// <summary>
/// The network faults of a run, gathered from its trace (a sink, so it rides along any pass over
/// the events): partitions until healed, loss windows until the rate returns to 0, latency spikes
/// until "normal", restarts, and churn (peers leaving before the run's end, and those that
/// joined meanwhile) as one window from the first leave to the last. Few events, so it keeps them all.
/// </summary>
/// <param name="origin">Time zero of the run (the simulator's 0; the launcher's start on real runs).</param>
public sealed class NetworkEvents(TimeSpan origin = default) : ITraceSink
{
    private readonly List<NetworkWindow> _windows = [];
    private readonly List<NodeRestart> _restarts = [];
    private readonly Dictionary<NetworkCondition, (double From, string Detail)> _open = [];
    private long _endTicks;
    private bool _runEnded;
    private double _firstLeave = double.NaN, _lastLeave;
    private int _leaves, _joinsSinceFirstLeave;

    /// <summary>Sees every event of a run: for all but the few it keeps, one comparison (seconds are worked out only for those).</summary>
    public void Write(in TraceEvent e)
    {
        long ticks = e.Time.Ticks;
        if (ticks > _endTicks) _endTicks = ticks;
        if (e.Kind is not (TraceKind.Partitioned or TraceKind.Healed or TraceKind.LossChanged or TraceKind.LatencyChanged
            or TraceKind.Restarted or TraceKind.NodeStopped or TraceKind.NodeStarted or TraceKind.RunEnded)) return;
        double t = Seconds(ticks);
        switch (e.Kind)
        {
            case TraceKind.RunEnded: _runEnded = true; break;
            // Stopping once the run has ended is the shutdown, not churn.
            case TraceKind.NodeStopped when !_runEnded && e.Node != default:
                if (_leaves++ == 0) _firstLeave = t;
                _lastLeave = t;
                break;
            case TraceKind.NodeStarted when _leaves > 0 && e.Detail == "peer": _joinsSinceFirstLeave++; break;
            case TraceKind.Partitioned: Open(NetworkCondition.Partition, t, e.Detail ?? ""); break;
            case TraceKind.Healed: Close(NetworkCondition.Partition, t); break;
            case TraceKind.LossChanged:
                Close(NetworkCondition.Loss, t);
                if (e.Detail is { } rate && rate != "0") Open(NetworkCondition.Loss, t, "rate " + rate);
                break;
            case TraceKind.LatencyChanged:
                Close(NetworkCondition.LatencySpike, t);
                if (e.Detail is { } spike && spike != "normal") Open(NetworkCondition.LatencySpike, t, spike);
                break;
            case TraceKind.Restarted: _restarts.Add(new NodeRestart(e.Node.ToString(), t)); break;
        }
    }

    /// <summary>Every window, those still open at the end of the run closed at its last event.</summary>
    public IReadOnlyList<NetworkWindow> Windows =>
        _windows.Concat(_open.Select(o => new NetworkWindow(o.Key, o.Value.From, Seconds(_endTicks), o.Value.Detail))).Concat(Churn())
            .OrderBy(w => w.From).ToList();

    private IEnumerable<NetworkWindow> Churn()
    {
        if (_leaves == 0) yield break;
        yield return new NetworkWindow(NetworkCondition.Churn, _firstLeave, _lastLeave,
            $"churn: {_leaves} peer{(_leaves == 1 ? "" : "s")} left, {_joinsSinceFirstLeave} joined meanwhile");
    }

    public IReadOnlyList<NodeRestart> Restarts => _restarts;

    private double Seconds(long ticks) => (ticks - origin.Ticks) / (double)TimeSpan.TicksPerSecond;

    private void Open(NetworkCondition c, double t, string detail)
    {
        Close(c, t); // a new partition replaces the one in force
        _open[c] = (t, detail);
    }

    private void Close(NetworkCondition c, double t)
    {
        if (_open.Remove(c, out var o)) _windows.Add(new NetworkWindow(c, o.From, t, o.Detail));
    }
}

using GossipSim.Engine.Trace;

namespace GossipSim.Analysis.Plots;

public enum NetworkCondition { Partition, Loss, LatencySpike }

/// <summary>A stretch of the run under a network fault, seconds since the run began; Detail as the trace gave it.</summary>
public sealed record NetworkWindow(NetworkCondition Condition, double From, double To, string Detail);

/// <summary>A node started again after a crash, seconds since the run began.</summary>
public sealed record NodeRestart(string Node, double At);

/// <summary>
/// The network faults of a run, gathered from its trace (a sink, so it rides along any pass over
/// the events): partitions until healed, loss windows until the rate returns to 0, latency spikes
/// until "normal", and restarts. Few events, so it keeps them all.
/// </summary>
public sealed class NetworkEvents : ITraceSink
{
    private readonly List<NetworkWindow> _windows = [];
    private readonly List<NodeRestart> _restarts = [];
    private readonly Dictionary<NetworkCondition, (double From, string Detail)> _open = [];
    private long _endTicks;

    /// <summary>Sees every event of a run: for all but the few it keeps, one comparison (seconds are worked out only for those).</summary>
    public void Write(in TraceEvent e)
    {
        long ticks = e.Time.Ticks;
        if (ticks > _endTicks) _endTicks = ticks;
        if (e.Kind is not (TraceKind.Partitioned or TraceKind.Healed or TraceKind.LossChanged or TraceKind.LatencyChanged or TraceKind.Restarted)) return;
        double t = Seconds(ticks);
        switch (e.Kind)
        {
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
        _windows.Concat(_open.Select(o => new NetworkWindow(o.Key, o.Value.From, Seconds(_endTicks), o.Value.Detail))).OrderBy(w => w.From).ToList();

    public IReadOnlyList<NodeRestart> Restarts => _restarts;

    private static double Seconds(long ticks) => ticks / (double)TimeSpan.TicksPerSecond;

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

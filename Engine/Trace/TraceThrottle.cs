using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trace;

/// <summary>What <see cref="TraceThrottle.Pass"/> decided about one event.</summary>
public enum TraceVerdict : byte
{
    /// <summary>Within its source's budget: trace it.</summary>
    Trace,
    /// <summary>Over the budget: counted for the second's summary, not traced.</summary>
    Held,
    /// <summary>Held, and the first event held this second: the caller arranges a <see cref="TraceThrottle.Flush"/> when the second is
    /// over.</summary>
    HeldFirst,
}

/// <summary>
/// Bounds trace events anyone can cause (a rejected report, a refused registration): a budget of each
/// kind per source IP (one host can claim many ports) per second of the node's clock; the rest are
/// counted into one <see cref="TraceKind.EventsHeld"/> event per kind and IP when the second ends, so
/// analysis still counts every one. Honest runs stay far below any budget, so their traces are unchanged.
/// Not thread-safe: a node's own loop calls it.
/// </summary>
public sealed class TraceThrottle(Action<TraceEvent> trace, NodeAddress self)
{
    private struct Window
    {
        public int Traced;
        public long Held;
        public NodeAddress LastHeld;
    }

    private readonly Dictionary<(TraceKind Kind, uint Ip), Window> _windows = new();
    // Keys with events held this second, in the order they were first held: the summaries come
    // out in that order, never in hash order, so a run's trace does not depend on the dictionary.
    private readonly List<(TraceKind Kind, uint Ip)> _heldOrder = new();
    private long _second = long.MinValue;

    /// <summary>Events held back so far (each is also counted in an <see cref="TraceKind.EventsHeld"/> event, once its second is
    /// over).</summary>
    public long HeldTotal { get; private set; }

    /// <summary>Whether an event of <paramref name="kind"/> caused by <paramref name="source"/> may be traced now, within
    /// <paramref name="budget"/> a second from its IP.</summary>
    public TraceVerdict Pass(TraceKind kind, NodeAddress source, int budget, TimeSpan now)
    {
        Roll(now);
        var key = (kind, source.Ip);
        _windows.TryGetValue(key, out var w);
        TraceVerdict verdict;
        if (w.Traced < budget)
        {
            w.Traced++;
            verdict = TraceVerdict.Trace;
        }
        else
        {
            if (w.Held == 0) _heldOrder.Add(key);
            verdict = _heldOrder.Count == 1 && w.Held == 0 ? TraceVerdict.HeldFirst : TraceVerdict.Held;
            w.Held++;
            w.LastHeld = source;
            HeldTotal++;
        }
        _windows[key] = w;
        return verdict;
    }

    /// <summary>How long from <paramref name="now"/> until the current second is over (when its summaries are due).</summary>
    public static TimeSpan UntilSecondEnds(TimeSpan now) =>
        TimeSpan.FromTicks(TimeSpan.TicksPerSecond - Mod(now.Ticks, TimeSpan.TicksPerSecond));

    /// <summary>
    /// Traces the summaries of a second that is over; false when events of the current second are
    /// still held (a timer that fired a hair before the second ended, as a real clock's may): the
    /// caller sets its timer again, or those summaries would wait for the next event, perhaps for ever.
    /// </summary>
    public bool Flush(TimeSpan now)
    {
        Roll(now);
        return _heldOrder.Count == 0;
    }

    /// <summary>Traces every summary now, the current second's too (the node is stopping).</summary>
    public void FlushAll(TimeSpan now)
    {
        Summarise(now);
        _windows.Clear();
    }

    private void Roll(TimeSpan now)
    {
        long second = Floor(now.Ticks, TimeSpan.TicksPerSecond);
        if (second == _second) return;
        Summarise(now);
        _windows.Clear();
        _second = second;
    }

    private void Summarise(TimeSpan now)
    {
        foreach (var key in _heldOrder)
        {
            var w = _windows[key];
            trace(new TraceEvent(now, TraceKind.EventsHeld, self, w.LastHeld, A: w.Held, Detail: TraceSchema.Of(key.Kind).Event));
        }
        _heldOrder.Clear();
    }

    private static long Floor(long ticks, long unit) => ticks >= 0 ? ticks / unit : -((-ticks + unit - 1) / unit);

    private static long Mod(long ticks, long unit) => ticks - Floor(ticks, unit) * unit;
}

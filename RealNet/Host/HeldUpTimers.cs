namespace GossipSim.RealNet.Host;

/// <summary>
/// When a real node's timers ran late enough to say so in the trace (<c>held-up</c>): the machine did not run the node (a loaded
/// host, a paused container), so what the protocol promises in its own time came later on the wall clock. The checks add the
/// time held up to the bounds they hold a run to (<c>TraceChecks</c>). A stall makes every timer due in it late at once: one
/// line says it, and another only when it adds held-up time of its own, so a long stall is a few lines, not one per timer.
/// </summary>
public sealed class HeldUpTimers
{
    /// <summary>Lateness below this is the OS timer's and the loop's ordinary wait, not a held-up node.</summary>
    public static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(250);

    /// <summary>A later line must add at least this much held-up time to the lines before it.</summary>
    public static readonly TimeSpan NewAtLeast = TimeSpan.FromMilliseconds(100);

    private TimeSpan _tracedUntil = TimeSpan.MinValue;

    /// <summary>Whether a timer taken at <paramref name="now"/>, <paramref name="late"/> after its due time, is traced.</summary>
    public bool Trace(TimeSpan now, TimeSpan late)
    {
        if (late < Threshold) return false;
        var from = now - late > _tracedUntil ? now - late : _tracedUntil;
        if (now - from < NewAtLeast) return false;
        _tracedUntil = now;
        return true;
    }
}

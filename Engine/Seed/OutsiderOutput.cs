using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;

namespace GossipSim.Engine.Seed;

/// <summary>
/// What anyone who can reach a seed can make it write: trace events go through a
/// <see cref="TraceThrottle"/> (a budget per kind and source IP a second, then a counted
/// summary), log lines through a <see cref="LogThrottle"/> per subject (a burst a second, then
/// a count). A timer writes the summaries of a second once it is over, so a flood that stops
/// still gets its count; it is set only when something was held, never in an honest run.
/// </summary>
public sealed partial class SeedNode
{
    /// <summary>The subjects of throttled lines; each has its own burst a second.</summary>
    private enum Lines { Reports, Registrations, RefusedInput, UnprovenVotes }

    private static readonly string[] LinesAbout =
        ["lines about dead-node reports", "lines about registrations", "lines about refused input", "lines about unproven votes and commits"];

    private TraceThrottle? _outsiderTrace;
    private readonly LogThrottle?[] _lineThrottles = new LogThrottle?[LinesAbout.Length];

    /// <summary>Trace events caused by outsiders that were held back and counted in summaries (<see cref="TraceKind.EventsHeld"/>).</summary>
    public long TraceEventsHeld => _outsiderTrace?.HeldTotal ?? 0;

    /// <summary>
    /// Events of a kind one source IP may cause a second before the rest are summarised. An
    /// honest reporter's rejections follow its own reports, and the most one reporter sent in a
    /// second in the shipped simulations was 12 (sim-partition, whose minority seed rejected 56 a
    /// second from all reporters together, what a loopback run, where every peer shares one IP,
    /// would count against one IP); a refused registration is rarer still. A dropped report is
    /// over its reporter's rate already: the first of a second says so, the count says the rest.
    /// </summary>
    private static int TraceBudget(TraceKind kind) => kind == TraceKind.ReportDropped ? 1 : 100;

    /// <summary>Traces an event <paramref name="source"/> caused, within its budget; beyond it the event is counted for the second's summary.</summary>
    private void TraceFromOutside(in TraceEvent e, NodeAddress source)
    {
        _outsiderTrace ??= new TraceThrottle(held => Ctx.Trace(held), Address);
        switch (_outsiderTrace.Pass(e.Kind, source, TraceBudget(e.Kind), Ctx.Now))
        {
            case TraceVerdict.Trace:
                Ctx.Trace(e);
                break;
            case TraceVerdict.HeldFirst:
                Ctx.SetTimer(TraceThrottle.UntilSecondEnds(Ctx.Now), new TimerTag(TimerKind.HeldOutputFlush, -1));
                break;
        }
    }

    /// <summary>A line that one client could repeat thousands of times a second: a burst a second per subject, then a count.</summary>
    private void ThrottledLog(Lines about, string line)
    {
        ref var throttle = ref _lineThrottles[(int)about];
        throttle ??= new LogThrottle(Log, burst: 20, LinesAbout[(int)about], () => (long)Ctx.Now.TotalMilliseconds);
        if (throttle.Line(line))
            Ctx.SetTimer(TimeSpan.FromMilliseconds(throttle.MsUntilWindowEnds), new TimerTag(TimerKind.HeldOutputFlush, (int)about));
    }

    private void ReportLog(string line) => ThrottledLog(Lines.Reports, line);

    private void RefusedInputLog(string line) => ThrottledLog(Lines.RefusedInput, line);

    /// <summary>The second in which output was held is over: its summary (-1: the trace's; otherwise a line subject's).</summary>
    private void OnHeldOutputFlush(long which)
    {
        if (which < 0)
        {
            if (_outsiderTrace?.Flush(Ctx.Now) == false)
                Ctx.SetTimer(TraceThrottle.UntilSecondEnds(Ctx.Now), new TimerTag(TimerKind.HeldOutputFlush, -1));
        }
        else if (_lineThrottles[which] is { } throttle && !throttle.Flush())
            Ctx.SetTimer(TimeSpan.FromMilliseconds(Math.Max(1, throttle.MsUntilWindowEnds)), new TimerTag(TimerKind.HeldOutputFlush, which));
    }
}

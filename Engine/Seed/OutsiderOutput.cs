using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// What anyone who can reach a seed can make it write: trace events go through a
/// <see cref="TraceThrottle"/> (a budget per kind and source IP a second, then a counted
/// summary), log lines through a <see cref="LogThrottle"/> per subject (a burst a second, then
/// a count). A timer writes the summaries of a second once it is over, so a flood that stops
/// still gets its count; it is set only when something was held, never in an honest run.
/// </summary>
internal sealed class OutsiderOutput(SeedSelf self)
{
    /// <summary>The subjects of throttled lines; each has its own burst a second.</summary>
    private enum Lines { Reports, Registrations, RefusedInput, UnprovenVotes }

    private static readonly string[] LinesAbout =
        ["lines about dead-node reports", "lines about registrations", "lines about refused input",
            "lines about unproven votes and commits"];

    private TraceThrottle? _outsiderTrace;
    private readonly LogThrottle?[] _lineThrottles = new LogThrottle?[LinesAbout.Length];

    /// <summary>Trace events caused by outsiders that were held back and counted in summaries
    /// (<see cref="TraceKind.EventsHeld"/>).</summary>
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

    /// <summary>Traces an event <paramref name="source"/> caused, within its budget; beyond it the event is counted for the second's
    /// summary.</summary>
    public void TraceFromOutside(in TraceEvent e, NodeAddress source)
    {
        var ctx = self.Ctx;
        _outsiderTrace ??= new TraceThrottle(held => ctx.Trace(held), self.Listening);
        switch (_outsiderTrace.Pass(e.Kind, source, TraceBudget(e.Kind), ctx.Now))
        {
            case TraceVerdict.Trace:
                ctx.Trace(e);
                break;
            case TraceVerdict.HeldFirst:
                ctx.SetTimer(TraceThrottle.UntilSecondEnds(ctx.Now), new TimerTag(TimerKind.HeldOutputFlush, -1));
                break;
        }
    }

    /// <summary>A line that one client could repeat thousands of times a second: a burst a second per subject, then a count.</summary>
    private void ThrottledLog(Lines about, string line)
    {
        ref var throttle = ref _lineThrottles[(int)about];
        throttle ??= new LogThrottle(self.Log, burst: 20, LinesAbout[(int)about], () => (long)self.Ctx.Now.TotalMilliseconds);
        if (throttle.Line(line))
            self.Ctx.SetTimer(TimeSpan.FromMilliseconds(throttle.MsUntilWindowEnds), new TimerTag(TimerKind.HeldOutputFlush, (int)about));
    }

    public void ReportLog(string line) => ThrottledLog(Lines.Reports, line);

    public void RegistrationLog(string line) => ThrottledLog(Lines.Registrations, line);

    public void RefusedInputLog(string line) => ThrottledLog(Lines.RefusedInput, line);

    /// <summary>Lines about votes and commits that do not prove themselves: a forger can send thousands, so a burst a second and then a
    /// count.</summary>
    public void RejectLog(string line) => ThrottledLog(Lines.UnprovenVotes, line);

    /// <summary>The second in which output was held is over: its summary (-1: the trace's; otherwise a line subject's).</summary>
    public void OnHeldOutputFlush(long which)
    {
        var ctx = self.Ctx;
        if (which < 0)
        {
            if (_outsiderTrace?.Flush(ctx.Now) == false)
                ctx.SetTimer(TraceThrottle.UntilSecondEnds(ctx.Now), new TimerTag(TimerKind.HeldOutputFlush, -1));
        }
        else if (_lineThrottles[which] is { } throttle && !throttle.Flush())
            ctx.SetTimer(TimeSpan.FromMilliseconds(Math.Max(1, throttle.MsUntilWindowEnds)),
                new TimerTag(TimerKind.HeldOutputFlush, which));
    }

    /// <summary>What was held back this second is counted before the node's last words.</summary>
    public void FlushAll() => _outsiderTrace?.FlushAll(self.Ctx.Now);
}

using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Core;

/// <summary>
/// Keeps a flood of bad input (connections, reports, gossip) from becoming a flood of log
/// lines: at most <c>burst</c> lines per second; the lines held back are counted and reported
/// in one summary line when the second is over (by the next line, or by <see cref="Flush"/>).
/// Time comes from <paramref name="nowMs"/> (milliseconds on any steady clock), so a node's
/// own clock drives it on the simulator. Thread-safe.
/// </summary>
public sealed class LogThrottle(Action<string> log, int burst, string what, Func<long> nowMs)
{
    private const long WindowMs = 1000;
    private readonly object _gate = new();
    private long _windowStartMs = nowMs();
    private int _inWindow;
    private long _held;

    /// <summary>Writes the line, or counts it when the second's burst is spent.</summary>
    /// <returns>
    /// True when this line is the first one held back in its second: a summary is then due when
    /// the second is over, and a caller that may write no later line arranges a <see cref="Flush"/>
    /// after <see cref="MsUntilWindowEnds"/>, so the count is never lost.
    /// </returns>
    public bool Line(string text)
    {
        string? summary;
        bool write, firstHeld = false;
        lock (_gate)
        {
            summary = Roll(nowMs());
            write = _inWindow < burst;
            if (write) _inWindow++;
            else firstHeld = ++_held == 1;
        }
        if (summary != null) log(summary);
        if (write) log(text);
        return firstHeld;
    }

    /// <summary>Milliseconds until the current second is over (and a <see cref="Flush"/> writes its summary).</summary>
    public long MsUntilWindowEnds
    {
        get
        {
            lock (_gate) return Math.Max(0, _windowStartMs + WindowMs - nowMs());
        }
    }

    /// <summary>
    /// Reports what was held back once its second is over; called by the transport's housekeeping
    /// timer, and by a node's timer set when a line was first held. False when lines of the current
    /// second are still held (a timer that fired a hair early): the node sets its timer again.
    /// </summary>
    public bool Flush()
    {
        string? summary;
        bool clear;
        lock (_gate)
        {
            summary = Roll(nowMs());
            clear = _held == 0;
        }
        if (summary != null) log(summary);
        return clear;
    }

    private string? Roll(long nowMs)
    {
        if (nowMs - _windowStartMs < WindowMs) return null;
        string? summary = _held > 0 ? $"... and {_held} more {what} in {(nowMs - _windowStartMs) / 1000.0:0.#} s "
            + $"(not logged one by one)" : null;
        _windowStartMs = nowMs;
        _inWindow = 0;
        _held = 0;
        return summary;
    }
}

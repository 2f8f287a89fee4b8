using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Host;

/// <summary>
/// <see cref="IClock"/> for a real node. <see cref="Now"/> is time since the Unix epoch, so the
/// traces of separate processes (and machines with synchronised clocks) line up, guarded so that
/// it never goes back, even when the wall clock is stepped backwards. A timer is an OS timer
/// whose callback only hands (id, tag) to <c>fire</c>, which posts it into the node's loop; the
/// loop then asks <see cref="TryTake"/> whether the timer still stands (a timer cancelled after it
/// fired must not reach the node). Timers are set, cancelled and taken on the loop only. A timer
/// taken remembers when it was due, so the host can tell how late the machine let it run.
/// </summary>
public sealed class RealClock(TimeProvider time, Action<long, TimerTag> fire) : IClock
{
    private readonly Dictionary<long, (ITimer Timer, TimeSpan Due)> _timers = new(); // loop thread only
    private long _lastTicks;
    private long _nextTimerId;

    /// <summary>Any thread (the status timer reads it too).</summary>
    public TimeSpan Now
    {
        get
        {
            long t = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks;
            while (true)
            {
                long last = Interlocked.Read(ref _lastTicks);
                if (t <= last) return new TimeSpan(last);
                if (Interlocked.CompareExchange(ref _lastTicks, t, last) == last) return new TimeSpan(t);
            }
        }
    }

    public TimerId SetTimer(TimeSpan after, TimerTag tag)
    {
        long id = ++_nextTimerId;
        if (after < TimeSpan.Zero) after = TimeSpan.Zero;
        // The callback only posts: the loop is busy right now (it is the caller), so the id is
        // in the table before the event can be handled, however short the delay.
        _timers[id] = (time.CreateTimer(_ => fire(id, tag), null, after, Timeout.InfiniteTimeSpan), Now + after);
        return new TimerId(id);
    }

    public void CancelTimer(TimerId id)
    {
        if (_timers.Remove(id.Value, out var timer)) timer.Timer.Dispose();
    }

    /// <summary>A fired timer reached the loop: true if it was not cancelled meanwhile (it is then forgotten), with how long after
    /// its due time the loop took it (the OS timer's lateness and the wait in the node's channel together).</summary>
    public bool TryTake(long id, out TimeSpan late)
    {
        late = TimeSpan.Zero;
        if (!_timers.Remove(id, out var timer)) return false;
        timer.Timer.Dispose();
        late = Now - timer.Due;
        return true;
    }

    /// <summary>The node stopped: no timer of it fires any more.</summary>
    public void CancelAll()
    {
        foreach (var t in _timers.Values) t.Timer.Dispose();
        _timers.Clear();
    }
}

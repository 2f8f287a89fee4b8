namespace GossipSim.RealNet.Host;

/// <summary>
/// Real time for <c>INodeContext.Now</c>: time since the Unix epoch, so the traces of separate
/// processes (and machines with synchronised clocks) line up. Guarded so that it never goes
/// back, even when the wall clock is stepped backwards.
/// </summary>
public sealed class RealClock(TimeProvider time)
{
    private long _lastTicks;

    public RealClock() : this(TimeProvider.System) { }

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
}

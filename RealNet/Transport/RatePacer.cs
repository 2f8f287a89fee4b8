namespace GossipSim.RealNet.Transport;

/// <summary>
/// Paces events to a rate after a burst (the generic cell rate algorithm), as a pure value: the
/// caller keeps it and passes the time. Each event is told when it may go: at once while within
/// the burst, otherwise as soon as the rate allows; one that would wait longer than the caller's
/// patience is refused and leaves the pacer as it was. A token bucket only says yes or no; this
/// says how long, so a reader can stop reading for that long and TCP holds the sender back, and a
/// handshake can wait its turn instead of failing.
/// </summary>
/// <param name="Due">When the pacer is rested: from then on a whole burst may go at once.</param>
public readonly record struct RatePacer(TimeSpan Due)
{
    /// <summary>
    /// Books the next event at <paramref name="now"/>: admitted with how long it must wait (zero
    /// within the burst) and the pacer after it, or refused when the wait would exceed <paramref name="patience"/>.
    /// </summary>
    public (bool Admitted, TimeSpan Wait, RatePacer After) Reserve(TimeSpan now, int perSecond, int burst, TimeSpan patience)
    {
        long interval = Math.Max(1, TimeSpan.TicksPerSecond / perSecond);
        long due = Math.Max(Due.Ticks, now.Ticks) + interval;
        long wait = Math.Max(0, due - burst * interval - now.Ticks);
        return wait > patience.Ticks ? (false, TimeSpan.Zero, this) : (true, TimeSpan.FromTicks(wait),
            new RatePacer(TimeSpan.FromTicks(due)));
    }

    /// <summary>Whether a whole burst may go at <paramref name="now"/>: such a pacer says nothing a new one would not.</summary>
    public bool IsRestedAt(TimeSpan now) => Due <= now;
}

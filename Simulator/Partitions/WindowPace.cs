namespace GossipSim.Simulator.Partitions;

/// <summary>
/// Whether a window runs its partitions side by side or in turn on one thread, from what windows cost so far. A full window
/// (<see cref="FullWindowEvents"/> events or more in the window before) always runs side by side. A small one runs the way whose
/// recent cost an event (wall time, a moving average over small windows) is lower, and every <see cref="ExploreEvery"/>th small
/// window the other way, so a change of the machine's load is seen. On free cores a hand-over costs a few microseconds and small
/// windows gain from two threads (wan-1m at 10⁵ peers, its windows 1 ms wide and 130 events full: 0.74× the wall); where the cores
/// are taken a hand-over waits for a wake-up, and the same windows side by side took nine times the wall. Which way a window runs
/// changes no outcome (partitions of one window do not see each other); only where the time goes.
/// </summary>
public sealed class WindowPace(long fullWindowEvents)
{
    /// <summary>Every this many small windows, one runs the way not preferred.</summary>
    public const int ExploreEvery = 32;
    /// <summary>The moving average's weight of the newest window: 1/16.</summary>
    private const int AverageShift = 4;

    private long _smallWindows;
    // Wall ticks an event, in 1/1024ths, by way (0: in turn, 1: side by side); -1 before the first window of that way.
    private readonly long[] _cost = [-1, -1];

    /// <summary>From this many events in the window before, a window always runs side by side.</summary>
    public long FullWindowEvents { get; } = fullWindowEvents;

    /// <summary>Whether the next window runs side by side, after a window of <paramref name="lastEvents"/> events.</summary>
    public bool SideBySide(long lastEvents)
    {
        if (lastEvents >= FullWindowEvents) return true;
        bool preferred = Prefers(_cost[0], _cost[1]);
        return ++_smallWindows % ExploreEvery == 0 ? !preferred : preferred;
    }

    /// <summary>
    /// The way preferred, by the costs an event known so far (-1: not yet measured): side by side unless in turn was measured and
    /// is cheaper; a way not yet measured is tried first.
    /// </summary>
    public static bool Prefers(long inTurn, long sideBySide) => sideBySide < 0 || inTurn < 0 || sideBySide <= inTurn;

    /// <summary>A small window ran <paramref name="sideBySide"/> or not: <paramref name="events"/> events in
    /// <paramref name="wallTicks"/> (any clock's ticks, the same throughout).</summary>
    public void Ended(bool sideBySide, long lastEvents, long events, long wallTicks)
    {
        if (lastEvents >= FullWindowEvents || events <= 0) return;
        long cost = (wallTicks << 10) / events;
        ref long average = ref _cost[sideBySide ? 1 : 0];
        average = average < 0 ? cost : average + ((cost - average) >> AverageShift);
    }

    /// <summary>The recent cost an event of each way, in 1/1024ths of a tick (-1: not measured): for tests and the run's line.</summary>
    public (long InTurn, long SideBySide) Costs => (_cost[0], _cost[1]);
}

namespace GossipSim.Simulator.Partitions;

/// <summary>
/// Whether a window runs its partitions side by side or in turn on one thread, from what windows cost so far. A full window
/// (<see cref="FullWindowEvents"/> events or more in the window before) always runs side by side. A small one runs the way whose
/// recent cost an event (wall time, a moving average over small windows) is lower; now and then a few windows run the other way,
/// so a change of the machine's load is seen. On free cores a hand-over costs a few microseconds and small windows gain from two
/// threads (wan-1m at 10⁵ peers, its windows 1 ms wide and about 130 events full: 0.888× the wall with this pace, 3 pairs; every
/// small window side by side 0.74–0.84×); where the cores are taken a hand-over waits for a wake-up, and every small window side
/// by side took nine times the wall (one run each, docs/performance.md section 2). A window side by side after one in
/// turn is not measured: its helpers were asleep, and waking them is the way's cost only once. Which way a window runs changes no
/// outcome (partitions of one window do not see each other); only where the time goes.
/// </summary>
public sealed class WindowPace(long fullWindowEvents)
{
    /// <summary>Small windows between two tries of the way not preferred, at first and after a try that came close.</summary>
    public const int ExploreEvery = 32;
    /// <summary>The most small windows between two tries: a try that lost by half again doubles the wait, up to this.</summary>
    public const int ExploreAtMost = 1024;
    /// <summary>A try side by side is this many windows (the first, waking the helpers, not measured); a try in turn is one.</summary>
    public const int SideBySideTry = 3;
    /// <summary>The moving average's weight of the newest window: 1/8.</summary>
    private const int AverageShift = 3;

    private long _untilTry = ExploreEvery;
    private long _interval = ExploreEvery;
    private int _tryLeft;          // windows of the current try still to run
    private bool _tryWay;          // the way being tried
    private bool _tryToJudge;      // a try ran and its last window is yet to be judged
    private bool _lastSideBySide = true;
    // Wall ticks an event, in 1/1024ths, by way (0: in turn, 1: side by side); -1 before the first window of that way.
    private readonly long[] _cost = [-1, -1];

    /// <summary>From this many events in the window before, a window always runs side by side.</summary>
    public long FullWindowEvents { get; } = fullWindowEvents;

    /// <summary>Whether the next window runs side by side, after a window of <paramref name="lastEvents"/> events.</summary>
    public bool SideBySide(long lastEvents)
    {
        if (lastEvents >= FullWindowEvents) return true;
        if (_tryLeft > 0)
        {
            _tryLeft--;
            return _tryWay;
        }
        bool preferred = Prefers(_cost[0], _cost[1]);
        if (--_untilTry > 0) return preferred;
        // A try of the other way: its cost an event is measured afresh (a way measured long ago may cost otherwise now).
        _tryWay = !preferred;
        _tryLeft = (_tryWay ? SideBySideTry : 1) - 1;
        _cost[_tryWay ? 1 : 0] = -1;
        _tryToJudge = true;
        _untilTry = _interval;
        return _tryWay;
    }

    /// <summary>The way preferred, by the costs an event known so far (-1: not yet measured): side by side unless in turn was
    /// measured and is cheaper.</summary>
    public static bool Prefers(long inTurn, long sideBySide) => sideBySide < 0 || inTurn < 0 || sideBySide <= inTurn;

    /// <summary>A window ran <paramref name="sideBySide"/> or not: <paramref name="events"/> events in <paramref name="wallTicks"/>
    /// (any clock's ticks, the same throughout), after a window of <paramref name="lastEvents"/>.</summary>
    public void Ended(bool sideBySide, long lastEvents, long events, long wallTicks)
    {
        bool cold = sideBySide && !_lastSideBySide;
        _lastSideBySide = sideBySide;
        if (lastEvents >= FullWindowEvents || events <= 0 || cold) return;
        long cost = (wallTicks << 10) / events;
        ref long average = ref _cost[sideBySide ? 1 : 0];
        average = average < 0 ? cost : average + ((cost - average) >> AverageShift);
        if (_tryToJudge && _tryLeft == 0 && sideBySide == _tryWay)
        {
            // A try just ended: one that lost by half again is tried half as often, one that came close as at first.
            _tryToJudge = false;
            long tried = _cost[sideBySide ? 1 : 0], other = _cost[sideBySide ? 0 : 1];
            _interval = other >= 0 && tried * 2 > other * 3 ? Math.Min(_interval * 2, ExploreAtMost) : ExploreEvery;
            _untilTry = _interval;
        }
    }

    /// <summary>The recent cost an event of each way, in 1/1024ths of a tick (-1: not measured): for tests.</summary>
    public (long InTurn, long SideBySide) Costs => (_cost[0], _cost[1]);
}

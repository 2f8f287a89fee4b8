using GossipSim.Engine.Trace;
using GossipSim.Simulator.Partitions;
using GossipSim.Simulator.Ranks;

namespace GossipSim.Simulator.Network;

// The clock: control events and windows in time order, the ranks' exchanges between them, and the end of the run.
public sealed partial class SimNetwork
{
    private long _now;
    private bool _inWindow;
    private long _slot; // on ranks: the control output's keys (see NextSlot)
    private long _steps;

    public TimeSpan Now => new(_now);
    /// <summary>Windows run on several partitions so far.</summary>
    public long Windows { get; private set; }
    /// <summary>The windows' balance between the threads, by events (<see cref="WindowLoad.Balance"/>).</summary>
    public double WindowBalance => _load.Balance;

    /// <summary>
    /// Processes events up to and including <paramref name="end"/>; the clock then stands at end.
    /// A control event runs before the nodes' events of its time, with every partition's clock
    /// at its time; between control events the partitions run windows, each as wide as the
    /// smallest delay a message between partitions can have.
    /// </summary>
    public void RunUntil(TimeSpan end, Action<SimNetwork>? progress = null, long progressEveryEvents = 1_000_000)
    {
        long endTicks = end.Ticks;
        long nextProgress = EventsProcessed + progressEveryEvents;
        Settle(); // what was done between two runs (a manager's command) reaches its ranks first
        while (true)
        {
            long first = long.MaxValue;
            foreach (var p in _local) if (p.Queue.TryPeekTime(out long t) && t < first) first = t;
            if (_mailPending) foreach (var p in _local) first = Math.Min(first, p.EarliestMail(_pendingSet));
            if (_ranks != null)
            {
                long asked = System.Diagnostics.Stopwatch.GetTimestamp();
                first = _ranks.AllReduce(first, RankReduction.Min);
                _mail!.Times.Agreeing += System.Diagnostics.Stopwatch.GetTimestamp() - asked;
            }
            bool control = _control.TryPeekTime(out long c) && c <= endTicks;
            if (control && c <= first)
            {
                TakeMail(); // a control event sees every queue whole
                SetClock(c);
                var e = _control.Pop();
                _controlEvents++;
                NextSlot();
                ((Action)e.Payload!)();
                Settle();
            }
            else if (first <= endTicks)
            {
                long windowEnd = Math.Min(endTicks + 1, control ? c : long.MaxValue);
                if (_parts.Length == 1)
                {
                    // One partition needs no windows: it runs to the next control event, pausing for progress.
                    _parts[0].RunWindow(windowEnd, buffered: false, maxEvents: progress == null ? long.MaxValue : progressEveryEvents);
                    _now = Math.Max(_now, _parts[0].Now);
                }
                else
                {
                    windowEnd = Math.Min(windowEnd, first + _links.Lookahead);
                    RunWindows(windowEnd);
                    _now = Math.Max(_now, windowEnd - 1);
                }
            }
            else break;
            if (progress == null) continue;
            if (_ranks != null)
            {
                // Every rank reports at the same step, so the report may ask every rank (the live peers).
                if (++_steps % RankedProgressSteps != 0) continue;
                _eventsEverywhere = _ranks.AllReduce(LocalEvents, RankReduction.Sum);
                progress(this);
            }
            else if (EventsProcessed >= nextProgress)
            {
                nextProgress = EventsProcessed + progressEveryEvents;
                progress(this);
            }
        }
        TakeMail();
        SetClock(Math.Max(_now, endTicks));
    }

    /// <summary>On ranks, progress is reported every this many windows and control events.</summary>
    private const int RankedProgressSteps = 32;

    /// <summary>Every rank's events so far: on ranks, as of the last progress report.</summary>
    public long EventsSoFar => _ranks == null ? EventsProcessed : _eventsEverywhere;

    /// <summary>
    /// On ranks: the deliveries made since the last exchange go to their ranks, and everything
    /// written since reaches rank 0's outputs. After every window and control event, so that an
    /// exchange holds the output of one of them only.
    /// </summary>
    private void Settle() => _mail?.Exchange();

    /// <summary>
    /// On ranks, a control event's output is held like a window's and merged on rank 0 by (time,
    /// key): its key is the n-th piece of control output of the run, counted alike on every rank
    /// (the network's own, written on rank 0, and each node's, on its owner), so the pieces come out
    /// in the order one process writes them.
    /// </summary>
    private void NextSlot()
    {
        if (_ranks == null) return;
        _slot++;
        foreach (var o in _localOutputs) o.At(_now, _slot);
    }

    private void SetClock(long now)
    {
        _now = now;
        foreach (var p in _parts) p.Now = now;
    }

    /// <summary>
    /// A window whose predecessor had this many events or more always runs its partitions side
    /// by side; a smaller one runs side by side or in turn on the caller's thread, whichever has
    /// cost less an event lately (<see cref="WindowPace"/>). The outcome is the same either way
    /// (partitions of one window do not see each other); only where the time goes changes.
    /// </summary>
    public long SideBySideMinEvents { get => _pace.FullWindowEvents; init => _pace = new WindowPace(value); }

    private WindowPace _pace = new(1_000);

    /// <summary>Whether the last window's mail between this process's partitions waits in the outboxes of set
    /// <see cref="_pendingSet"/>, for the next window's hand-over (or <see cref="TakeMail"/>) to take.</summary>
    private bool _mailPending;
    private int _pendingSet;

    /// <summary>
    /// Every partition first takes the mail the window before left it, then runs the window (side by side, or in turn when windows
    /// are small and that costs less), writing its own mail into the other set of outboxes: one hand-over a window. Then their output
    /// is merged. On ranks the mail is traded after each window (<see cref="Settle"/>), as before.
    /// </summary>
    private void RunWindows(long end)
    {
        bool sideBySide = _runner != null && _local.Length > 1 && _pace.SideBySide(_lastWindowEvents);
        bool carried = _mail == null; // on ranks the mail is traded after the window, from set 0
        int fill = carried ? 1 - _pendingSet : 0, take = _pendingSet;
        bool pending = _mailPending;
        foreach (var p in _local) p.UseOutboxSet(fill);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        _inWindow = true;
        try
        {
            if (pending) Each(sideBySide, p => { _local[p].Receive(_local, take); _local[p].RunWindow(end, buffered: true, maxEvents: long.MaxValue); });
            else Each(sideBySide, p => _local[p].RunWindow(end, buffered: true, maxEvents: long.MaxValue));
            _mailPending = false;
        }
        finally
        {
            _inWindow = false;
        }
        long lastEvents = _lastWindowEvents;
        Windows++;
        _lastWindowEvents = 0;
        foreach (var p in _local) _lastWindowEvents += p.WindowEvents;
        _pace.Ended(sideBySide, lastEvents, _lastWindowEvents, System.Diagnostics.Stopwatch.GetTimestamp() - started);
        _load.Ended(p => _local[p].WindowEvents);
        foreach (var p in _parts) p.Now = Math.Max(p.Now, end - 1);
        if (carried)
        {
            _mailPending = true;
            _pendingSet = fill;
        }
        else Each(sideBySide, p => _local[p].Receive(_local, 0));
        if (_mail == null) PartitionOutput.Merge(_localOutputs);
        else
        {
            _ranked!.Stale();
            Settle();
        }
    }

    /// <summary>The last window's mail, not yet taken by a window's hand-over: into its targets' queues now, before a control event
    /// or the end of <see cref="RunUntil"/> (whatever runs between windows sees every queue whole).</summary>
    private void TakeMail()
    {
        if (!_mailPending) return;
        foreach (var p in _local) p.Receive(_local, _pendingSet);
        _mailPending = false;
    }

    /// <summary>The windows' work: the order threads take the partitions up in, and the balance.</summary>
    private readonly WindowLoad _load;

    private long _lastWindowEvents = long.MaxValue;

    private void Each(bool sideBySide, Action<int> work)
    {
        if (sideBySide) _runner!(_local.Length, i => work(_load[i]));
        else for (int p = 0; p < _local.Length; p++) work(p);
    }

    /// <summary>
    /// On ranks, the end of the run sends rank 0 the final states of this many nodes an exchange:
    /// in one exchange, a million peers' three or four trace events each were held as output
    /// entries, written into the mail, copied, read and decoded all at once, the ranks' peak
    /// memory (docs/performance.md section 9). The order is the same: each node's stop has a slot
    /// of its own, counted alike on every rank, so later exchanges hold later slots.
    /// </summary>
    public int StopsPerExchange { get; init; } = 1 << 15;

    /// <summary>Clean stop of every live node (end of run): each traces its final state.</summary>
    public void StopAll()
    {
        NextSlot();
        WriteNetwork(new TraceEvent(Now, TraceKind.RunEnded, default));
        for (int i = 0; i < _table.Count; i++)
        {
            NextSlot();
            _table.Lives[i].Node?.OnStop(sayGoodbye: false);
            if (_ranks != null && (i + 1) % StopsPerExchange == 0) Settle(); // every rank at the same i
        }
        if (_ranks == null) return;
        Settle();
        GatherTotals();
    }
}

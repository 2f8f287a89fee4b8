using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace GossipSim.Simulator.Threads;

/// <summary>
/// The calling thread and <c>threads - 1</c> threads of its own, kept between calls: a run hands
/// its partitions to threads twice per (short) time window, so a hand-over's cost is paid tens of
/// thousands of times, and the thread pool or a blocking wake-up cost more (docs/performance.md).
/// Each call opens a round; every thread (the caller too) takes the lowest index not yet taken,
/// and the caller waits for the others. Waiting threads spin <see cref="SpinTicks"/> before
/// sleeping, unless the cores are taken (<see cref="CoreContention"/>). One caller per gang at a time.
/// </summary>
internal sealed class WorkerGang
{
    private static readonly ConcurrentDictionary<int, ConcurrentBag<WorkerGang>> Idle = new();

    /// <summary>How long a waiting thread spins before it sleeps: 100 µs, a few windows' hand-overs.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 10_000;

    /// <summary>Runs <paramref name="work"/> for each index below <paramref name="count"/> on <paramref name="threads"/> threads, the
    /// caller one of them.</summary>
    public static void Run(int threads, int count, Action<int> work)
    {
        var idle = Idle.GetOrAdd(threads, _ => new ConcurrentBag<WorkerGang>());
        var gang = idle.TryTake(out var g) ? g : new WorkerGang(threads - 1);
        try
        {
            gang.RunRound(count, work);
        }
        finally
        {
            idle.Add(gang);
        }
    }

    private readonly object _gate = new();
    private readonly int _helpers;
    private int _round;     // the caller opens a round by counting it up
    private int _sleepers;  // threads asleep on _gate
    private int _running;   // helpers not yet done with this round
    private Action<int>? _work;
    private int _count;
    private int _next;
    private Exception? _failure;
    private readonly CoreContention _contention = new();
    private volatile bool _spin = true;  // _contention.Spin, where the helpers read it
    private int _preempted;              // set by a helper that was preempted since its last look

    // The caller's preemptions when it last looked, and which thread that was (the count is per
    // thread); the gang's own, so a gang the same thread ran before does not count in this one's.
    private int _callerThread;
    private long? _callerPreemptions;

    private WorkerGang(int helpers)
    {
        _helpers = helpers;
        for (int i = 0; i < helpers; i++)
            new Thread(Help) { IsBackground = true, Name = "sim partitions" }.Start();
    }

    private void RunRound(int count, Action<int> work)
    {
        _work = work;
        _count = count;
        _next = -1;
        _failure = null;
        Volatile.Write(ref _running, _helpers);
        Interlocked.Increment(ref _round); // a full fence: the fields above are seen by whoever sees the round
        WakeSleepers();
        Take();
        while (Volatile.Read(ref _running) > 0 && !Spin(ref _running, 0, equal: true)) Sleep(() => Volatile.Read(ref _running) == 0);
        _work = null;
        if (_callerThread != Environment.CurrentManagedThreadId)
        {
            _callerThread = Environment.CurrentManagedThreadId;
            _callerPreemptions = null;
        }
        _contention.Ended(PreemptedSinceLastLook(ref _callerPreemptions) | Interlocked.Exchange(ref _preempted, 0) != 0);
        _spin = _contention.Spin;
        if (_failure is { } failure) ExceptionDispatchInfo.Capture(failure).Throw();
    }

    /// <summary>Whether the calling thread was preempted since its last look, whose count <paramref name="last"/> holds.</summary>
    private static bool PreemptedSinceLastLook(ref long? last)
    {
        long now = Preemptions.OfThisThread();
        bool preempted = last is { } before && now != before;
        last = now;
        return preempted;
    }

    private void Help()
    {
        int seen = 0;
        long? lastLook = null; // this helper thread's preemptions when it last looked
        while (true)
        {
            if (!Spin(ref _round, seen, equal: false)) Sleep(() => Volatile.Read(ref _round) != seen);
            seen = Volatile.Read(ref _round);
            Take();
            if (PreemptedSinceLastLook(ref lastLook)) Volatile.Write(ref _preempted, 1);
            if (Interlocked.Decrement(ref _running) == 0) WakeSleepers();
        }
    }

    private void Take()
    {
        try
        {
            for (int i = Interlocked.Increment(ref _next); i < _count; i = Interlocked.Increment(ref _next)) _work!(i);
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _failure, ex, null);
        }
    }

    /// <summary>Spins until <paramref name="value"/> equals <paramref name="target"/> (or, with <paramref name="equal"/> false, differs
    /// from it); false when the spin ran out first, at once when the cores are taken.</summary>
    private bool Spin(ref int value, int target, bool equal)
    {
        if (!_spin) return (Volatile.Read(ref value) == target) == equal;
        long until = Stopwatch.GetTimestamp() + SpinTicks;
        while ((Volatile.Read(ref value) == target) != equal)
        {
            if (Stopwatch.GetTimestamp() > until) return false;
            Thread.SpinWait(8);
        }
        return true;
    }

    /// <summary>
    /// Sleeps until <paramref name="done"/> holds. Whoever makes it hold counts its change with
    /// an interlocked operation and then wakes the sleepers, and a sleeper counts itself before
    /// it looks: so either the sleeper sees the change or the changer sees the sleeper.
    /// </summary>
    private void Sleep(Func<bool> done)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _sleepers);
            while (!done()) Monitor.Wait(_gate);
            Interlocked.Decrement(ref _sleepers);
        }
    }

    private void WakeSleepers()
    {
        if (Volatile.Read(ref _sleepers) == 0) return;
        lock (_gate) Monitor.PulseAll(_gate);
    }
}

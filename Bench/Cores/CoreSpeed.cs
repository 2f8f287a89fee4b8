using System.Diagnostics;

namespace GossipSim.Bench.Cores;

/// <summary>
/// How fast each core runs a fixed piece of integer work: first each core alone (one thread
/// pinned to it, the others idle), then all of them at once (one pinned thread each). A virtual
/// machine's cores can differ, and two threads then gain less than two cores promise: a
/// simulation cut into equal partitions waits, window by window, for the slowest core
/// (<see cref="CoreVerdict"/>). Two kinds of work (<see cref="Work"/>): one in the core's
/// registers, and one that reads memory at random as a large simulation does: a core can keep
/// up at one and fall behind at the other.
/// </summary>
public static class CoreSpeed
{
    /// <summary>What the rounds are.</summary>
    public enum Work
    {
        /// <summary>A multiply-xorshift chain in registers.</summary>
        Compute,
        /// <summary>A walk of dependent reads through a random cycle over <see cref="MemoryBytes"/> (each read waits for the last).</summary>
        Memory,
    }

    /// <summary>The memory walk's size (one cycle every thread reads): well past a core's caches, as a million peers' state is.</summary>
    public const int MemoryBytes = 64 << 20;

    /// <summary>Rounds of work between two looks at the clock (a few hundred microseconds of compute).</summary>
    private const int RoundsPerCheck = 1 << 18;

    /// <summary>What one core did: rounds of work a second, and whether its thread was pinned to it.</summary>
    public readonly record struct Rate(int Core, double RoundsPerSecond, bool Pinned);

    /// <summary>Each core alone, then all together, each for <paramref name="seconds"/>.</summary>
    public static (Rate[] Alone, Rate[] Together) Measure(IReadOnlyList<int> cores, double seconds, Work work)
    {
        // One cycle, read by every thread from its own starting point: the memory stays 64 MiB
        // however many cores there are.
        int[]? cycle = work == Work.Memory ? RandomCycle(MemoryBytes / sizeof(int), seed: 1) : null;
        var alone = new Rate[cores.Count];
        for (int i = 0; i < cores.Count; i++) alone[i] = RunOn(new[] { cores[i] }, seconds, cycle)[0];
        return (alone, RunOn(cores, seconds, cycle));
    }

    /// <summary>One pinned thread a core, started together; each counts its own rounds for <paramref name="seconds"/>.</summary>
    private static Rate[] RunOn(IReadOnlyList<int> cores, double seconds, int[]? cycle)
    {
        var rates = new Rate[cores.Count];
        using var ready = new CountdownEvent(cores.Count);
        using var go = new ManualResetEventSlim();
        var threads = new Thread[cores.Count];
        for (int i = 0; i < cores.Count; i++)
        {
            int at = i;
            threads[i] = new Thread(() =>
            {
                bool pinned = CorePinning.PinCurrentThread(cores[at]);
                ready.Signal();
                go.Wait();
                int start = (int)((long)at * (cycle?.Length ?? 0) / cores.Count);
                rates[at] = new Rate(cores[at], cycle == null ? Spin(seconds) : Walk(cycle, start, seconds), pinned);
            }) { IsBackground = true, Name = $"core {cores[i]}" };
            threads[i].Start();
        }
        ready.Wait();
        go.Set();
        foreach (var t in threads) t.Join();
        return rates;
    }

    /// <summary>Rounds of a dependent multiply-xorshift chain a second (the result is kept so the work cannot be left out).</summary>
    private static double Spin(double seconds)
    {
        ulong x = 0x9E3779B97F4A7C15UL;
        double rate = RoundsPerSecond(seconds, () =>
        {
            ulong y = x;
            for (int i = 0; i < RoundsPerCheck; i++)
            {
                y ^= y << 13;
                y ^= y >> 7;
                y ^= y << 17;
                y *= 0xD1B54A32D192ED03UL;
            }
            x = y;
            return RoundsPerCheck;
        });
        Volatile.Write(ref _sink, x);
        return rate;
    }

    /// <summary>Dependent reads a second along the cycle (each index is the next read's address).</summary>
    private static double Walk(int[] cycle, int start, double seconds)
    {
        const int ReadsPerCheck = 1 << 14;
        int at = start;
        double rate = RoundsPerSecond(seconds, () =>
        {
            int a = at;
            for (int i = 0; i < ReadsPerCheck; i++) a = cycle[a];
            at = a;
            return ReadsPerCheck;
        });
        Volatile.Write(ref _sink, (ulong)at);
        return rate;
    }

    /// <summary>Runs <paramref name="chunk"/> (a few hundred microseconds of rounds; it returns how many) until
    /// <paramref name="seconds"/> have passed: rounds a second.</summary>
    private static double RoundsPerSecond(double seconds, Func<long> chunk)
    {
        long rounds = 0;
        var clock = Stopwatch.StartNew();
        long until = (long)(seconds * Stopwatch.Frequency);
        do rounds += chunk(); while (clock.ElapsedTicks < until);
        return rounds / clock.Elapsed.TotalSeconds;
    }

    /// <summary>One cycle through all n slots in a random order (Sattolo's shuffle), so a walk never settles in the cache.</summary>
    public static int[] RandomCycle(int n, ulong seed)
    {
        var next = new int[n];
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        ulong x = seed * 0x9E3779B97F4A7C15UL | 1;
        for (int i = n - 1; i > 0; i--)
        {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            int j = (int)(x % (ulong)i); // j < i: Sattolo, one cycle
            (order[i], order[j]) = (order[j], order[i]);
        }
        for (int i = 0; i < n; i++) next[order[i]] = order[(i + 1) % n];
        return next;
    }

    private static ulong _sink;
}

using System.Runtime.InteropServices;

namespace GossipSim.RealNet.Host;

/// <summary>
/// Keeps a node process's resident memory near what it uses. A node allocates little (a few MB
/// over a whole run), so left alone the runtime never collects (Workstation GC's first gen-0
/// budget here is 5/8 of the L3 cache: 16 MB) and never wakes the finalizer thread, which is what
/// flushes the JIT's cache of freed compiler slabs (up to 16 MB, held since the first tier-1
/// compilations). Once a second this collects gen 0 if a quarter MB was allocated since the last
/// time, lets the finalizer thread run (it returns the JIT's old slabs to malloc, at most every
/// 2 s), and hands free malloc pages back to the OS (glibc's malloc_trim). Each step costs well
/// under a millisecond at this heap size. For one node per process only: a process hosting many
/// nodes (the in-process runtime) has a real allocation rate and lets the GC pace itself.
/// <para>Gen-0 collections alone let the heap creep: what lives a few seconds (a message in the
/// Message List, a closed link's buffers) is promoted and dies in gen 1 or 2, which a heap this
/// small seldom collects, and the regions it held stay committed. So once a minute the round is a
/// full, compacting collection that gives the GC's free regions back to the OS
/// (<see cref="GCCollectionMode.Aggressive"/>): the heap returns to what is live. The malloc side
/// needs one arena (MALLOC_ARENA_MAX=1, set where node processes are started: the Scenarios launcher's
/// NodeEnvironment and deploy/Dockerfile), which glibc reads before this code runs.</para>
/// </summary>
public static class ProcessMemory
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private const long CollectAfterBytes = 256 << 10;
    /// <summary>Every this many rounds (a minute) the round's collection is full, compacting and decommitting.</summary>
    public const int FullCollectionRounds = 60;

    private static long _rounds;

    private static long _allocatedAtLastCollect;
    private static int _trimUnavailable;
    private static int _running;

    /// <summary>Starts the periodic trim; dispose the timer to stop it.</summary>
    public static Timer StartTrimming() => new(_ => Trim(), null, Period, Period);

    /// <summary>One round: gen-0 collection when enough was allocated, finalizer pass, malloc trim.</summary>
    public static void Trim()
    {
        if (Interlocked.Exchange(ref _running, 1) != 0) return; // a slow round is not stacked on
        try
        {
            long allocated = GC.GetTotalAllocatedBytes(precise: false);
            if (++_rounds % FullCollectionRounds == 0)
            {
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                _allocatedAtLastCollect = GC.GetTotalAllocatedBytes(precise: false);
            }
            else if (allocated - _allocatedAtLastCollect >= CollectAfterBytes)
            {
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                _allocatedAtLastCollect = GC.GetTotalAllocatedBytes(precise: false);
            }
            GC.WaitForPendingFinalizers();
            TrimMalloc();
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private static void TrimMalloc()
    {
        if (!OperatingSystem.IsLinux() || Volatile.Read(ref _trimUnavailable) != 0) return;
        try
        {
            malloc_trim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Volatile.Write(ref _trimUnavailable, 1); // not glibc (e.g. musl): nothing to trim this way
        }
    }

    [DllImport("libc.so.6", ExactSpelling = true)]
    private static extern int malloc_trim(nuint pad);
}

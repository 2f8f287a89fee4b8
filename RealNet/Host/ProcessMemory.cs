using System.Runtime.InteropServices;

namespace GossipSim.RealNet.Host;

/// <summary>
/// Keeps a one-node process's resident memory near what it uses: a node allocates so little that the
/// runtime would never collect (the gen-0 budget follows the L3 cache) nor wake the finalizer that frees
/// the JIT's old slabs (docs/performance.md section 5). Once a second: gen 0 if a quarter MB was allocated,
/// the finalizer, glibc's malloc_trim; once a minute a full compacting collection (<see cref="GCCollectionMode.Aggressive"/>),
/// as objects living seconds die in gen 1 or 2 and keep regions committed. Needs MALLOC_ARENA_MAX=1 where nodes
/// start (NodeEnvironment, deploy/Dockerfile). Not for the in-process runtime, whose GC paces itself.
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

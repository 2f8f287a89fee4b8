using System.Runtime.InteropServices;

namespace GossipSim.Simulator.Threads;

/// <summary>
/// Puts a thread in Linux's idle scheduling class (SCHED_IDLE: it runs on a core nobody else
/// in the machine wants) and back in the normal one. The simulation's output thread runs idle
/// while it keeps up: on two cores with two partitions, a normal output thread takes a core
/// the moment a partition's thread steps aside between windows, and that thread then waits
/// for it to be woken (docs/performance.md). Elsewhere than Linux, and where the
/// call is refused, nothing changes and <see cref="Supported"/> says so.
/// </summary>
public static class IdleClass
{
    private const int SchedOther = 0, SchedIdle = 5;

    public static bool Supported => OperatingSystem.IsLinux() && !_missing;

    // A C library without these calls (an old glibc has no gettid wrapper) leaves things as they are.
    private static bool _missing;

    /// <summary>The calling thread's id for <see cref="Set"/>; 0 where that is not supported.</summary>
    public static int CurrentThread()
    {
        if (!Supported) return 0;
        try { return gettid(); }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { _missing = true; return 0; }
    }

    /// <summary>Moves the thread to the idle class or back to the normal one; false when refused or unsupported.</summary>
    public static bool Set(int thread, bool idle)
    {
        if (!Supported || thread == 0) return false;
        var param = new SchedParam();
        try { return sched_setscheduler(thread, idle ? SchedIdle : SchedOther, ref param) == 0; }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { _missing = true; return false; }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority; // 0: the only priority both classes take
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_setscheduler(int pid, int policy, ref SchedParam param);

    [DllImport("libc")]
    private static extern int gettid();
}

using System.Runtime.InteropServices;

namespace GossipSim.Simulator.Threads;

/// <summary>
/// How often the kernel took the calling thread's core away for another thread that wanted it
/// (Linux's involuntary context switches, getrusage RUSAGE_THREAD): the sign that the cores are
/// taken. On a quiet machine a simulation thread is almost never preempted; with another
/// process busy on the cores it is, every few milliseconds. <see cref="WorkerGang"/> reads it
/// to stop spinning while the cores are taken. Elsewhere than
/// Linux, or where the call is refused, the count stays 0 (the cores always look free).
/// </summary>
public static class Preemptions
{
    private const int RusageThread = 1;
    private static bool _missing = !OperatingSystem.IsLinux() || IntPtr.Size != 8;

    /// <summary>The calling thread's involuntary context switches since it started; 0 where not supported.</summary>
    public static long OfThisThread()
    {
        if (_missing) return 0;
        try
        {
            return getrusage(RusageThread, out var usage) == 0 ? usage.InvoluntarySwitches : 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _missing = true;
            return 0;
        }
    }

    /// <summary>Linux's struct rusage on a 64-bit machine: two timevals, then fourteen longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds, UserMicros, SystemSeconds, SystemMicros;
        public long MaxRss, SharedText, UnsharedData, UnsharedStack, MinorFaults, MajorFaults, Swaps, BlocksIn, BlocksOut,
            MessagesSent, MessagesReceived, Signals, VoluntarySwitches, InvoluntarySwitches;
    }

    [DllImport("libc")]
    private static extern int getrusage(int who, out Rusage usage);
}

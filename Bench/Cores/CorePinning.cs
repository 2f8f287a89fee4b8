using System.Runtime.InteropServices;

namespace GossipSim.Bench.Cores;

/// <summary>
/// Which cores this process may run on, and pinning the calling thread to one of them (Linux's
/// sched_getaffinity / sched_setaffinity). Elsewhere, or where the C library refuses, the cores
/// are 0..ProcessorCount-1 and threads are not pinned: <see cref="Supported"/> says so.
/// </summary>
public static class CorePinning
{
    private const int MaskWords = 16; // cpu_set_t: 1,024 cores

    public static bool Supported => OperatingSystem.IsLinux() && !_missing;

    private static bool _missing;

    /// <summary>The cores the process may run on, in order.</summary>
    public static int[] Allowed()
    {
        var mask = new ulong[MaskWords];
        if (Supported)
        {
            try
            {
                if (sched_getaffinity(0, (nint)(MaskWords * sizeof(ulong)), mask) == 0)
                {
                    var cores = new List<int>();
                    for (int core = 0; core < MaskWords * 64; core++)
                        if ((mask[core / 64] & (1UL << (core % 64))) != 0) cores.Add(core);
                    if (cores.Count > 0) return cores.ToArray();
                }
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { _missing = true; }
        }
        return Enumerable.Range(0, Environment.ProcessorCount).ToArray();
    }

    /// <summary>Pins the calling thread to <paramref name="core"/>; false when unsupported or refused (the thread then runs where the OS puts it).</summary>
    public static bool PinCurrentThread(int core)
    {
        if (!Supported || core < 0 || core >= MaskWords * 64) return false;
        var mask = new ulong[MaskWords];
        mask[core / 64] = 1UL << (core % 64);
        try { return sched_setaffinity(0, (nint)(MaskWords * sizeof(ulong)), mask) == 0; }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { _missing = true; return false; }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_getaffinity(int pid, nint size, [Out] ulong[] mask);

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_setaffinity(int pid, nint size, ulong[] mask);
}

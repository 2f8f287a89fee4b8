using System.Runtime.InteropServices;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>POSIX signals to child processes: .NET's Process.Kill only sends SIGKILL.</summary>
internal static class Signals
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    public static bool Send(int pid, int signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return false;
        return SysKill(pid, signal) == 0;
    }
}

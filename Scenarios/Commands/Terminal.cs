using System.Runtime.InteropServices;

namespace GossipSim.Scenarios.Commands;

/// <summary>
/// The terminal a person types manager commands in. When a run ends, whatever was typed and
/// not yet read (a half-typed command, Enter pressed as the run stopped) is discarded, so the
/// shell never receives it as a command of its own.
/// </summary>
public static class Terminal
{
    [DllImport("libc", EntryPoint = "tcflush", SetLastError = true)]
    private static extern int TcFlush(int fd, int queueSelector);

    /// <summary>Drops unread typed input on standard input, when it is a terminal.</summary>
    public static void DiscardTypedInput()
    {
        if (Console.IsInputRedirected) return;
        // TCIFLUSH: 0 on Linux, 1 on macOS and the BSDs.
        int inputQueue = OperatingSystem.IsLinux() ? 0 : OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? 1 : -1;
        if (inputQueue < 0) return;
        try { TcFlush(0, inputQueue); }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { } // no libc: nothing to drain
    }
}

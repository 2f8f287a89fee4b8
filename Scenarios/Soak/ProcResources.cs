using System.Globalization;

namespace GossipSim.Scenarios.Soak;

/// <summary>One process's resources at one moment: resident memory, open file descriptors (of them, <see cref="Sockets"/> are
/// sockets: a growing count says which kind leaks) and threads.</summary>
public readonly record struct ProcessResources(long RssKiB, int Descriptors, int Threads, int Sockets = 0)
{
    /// <summary>
    /// Whether the reading is of a node at work: its runtime's threads, its log, trace and listening socket open. A process read
    /// in its first moments (one thread, its three standard streams) or as it ends after a crash (its threads and files going)
    /// reads below that, and one such sample at the end of a long life would read as memory falling (a soak's CI run caught one).
    /// </summary>
    public bool IsRunning => RssKiB > 1000 && Descriptors > 3 && Threads > 1;
}

/// <summary>Reads a process's resources from /proc (Linux): VmRSS and Threads from /proc/PID/status, the entries of /proc/PID/fd.</summary>
public static class ProcResources
{
    /// <summary>Null when the process has gone (or /proc cannot be read).</summary>
    public static ProcessResources? Read(int pid)
    {
        try
        {
            var (rss, threads) = ParseStatus(File.ReadAllText($"/proc/{pid}/status"));
            if (rss is not { } r || threads is not { } t) return null;
            var fds = Directory.GetFileSystemEntries($"/proc/{pid}/fd");
            int sockets = fds.Count(fd => IsSocket(fd));
            return new ProcessResources(r, fds.Length, t, sockets);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>An entry of /proc/PID/fd links to "socket:[inode]" for a socket; one closed meanwhile is not counted.</summary>
    private static bool IsSocket(string fd)
    {
        try { return new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>VmRSS in KiB and Threads from the text of /proc/PID/status; null for a field that is absent (a zombie has no VmRSS).</summary>
    public static (long? RssKiB, int? Threads) ParseStatus(string status)
    {
        long? rss = null;
        int? threads = null;
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rss = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                threads = int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        return (rss, threads);
    }
}

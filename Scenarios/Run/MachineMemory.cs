using System.Globalization;

namespace GossipSim.Scenarios.Run;

/// <summary>
/// This machine's memory as Linux tells it (/proc/meminfo): its total and what is available to a new process (free memory
/// and the caches the kernel would give back). Null where there is no /proc/meminfo or it cannot be read.
/// </summary>
public readonly record struct MachineMemory(long TotalBytes, long AvailableBytes)
{
    /// <summary>This machine's, now; null off Linux or when the file cannot be read.</summary>
    public static MachineMemory? Read()
    {
        try
        {
            return Parse(File.ReadLines("/proc/meminfo"));
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>MemTotal and MemAvailable (kB) from the lines of a meminfo file; null when either is missing or unreadable.</summary>
    public static MachineMemory? Parse(IEnumerable<string> lines)
    {
        long? total = null, available = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal)) total = Kilobytes(line);
            else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)) available = Kilobytes(line);
        }
        return total is { } t && available is { } a ? new MachineMemory(t, a) : null;
    }

    private static long? Kilobytes(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long kb) ? kb * 1024 : null;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Support;

/// <summary>What a running node process has written (log, trace) and what the system says about it (memory, descriptor limit), read while it runs.</summary>
public static class NodeFiles
{
    public static string[] LogLines(NodeProcess p)
    {
        if (!Directory.Exists(p.OutDir)) return []; // LISTENING comes before the node makes its output directory
        var path = Directory.GetFiles(p.OutDir, "*.txt").SingleOrDefault();
        if (path == null) return [];
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The trace so far; a line being written right now may be cut, so unparsable lines are skipped.</summary>
    public static List<TraceEvent> TraceOf(NodeProcess p)
    {
        var events = new List<TraceEvent>();
        if (!File.Exists(p.TracePath)) return events;
        using var reader = new StreamReader(new FileStream(p.TracePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (reader.ReadLine() is { } line)
        {
            try { events.Add(TraceJson.Parse(Encoding.UTF8.GetBytes(line))); }
            catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException) { }
        }
        return events;
    }

    public static long RssKiB(NodeProcess p)
    {
        try
        {
            var line = File.ReadLines($"/proc/{p.Pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line == null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>CPU time the process has used so far (user and system), from /proc; 0 where it cannot be read.</summary>
    public static double CpuSeconds(NodeProcess p)
    {
        try
        {
            // The fields after the command name (which may hold spaces, hence the last ')'): utime and stime are the 12th and 13th, in clock ticks of 1/100 s.
            string stat = File.ReadAllText($"/proc/{p.Pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>The descriptors the process has open now, from /proc; -1 once it has gone.</summary>
    public static int OpenDescriptors(NodeProcess p)
    {
        try
        {
            return Directory.GetFileSystemEntries($"/proc/{p.Pid}/fd").Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>The soft limit on open files (ulimit -n), from /proc; 1024 (a common default) where it cannot be read.</summary>
    public static int OpenFileLimit()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").First(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return soft == "unlimited" ? int.MaxValue : (int)Math.Min(int.MaxValue, long.Parse(soft, CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
        {
            return 1024;
        }
    }
}

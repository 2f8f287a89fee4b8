using System.Buffers;
using System.Text;
using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Stats;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Real;

/// <summary>Turns the nodes' own outputs into one run's results: a merged trace, logs/, outputfile.txt.</summary>
public static class RealResults
{
    /// <summary>
    /// The run's results from what the nodes wrote under <paramref name="nodesDir"/> (one folder
    /// a node: trace.jsonl and its output file) and the launcher's own events: merged trace,
    /// logs, statistics and checks. The same for every launcher (processes, in-process, namespace bed).
    /// </summary>
    /// <param name="origin">The scenario's time zero (after the start-up grace): fault times in the results read as the scenario wrote them.</param>
    public static (RunSummary summary, RunStatistics stats) Summarize(Scenario s, ulong seed, string runtime, string nodesDir, IEnumerable<TraceEvent> launcherEvents, string outDir, TimeSpan origin, TimeSpan wall)
    {
        var merged = MergeTraces(nodesDir, launcherEvents, outDir);
        var stats = new RunStatistics(origin);
        var checks = new TraceChecks(ScenarioChecks.BoundsOf(s, ScenarioConfig.DurationOf(s)), stats, origin);
        foreach (var e in merged) { stats.Write(e); checks.Write(e); }
        CollectLogs(nodesDir, outDir, s.Seeds + s.Peers);
        // Everything the nodes wrote is now in trace.jsonl.gz and logs/: their raw folders would only double the output.
        Directory.Delete(nodesDir, recursive: true);
        var summary = new RunSummary { Scenario = s.Name!, Runtime = runtime, Seed = seed, Seeds = s.Seeds, Peers = s.Peers };
        stats.FillSummary(summary);
        summary.Checks = checks.Results();
        summary.WallSeconds = Math.Round(wall.TotalSeconds, 3);
        summary.Events = merged.Count;
        summary.EventsPerSecond = Math.Round(merged.Count / Math.Max(1e-9, wall.TotalSeconds));
        summary.TraceHash = null; // real runs are not reproducible byte for byte
        summary.TraceLines = merged.Count;
        return (summary, stats);
    }

    /// <summary>Reads every node's trace (a SIGKILLed node's ends at its last flushed line), adds the launcher's events, sorts by time, writes one trace (compressed) into <paramref name="outDir"/>.</summary>
    public static List<TraceEvent> MergeTraces(string nodesDir, IEnumerable<TraceEvent> launcherEvents, string outDir)
    {
        var all = new List<(TraceEvent e, int order)>();
        int order = 0;
        foreach (var file in Directory.GetFiles(nodesDir, "trace.jsonl", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            int lineNo = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNo++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                try { all.Add((TraceJson.Parse(Encoding.UTF8.GetBytes(line)), order++)); }
                catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
                {
                    // A node killed mid-write can leave half a line at the end: that line alone is dropped.
                    Console.Error.WriteLine($"warning: {file}:{lineNo}: unreadable trace line skipped ({ex.Message})");
                }
            }
        }
        foreach (var e in launcherEvents) all.Add((e, order++));
        var sorted = all.OrderBy(x => x.e.Time).ThenBy(x => x.order).Select(x => x.e).ToList();
        using var stream = Analysis.Trace.TraceFile.Create(outDir);
        var buf = new ArrayBufferWriter<byte>(1 << 16);
        foreach (var e in sorted)
        {
            TraceJson.Format(e, buf);
            if (buf.WrittenCount > 60_000) { stream.Write(buf.WrittenSpan); buf.ResetWrittenCount(); }
        }
        stream.Write(buf.WrittenSpan);
        return sorted;
    }

    /// <summary>logs/ gets each node's output file (moved); outputfile.txt their lines merged by time stamp, or for a large run those about failures.</summary>
    public static void CollectLogs(string nodesDir, string outDir, int nodeCount)
    {
        var keep = Results.NodeLogs.OutputFileFilter(nodeCount);
        string logs = Path.Combine(outDir, "logs");
        if (Directory.Exists(logs)) Directory.Delete(logs, recursive: true);
        Directory.CreateDirectory(logs);
        var lines = new List<(string stamp, int order, string text)>();
        int order = 0;
        foreach (var dir in Directory.GetDirectories(nodesDir).OrderBy(d => d, StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(dir, "*.txt"))
            {
                string name = Path.GetFileName(file);
                string kept = Path.Combine(logs, name);
                File.Move(file, kept, overwrite: true);
                string node = Path.GetFileNameWithoutExtension(file);
                foreach (var line in File.ReadLines(kept))
                {
                    // "yyyy-MM-dd HH:mm:ss.fff text": the stamp sorts as text.
                    string stamp = line.Length >= 23 ? line[..23] : line;
                    string text = line.Length > 24 ? line[24..] : "";
                    if (keep(text)) lines.Add((stamp, order++, $"{stamp} [{node}] {text}"));
                }
            }
        }
        var header = Results.NodeLogs.OutputFileHeader(nodeCount) is { } h ? new[] { h } : [];
        File.WriteAllLines(Path.Combine(outDir, "outputfile.txt"), header.Concat(lines.OrderBy(l => l.stamp, StringComparer.Ordinal).ThenBy(l => l.order).Select(l => l.text)));
    }
}

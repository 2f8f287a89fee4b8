using System.Buffers;
using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Wan;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>What the nodes' outputs give a run's summary: statistics and checks over their merged trace, and its events.</summary>
public sealed record NodeOutputs(RunStatistics Stats, TraceChecks Checks, int Events);

/// <summary>Turns the nodes' own outputs into one run's results: a merged trace, logs/, outputfile.txt.</summary>
public static class RealResults
{
    /// <summary>
    /// The run's results from what the nodes wrote under <paramref name="nodesDir"/> (one folder
    /// a node: trace.jsonl and its output file) and the launcher's own events: merged trace,
    /// logs, statistics and checks. The same for every launcher (processes, in-process, namespace bed).
    /// </summary>
    /// <param name="origin">The scenario's time zero (after the start-up grace): fault times in the results read as the scenario wrote
    /// them.</param>
    /// <param name="runEndSeconds">When the run ended on the scenario's clock (it moves after a fault applied late): the checks'
    /// end.</param>
    /// <param name="places">Where the nodes are on the measured Internet, when the runtime applied the wan model: the summary's wan
    /// section.</param>
    public static NodeOutputs Gather(Scenario s, string nodesDir, IEnumerable<TraceEvent> launcherEvents, string outDir, TimeSpan origin,
        double runEndSeconds, NodePlaces? places = null)
    {
        var outputs = Gather(s, NodeFolders(nodesDir), launcherEvents, outDir, origin, moveLogs: true, runEndSeconds, places);
        // Everything the nodes wrote is now in trace.jsonl.gz and logs/: their raw folders would only double the output.
        Directory.Delete(nodesDir, recursive: true);
        return outputs;
    }

    /// <summary>The same, from node folders anywhere (<c>collect</c>: folders copied from several hosts, which are left as they
    /// are).</summary>
    public static NodeOutputs Gather(Scenario s, IReadOnlyList<string> nodeDirs, IEnumerable<TraceEvent> launcherEvents, string outDir,
        TimeSpan origin, bool moveLogs = false, double? runEndSeconds = null, NodePlaces? places = null)
    {
        var merged = Merge(ReadTraces(nodeDirs), launcherEvents);
        WriteTrace(merged, outDir);
        var stats = new RunStatistics(origin, places: places);
        var checks = RunSummaries.Checks(s, stats, origin, runEndSeconds);
        foreach (var e in merged) { stats.Write(e); checks.Write(e); }
        CollectLogs(nodeDirs, outDir, launcherEvents, s.Seeds + s.Peers, moveLogs);
        return new NodeOutputs(stats, checks, merged.Count);
    }

    /// <summary>The node folders under <paramref name="nodesDir"/> (one a node: its trace.jsonl, log, status.json), in name
    /// order.</summary>
    public static IReadOnlyList<string> NodeFolders(string nodesDir) =>
        Directory.GetFiles(nodesDir, "trace.jsonl", SearchOption.AllDirectories)
            .Select(f => Path.GetDirectoryName(f)!).OrderBy(d => d, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Every node's trace, in folder order then line order (a SIGKILLed node's ends at its last
    /// flushed line). A trace that reached its cap has its older part in trace.jsonl.1, read first.
    /// </summary>
    public static List<TraceEvent> ReadTraces(IEnumerable<string> nodeDirs)
    {
        var all = new List<TraceEvent>();
        foreach (var dir in nodeDirs)
        {
            foreach (var file in RealNet.Host.TraceFileSink.PartsOf(Path.Combine(dir, "trace.jsonl")))
            {
                // A node killed mid-write can leave half a line at the end: that line alone is dropped.
                all.AddRange(Analysis.Trace.TraceFile.Read(file, skipped: line => Console.Error.WriteLine("warning: " + line)));
            }
        }
        return all;
    }

    /// <summary>The nodes' events and the launcher's, sorted by time; equal times keep the order they were given in.</summary>
    public static List<TraceEvent> Merge(IEnumerable<TraceEvent> nodeEvents, IEnumerable<TraceEvent> launcherEvents) =>
        nodeEvents.Concat(launcherEvents).Select((e, order) => (e, order))
            .OrderBy(x => x.e.Time).ThenBy(x => x.order).Select(x => x.e).ToList();

    /// <summary>The run's one trace file (compressed), in <paramref name="outDir"/>.</summary>
    public static void WriteTrace(IReadOnlyList<TraceEvent> sorted, string outDir)
    {
        using var stream = Analysis.Trace.TraceFile.Create(outDir);
        var buf = new ArrayBufferWriter<byte>(1 << 16);
        foreach (var e in sorted)
        {
            TraceJson.Format(e, buf);
            if (buf.WrittenCount > 60_000) { stream.Write(buf.WrittenSpan); buf.ResetWrittenCount(); }
        }
        stream.Write(buf.WrittenSpan);
    }

    /// <summary>
    /// logs/ gets each node's output file (moved, or copied from folders a user gave);
    /// outputfile.txt their lines merged by time stamp, each tagged with its node (for a large run
    /// only those about failures), and the run's own events (a crash, a partition), tagged [run]:
    /// a node's log cannot say that it was killed.
    /// </summary>
    public static void CollectLogs(IEnumerable<string> nodeDirs, string outDir, IEnumerable<TraceEvent> runEvents, int nodeCount, bool move)
    {
        var keep = Results.NodeLogs.OutputFileFilter(nodeCount);
        string logs = Path.Combine(outDir, "logs");
        if (Directory.Exists(logs)) Directory.Delete(logs, recursive: true);
        Directory.CreateDirectory(logs);
        var lines = new List<(string stamp, int order, string text)>();
        int order = 0;
        foreach (var dir in nodeDirs)
        {
            foreach (var (node, file) in LogParts(dir))
            {
                string kept = Path.Combine(logs, Path.GetFileName(file));
                if (move) File.Move(file, kept, overwrite: true);
                else File.Copy(file, kept, overwrite: true);
                foreach (var line in File.ReadLines(kept))
                {
                    // "yyyy-MM-dd HH:mm:ss.fff text": the stamp sorts as text.
                    string stamp = line.Length >= 23 ? line[..23] : line;
                    string text = line.Length > 24 ? line[24..] : "";
                    if (keep(text)) lines.Add((stamp, order++, $"{stamp} [{node}] {text}"));
                }
            }
        }
        foreach (var e in runEvents)
        {
            if (RunLine(e) is not { } text) continue;
            // The nodes stamp their lines with this machine's local time; so is the run's line.
            string stamp = new DateTime(DateTime.UnixEpoch.Ticks + e.Time.Ticks, DateTimeKind.Utc).ToLocalTime()
                .ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
            lines.Add((stamp, order++, $"{stamp} [run] {text}"));
        }
        var header = Results.NodeLogs.OutputFileHeader(nodeCount) is { } h ? new[] { h } : [];
        File.WriteAllLines(Path.Combine(outDir, "outputfile.txt"), header.Concat(lines.OrderBy(l => l.stamp, StringComparer.Ordinal)
            .ThenBy(l => l.order).Select(l => l.text)));
    }

    /// <summary>A node folder's output files with their node's name: a log that reached its cap has its older part in &lt;file&gt;.1
    /// (NodeLog), listed first.</summary>
    private static IEnumerable<(string Node, string File)> LogParts(string dir) =>
        Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal)
            .SelectMany(current => new[] { current + ".1", current }.Where(File.Exists)
                .Select(f => (Path.GetFileNameWithoutExtension(current), f)));

    /// <summary>A run event as a line of outputfile.txt; null for one that says nothing to a reader.</summary>
    public static string? RunLine(in TraceEvent e) => e.Kind switch
    {
        TraceKind.CrashInjected when e.Detail == ByHandRun.Inferred =>
            $"crash: peer {e.Node} stopped here without a clean stop (its last sign of life), and the seeds removed it",
        TraceKind.CrashInjected => $"crash: {e.Detail} {e.Node} killed (SIGKILL){(e.Detail == "peer" ? $", degree {e.A}" : "")}",
        TraceKind.Restarted => $"restart: {e.Detail} {e.Node} started again",
        TraceKind.Partitioned => $"partition: {e.Detail}",
        TraceKind.Healed => "partition healed",
        TraceKind.LossChanged => $"message loss now {e.Detail}",
        TraceKind.LatencyChanged => $"latency: {e.Detail}",
        TraceKind.RunEnded => "run ended: every node is stopped",
        _ => null,
    };
}

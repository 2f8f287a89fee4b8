using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// The body of <c>collect</c>: a network started by hand (seeds and peers of the RealNet
/// executable, on one machine or several) becomes a run's results, as a scenario run's are: the
/// nodes' folders are read as the real orchestrator reads its own (one merged trace, logs/,
/// outputfile.txt), crashes nobody recorded are found in the traces, and the same results
/// writer adds summary.json, the checks, the plots and report.html. It lives beside the real
/// runs (not in Analysis) because it reuses their results path whole.
/// </summary>
public static class ByHandCollection
{
    /// <summary>Writes the results of the nodes in <paramref name="folders"/> to <paramref name="outDir"/>.</summary>
    /// <exception cref="ScenarioException">A folder is missing or holds no node, the nodes are not a run, or the results folder is in
    /// use.</exception>
    public static RunResult Collect(IReadOnlyList<string> folders, string outDir, Action<string> say, string commandLine)
    {
        var wall = Stopwatch.StartNew();
        var nodeDirs = new List<string>();
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder)) throw new ScenarioException($"{folder}: no such folder");
            // A results folder (its merged trace beside a summary.json) is no node's, a collect of the same folders before.
            var found = RealResults.NodeFolders(Path.GetFullPath(folder))
                .Where(d => !File.Exists(Path.Combine(d, "summary.json"))).ToList();
            if (found.Count == 0)
                throw new ScenarioException($"{folder}: holds no node folder (a node folder has the trace.jsonl that 'seed' or 'peer' "
                    + $"writes under its --out folder)");
            nodeDirs.AddRange(found);
        }
        nodeDirs = nodeDirs.Distinct().ToList();
        outDir = Path.GetFullPath(outDir);
        using var held = RunFolderLock.Take(outDir);

        var events = RealResults.ReadTraces(nodeDirs);
        var roles = events.Where(e => e.Kind == TraceKind.NodeStarted).GroupBy(e => e.Node).ToDictionary(g => g.Key, g => g.First().Detail);
        int seeds = roles.Count(r => r.Value == "seed"), peers = roles.Count(r => r.Value == "peer");
        if (seeds == 0 || peers == 0)
            throw new ScenarioException($"found {seeds} seed(s) and {peers} peer(s) in {nodeDirs.Count} node folder(s): a run "
                + $"needs at least one of each");
        var sorted = RealResults.Merge(events, []);
        var origin = sorted[0].Time;
        var lastStatus = LastStatusTimes(nodeDirs);
        var crashes = ByHandRun.Crashes(sorted, a => lastStatus.GetValueOrDefault(a));
        foreach (var c in crashes)
            say($"crash found: {c.Node} (degree {c.A}) stopped without a clean stop at t={(c.Time - origin).TotalSeconds:F1} "
                + $"s, and the seeds removed it");

        string scenarioPath = Path.Combine(outDir, "scenario.json");
        File.WriteAllText(scenarioPath, ScenarioJson(Path.GetFileName(outDir), seeds, peers,
            (sorted[^1].Time - origin).TotalSeconds, nodeDirs, folders));
        Scenario scenario;
        try { scenario = ScenarioLoader.Load(scenarioPath); }
        catch (ScenarioException ex)
        {
            throw new ScenarioException($"the nodes' settings (config.json) do not make a valid run: {ex.Message}");
        }
        say($"collecting {seeds} seeds and {peers} peers from {nodeDirs.Count} node folders "
            + $"into {Path.GetRelativePath(Environment.CurrentDirectory, outDir)}/");
        // The nodes stopped at the end did not leave: the run ended, as a launcher says when it stops them.
        var runEvents = crashes.ToList();
        if (ByHandRun.End(sorted) is { } end) runEvents.Add(new TraceEvent(end - TimeSpan.FromTicks(1), TraceKind.RunEnded, default));
        var took = wall.Elapsed;
        var nodes = RealResults.Gather(scenario, nodeDirs, runEvents, outDir, origin);
        // The nodes ran elsewhere: this process's memory is not theirs.
        var summary = RunSummaries.Of(scenario, RuntimeNames.Real, 0, nodes.Stats, nodes.Checks, took, nodes.Events,
            nodes.Events, measuredHere: false);
        summary.Extra = new Dictionary<string, object>
        {
            ["collectedFrom"] = folders.ToList(),
            ["timeOriginUnixSeconds"] = Math.Round(origin.TotalSeconds, 3),
            ["crashesFoundInTraces"] = crashes.Select(c => c.Node.ToString()).ToList(),
        };
        var result = new RunResult(summary, nodes.Stats, outDir);
        var options = new RunOptions { CommandLine = commandLine, ReproCommand = commandLine };
        ResultsWriter.Write(result, scenario, scenarioPath, options, say);
        return result;
    }

    /// <summary>The time in each node's status.json: it is rewritten every second while the node lives.</summary>
    private static Dictionary<NodeAddress, TimeSpan> LastStatusTimes(IEnumerable<string> nodeDirs)
    {
        var times = new Dictionary<NodeAddress, TimeSpan>();
        foreach (var dir in nodeDirs)
            if (NodeStatus.Read(dir) is { } s && s.TryGetProperty("address", out var a) && s.TryGetProperty("t", out var t)
                && NodeAddress.TryParse(a.GetString() ?? "", out var address, out _) && t.TryGetDouble(out double seconds))
                times[address] = TimeSpan.FromSeconds(seconds);
        return times;
    }

    /// <summary>
    /// The run as a scenario file: who took part, and the settings the nodes ran with (each
    /// node's config.json holds them by their scenario names; the first peer's and seed's are taken).
    /// </summary>
    private static string ScenarioJson(string name, int seeds, int peers, double seconds, IEnumerable<string> nodeDirs,
        IEnumerable<string> folders)
    {
        var root = new JsonObject
        {
            ["name"] = name,
            ["description"] = $"{seeds} seeds and {peers} peers started by hand, gathered by collect from {string.Join(", ", folders)}",
            ["runtime"] = RuntimeNames.Real,
            ["seeds"] = seeds,
            ["peers"] = peers,
            ["joinWindowSeconds"] = 0,
            ["durationSeconds"] = Math.Max(1, Math.Ceiling(seconds)),
            ["realStartupSeconds"] = 0,
        };
        foreach (var dir in nodeDirs)
        {
            string path = Path.Combine(dir, "config.json");
            if (!File.Exists(path)) continue;
            JsonNode? config;
            try { config = JsonNode.Parse(File.ReadAllText(path)); }
            catch (JsonException) { continue; } // a node killed while writing it: another node's will do
            foreach (var section in new[] { "gossip", "peerSettings", "seedSettings" })
                if (root[section] == null && config?[section] is JsonObject o) root[section] = o.DeepClone();
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}

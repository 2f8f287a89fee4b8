using System.Diagnostics;
using System.Text.Json;
using GossipSim.Analysis.Stats;
using GossipSim.Engine.Config;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Real;
using GossipSim.Scenarios.Sim;

namespace GossipSim.Scenarios.Netns;

/// <summary>
/// The "netns" runtime: the scenario on the namespace test bed. Every seed and peer is the real
/// node executable in its own network namespace with its own address (as on separate hosts);
/// the scenario's latency model is applied by the delaying relay on the router, partitions and
/// loss by nftables there, crashes by SIGKILL. Results are the same files as the other runtimes.
/// The bed is torn down at the end, on an error, and on Ctrl-C / SIGTERM.
/// </summary>
public static class NetnsRunner
{
    /// <summary>Each node process costs ~35 MB, as on loopback.</summary>
    public const int MaxPeers = 300;

    public static RunResult Run(Scenario s, RunOptions o, string outDir, Action<string> say)
    {
        if (NetnsBed.Unavailable() is { } why)
            throw new NamespacesUnavailableException($"the netns runtime cannot run on this machine: {why}");
        if (s.Peers > MaxPeers)
            throw new ScenarioException($"the netns runtime starts one process per node (about 35 MB each); {s.Peers} peers is more than the {MaxPeers} it allows: run it with --runtime sim");
        if (s.Churn != null) throw new ScenarioException("churn is simulator-only; the netns runtime does not run it");
        string dir = AppContext.BaseDirectory;
        string nodeDll = Path.Combine(dir, "GossipSim.RealNet.dll");
        string relayDll = Path.Combine(dir, "GossipSim.Scenarios.dll");
        foreach (var f in new[] { nodeDll, relayDll })
            if (!File.Exists(f)) throw new ScenarioException($"{f} is missing: build the solution first (dotnet build)");
        foreach (var f in s.Faults.Where(f => f.Action == "duplication"))
            say($"note: fault 'duplication' at {f.At} s is skipped on the bed: TCP delivers each byte once (the simulator applies it)");
        if (s.Network.Duplication > 0 || s.Network.ReorderRate > 0)
            say("note: network.duplication and network.reorderRate are skipped on the bed: TCP delivers each byte once and in order");

        // Each node's stdout and stderr are read by a thread-pool thread blocked on its pipe.
        // Without enough threads up front the pool grows by a couple a second, and everything
        // else it runs (signal handlers: Ctrl-C teardown, process exits) waits that long.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 2 * (s.Seeds + s.Peers + 1) + 16), io);

        ulong seed = o.SeedOverride ?? s.Seed;
        Directory.CreateDirectory(outDir);
        string nodesDir = Path.Combine(outDir, "nodes");
        if (Directory.Exists(nodesDir)) Directory.Delete(nodesDir, recursive: true);
        Directory.CreateDirectory(nodesDir);
        // The relay reads the latency model from the scenario itself: the simulator's model, by the same code.
        string relayScenario = Path.Combine(outDir, "netns-relay-scenario.json");
        File.WriteAllText(relayScenario, JsonSerializer.Serialize(s, Scenario.JsonOptions));
        var seedAddresses = Enumerable.Range(0, s.Seeds).Select(BedAddresses.Seed).ToArray();
        string seedFile = Path.Combine(outDir, "seeds.txt");
        File.WriteAllText(seedFile, SeedListFile.Format(seedAddresses));

        var wall = Stopwatch.StartNew();
        say($"building the namespace bed: {s.Seeds + s.Peers + 1} namespaces (one per node, one router) on {BedAddresses.Subnet}");
        using var bed = NetnsBed.Build(s.Seeds, s.Peers);
        say($"bed {bed.Name} built in {wall.Elapsed.TotalSeconds:F1} s");
        var run = new NetnsRun(s, seed, bed, nodeDll, relayDll, relayScenario, seedFile, nodesDir, outDir, say);
        try
        {
            return run.Execute(wall, o);
        }
        finally
        {
            run.StopEverything();
        }
    }

    /// <summary>Whether `tc netem` works in a namespace here (recorded in the results; the bed uses its relay either way, so runs compare across machines).</summary>
    public static bool NetemAvailable(NetnsBed bed)
    {
        bool ok = Shell.Run("ip", new[] { "netns", "exec", bed.Router, "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms" }).Ok;
        if (ok) Shell.Run("ip", new[] { "netns", "exec", bed.Router, "tc", "qdisc", "del", "dev", "lo", "root" });
        return ok;
    }

    internal static RunResult Collect(Scenario s, ulong seed, string nodesDir, string outDir, IEnumerable<TraceEvent> launcherEvents,
        TimeSpan t0, Stopwatch wall, long peakWorkingSetBytes, Dictionary<string, object> extra)
    {
        var merged = RealResults.MergeTraces(nodesDir, launcherEvents, Path.Combine(outDir, "trace.jsonl"));
        var stats = new RunStatistics(t0);
        double startup = s.RealStartupSeconds ?? 1.0;
        var checks = new Analysis.Checks.TraceChecks(ScenarioChecks.BoundsOf(s, ScenarioConfig.DurationOf(s), startup), stats, t0);
        foreach (var e in merged) { stats.Write(e); checks.Write(e); }
        RealResults.CollectLogs(nodesDir, outDir);
        var summary = new RunSummary { Scenario = s.Name!, Runtime = "netns", Seed = seed, Seeds = s.Seeds, Peers = s.Peers };
        stats.FillSummary(summary);
        summary.Checks = checks.Results();
        summary.WallSeconds = Math.Round(wall.Elapsed.TotalSeconds, 3);
        summary.Events = merged.Count;
        summary.EventsPerSecond = Math.Round(merged.Count / Math.Max(1e-9, wall.Elapsed.TotalSeconds));
        summary.TraceHash = null; // real processes are not reproducible byte for byte
        summary.TraceLines = merged.Count;
        summary.PeakWorkingSetBytes = peakWorkingSetBytes;
        extra["timeOriginUnixSeconds"] = Math.Round(t0.TotalSeconds, 3);
        summary.Extra = extra;
        return new RunResult(summary, stats, outDir);
    }
}

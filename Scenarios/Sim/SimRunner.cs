using System.Diagnostics;
using GossipSim.Analysis.Stats;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Simulation;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;

namespace GossipSim.Scenarios.Sim;

/// <summary>What a finished run hands to the results writer.</summary>
public sealed record RunResult(RunSummary Summary, RunStatistics Statistics, string OutDir);

/// <summary>Runs a scenario on the deterministic simulator: a pure function of (scenario, seed).</summary>
public static class SimRunner
{
    public static RunResult Run(Scenario s, RunOptions o, string outDir, Action<string> say)
    {
        ulong seed = o.SeedOverride ?? s.Seed;
        bool detail = s.Peers <= RunOptions.AutoDetailMaxPeers;
        bool logs = o.Logs ?? detail;
        bool traceFile = o.TraceFile ?? detail;
        Directory.CreateDirectory(outDir);
        var wall = Stopwatch.StartNew();

        using var traceStream = traceFile ? new FileStream(Path.Combine(outDir, "trace.jsonl"), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20) : null;
        if (!traceFile) File.Delete(Path.Combine(outDir, "trace.jsonl"));
        using var jsonl = new JsonlTraceSink(traceStream);
        var stats = new RunStatistics();
        var latency = ScenarioConfig.LatencyOf(s);
        var net = new SimNetwork(seed, latency, new TraceFanout(jsonl, stats)) { LossRate = s.Network.Loss };
        using var nodeLogs = new NodeLogs(outDir, logs, logs ? _ => true : NodeLogs.IsFailureLine);
        SimNetwork.NodeLog write = nodeLogs.Write;
        var seedConfig = ScenarioConfig.SeedConfigOf(s);
        var peerConfig = ScenarioConfig.PeerConfigOf(s);

        var seedAddresses = Enumerable.Range(0, s.Seeds).Select(SimAddresses.Seed).ToArray();
        var seedIndex = new int[s.Seeds];
        for (int i = 0; i < s.Seeds; i++)
        {
            nodeLogs.Register(seedAddresses[i], "seed");
            seedIndex[i] = net.AddNode(seedAddresses[i], inc => new SeedNode(seedConfig, seedAddresses, inc), TimeSpan.Zero);
        }

        var originates = ChooseOrigins(s, seed);
        var originConfig = peerConfig with { Originates = true };
        var silentConfig = peerConfig with { Originates = false };
        var peerIndex = new int[s.Peers];
        for (int i = 0; i < s.Peers; i++)
        {
            var address = SimAddresses.Peer(i);
            var config = originates[i] ? originConfig : silentConfig;
            var start = TimeSpan.FromSeconds(s.Peers == 1 ? 0 : s.JoinWindowSeconds * i / (s.Peers - 1)) + TimeSpan.FromMilliseconds(1);
            if (logs) nodeLogs.Register(address, "peer");
            peerIndex[i] = net.AddNode(address, inc => new PeerNode(config, seedAddresses, inc), start);
        }
        net.LogProvider = _ => write;
        // Detailed lines (every gossip receipt, link, list) are built only where per-node logs are kept.
        net.DetailedLogs = logs;

        var faultRng = Rng.ForStream(seed, ulong.MaxValue - 1, 0x4641554C54);
        new FaultScheduler(net, s, seedIndex, peerIndex, faultRng, say).ScheduleAll();

        double duration = ScenarioConfig.DurationOf(s);
        say($"running {s.Name} on the simulator: {s.Seeds} seeds, {s.Peers} peers, seed {seed}, {duration:F0} s of virtual time, latency {latency.Describe()}, loss {s.Network.Loss:P1}, {s.Faults.Count} faults; trace file {(traceFile ? "on" : "off (hash only)")}, per-node logs {(logs ? "on" : "off")}");
        var progress = new ProgressLine(o.Quiet, duration);
        net.RunUntil(TimeSpan.FromSeconds(duration), n => progress.Update(n, CountLive(n, peerIndex)), 250_000);
        net.StopAll();
        progress.Done();
        wall.Stop();

        var summary = new RunSummary
        {
            Scenario = s.Name!,
            Runtime = "sim",
            Seed = seed,
            Seeds = s.Seeds,
            Peers = s.Peers,
        };
        stats.FillSummary(summary);
        summary.SimulatedSeconds = net.Now.TotalSeconds;
        summary.WallSeconds = Math.Round(wall.Elapsed.TotalSeconds, 3);
        summary.Events = net.EventsProcessed;
        summary.EventsPerSecond = Math.Round(net.EventsProcessed / Math.Max(1e-9, wall.Elapsed.TotalSeconds));
        summary.TraceHash = jsonl.HashText();
        summary.TraceLines = jsonl.Lines;
        summary.PeakWorkingSetBytes = Process.GetCurrentProcess().PeakWorkingSet64;
        summary.Extra = new Dictionary<string, object>
        {
            ["messagesSent"] = net.MessagesSent,
            ["messagesDropped"] = net.MessagesDropped,
            ["latencyModel"] = latency.Describe(),
        };
        return new RunResult(summary, stats, outDir);
    }

    private static int CountLive(SimNetwork n, int[] peerIndex)
    {
        int live = 0;
        foreach (int i in peerIndex) if (n.IsAlive(i)) live++;
        return live;
    }

    /// <summary>Which peers create gossip: all (classic), or k drawn from the run's own stream.</summary>
    private static bool[] ChooseOrigins(Scenario s, ulong seed)
    {
        int k = ScenarioConfig.OriginsOf(s);
        var result = new bool[s.Peers];
        if (k < 0) { Array.Fill(result, true); return result; }
        var rng = Rng.ForStream(seed, ulong.MaxValue - 2, 0x4F524947);
        var order = Enumerable.Range(0, s.Peers).ToArray();
        rng.Shuffle(order.AsSpan());
        foreach (int i in order.Take(k)) result[i] = true;
        return result;
    }
}

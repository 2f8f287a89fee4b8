using System.Diagnostics;
using System.Text.Json;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Bench.Flood;

namespace GossipSim.Scenarios.Bench;

/// <summary>
/// `bench flood`: the PeerSim comparison workload (a Barabasi-Albert overlay wired directly,
/// uniform link latency, K origins each flooding one message at time 0) on our simulator.
/// Prints one JSON line; progress goes to stderr.
/// </summary>
public static class FloodBench
{
    public static int Run(int peers, int links, int origins, ulong seed, double minMs, double maxMs, bool quiet)
    {
        if (peers < links + 1) { Console.Error.WriteLine($"error: --peers must be at least --links + 1 ({links + 1})"); return 2; }
        if (origins < 1 || origins > peers) { Console.Error.WriteLine($"error: --origins must be 1 to {peers}"); return 2; }
        if (minMs <= 0 || maxMs < minMs || maxMs >= 65) { Console.Error.WriteLine("error: latency must satisfy 0 < --min-ms <= --max-ms < 65"); return 2; }

        var total = Stopwatch.StartNew();
        var graph = OverlayGraph.BarabasiAlbert(peers, links, RngStreams.FloodGraph(seed));
        double buildSeconds = total.Elapsed.TotalSeconds;
        if (!quiet) Console.Error.WriteLine($"overlay: {peers:N0} peers, {graph.Links:N0} links (Barabasi-Albert, {links} per newcomer) built in {buildSeconds:F2} s; flooding {origins} messages...");
        var sim = Stopwatch.StartNew();
        double lastPrint = 0;
        var result = FloodSimulation.Run(graph, origins, minMs, maxMs, RngStreams.FloodLatency(seed), quiet ? null : (nowUs, deliveries, pending) =>
        {
            if (sim.Elapsed.TotalSeconds - lastPrint < 1) return;
            lastPrint = sim.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"  t={nowUs / 1000.0,8:F1} ms  deliveries {deliveries,14:N0}  in flight {pending,12:N0}  {deliveries / sim.Elapsed.TotalSeconds / 1e6,6:F1} M/s");
        });
        sim.Stop();
        total.Stop();
        var line = new Dictionary<string, object>
        {
            ["peers"] = result.Peers,
            ["links"] = result.Links,
            ["origins"] = result.Origins,
            ["deliveries"] = result.Deliveries,
            ["firstReceipts"] = result.FirstReceipts,
            ["events"] = result.Events,
            ["wallSeconds"] = Math.Round(total.Elapsed.TotalSeconds, 3),
            ["buildSeconds"] = Math.Round(buildSeconds, 3),
            ["floodSeconds"] = Math.Round(sim.Elapsed.TotalSeconds, 3),
            ["eventsPerSecond"] = Math.Round(result.Events / total.Elapsed.TotalSeconds),
            ["floodEventsPerSecond"] = Math.Round(result.Events / sim.Elapsed.TotalSeconds),
            ["peakInFlight"] = result.PeakInFlight,
            ["simulatedSeconds"] = Math.Round(result.SimulatedSeconds, 6),
            ["maxHops"] = result.MaxHops,
            ["peakWorkingSetBytes"] = Process.GetCurrentProcess().PeakWorkingSet64,
            ["seed"] = seed,
        };
        bool complete = result.FirstReceipts == (long)(peers - 1) * origins + 0 || result.FirstReceipts + origins == (long)peers * origins;
        line["reachedEveryPeer"] = complete;
        Console.WriteLine(JsonSerializer.Serialize(line));
        return complete ? 0 : 1;
    }
}

using System.Diagnostics;
using GossipSim.Bench.Flood;
using GossipSim.Simulator.Threads;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Bench;

/// <summary>
/// `bench flood`: the PeerSim comparison workload (a Barabasi-Albert overlay wired directly,
/// uniform link latency, K origins each flooding one message at time 0) on our simulator.
/// Prints one JSON line; progress goes to stderr.
/// </summary>
public static class FloodBench
{
    public static int Run(int peers, int links, int origins, ulong seed, double minMs, double maxMs, int threads,
        bool quiet, int? partitions = null)
    {
        if (peers < links + 1) { Console.Error.WriteLine($"error: --peers must be at least --links + 1 ({links + 1})"); return 2; }
        if (origins < 1 || origins > peers) { Console.Error.WriteLine($"error: --origins must be 1 to {peers}"); return 2; }
        if (peers > FloodSimulation.MaxNodes - 1) { Console.Error.WriteLine(
            $"error: --peers must be at most {FloodSimulation.MaxNodes - 1:N0} (24-bit peer ids)"); return 2; }
        if (origins > FloodSimulation.MaxFloods) { Console.Error.WriteLine(
            $"error: --origins must be at most {FloodSimulation.MaxFloods:N0} (16-bit flood ids)"); return 2; }
        if (minMs < 0.001) { Console.Error.WriteLine("error: --min-ms must be at least 0.001 (one microsecond): the smallest link delay is "
            + "the time window in which threads run apart"); return 2; }
        if (maxMs < minMs || maxMs >= 65) { Console.Error.WriteLine("error: latency must satisfy --min-ms <= --max-ms < 65"); return 2; }
        if (threads < 1) { Console.Error.WriteLine("error: --threads must be at least 1"); return 2; }
        int parts = FloodSimulation.PartitionsFor(peers, threads, partitions);
        if (parts < threads && !quiet)
            Console.Error.WriteLine($"threads: {parts}, not {threads}: a partition holds at least {PeerRanges.Alignment} peers");

        var total = Stopwatch.StartNew();
        var graph = OverlayGraph.BarabasiAlbert(peers, links, FloodStreams.Graph(seed));
        double buildSeconds = total.Elapsed.TotalSeconds;
        if (!quiet)
            Console.Error.WriteLine($"overlay: {peers:N0} peers, {graph.Links:N0} links (Barabasi-Albert, {links} per newcomer) built "
                + $"in {buildSeconds:F2} s; flooding {origins} messages...");
        var sim = Stopwatch.StartNew();
        double lastPrint = 0;
        var run = FloodSimulation.Run(graph, origins, minMs, maxMs, FloodStreams.Latency(seed), threads, ranges: parts,
            progress: quiet ? null : (nowUs, deliveries, pending) =>
        {
            if (sim.Elapsed.TotalSeconds - lastPrint < 1) return;
            lastPrint = sim.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"  t={nowUs / 1000.0,8:F1} ms  deliveries {deliveries,14:N0}  in "
                + $"flight {pending,12:N0}  {deliveries / sim.Elapsed.TotalSeconds / 1e6,6:F1} M/s");
        });
        sim.Stop();
        total.Stop();
        var result = run.Result;
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
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
            ["meanHops"] = Math.Round((double)result.TotalHops / result.FirstReceipts, 4),
            ["receiptHash"] = result.ReceiptHash.ToString("x16"),
            ["threads"] = run.Threads,
            ["partitions"] = run.Partitions,
            ["windows"] = run.Windows,
            ["deliveriesPerPartition"] = run.DeliveriesPerPartition,
            ["partitionBalance"] = Math.Round(run.DeliveriesPerPartition.Average() / run.DeliveriesPerPartition.Max(), 4),
            ["windowBalance"] = Math.Round(run.WindowBalance, 4),
            ["busySecondsPerPartition"] = run.BusyPerPartition.Select(b => Math.Round(b.TotalSeconds, 3)).ToArray(),
            ["firstReceiptsPerPartition"] = run.FirstReceiptsPerPartition,
            ["peersPerPartition"] = run.PeersPerPartition,
            ["floodEventsPerSecondPerThread"] = Math.Round(result.Events / sim.Elapsed.TotalSeconds / run.Threads),
            ["peakWorkingSetBytes"] = peak,
            ["bytesPerPeer"] = peak / peers,
            ["structureBytes"] = new Dictionary<string, long>
            {
                ["overlay"] = run.Bytes.Overlay, ["messageLists"] = run.Bytes.MessageLists, ["hops"] = run.Bytes.Hops,
                ["owners"] = run.Bytes.Owners, ["wheels"] = run.Bytes.Wheels, ["mail"] = run.Bytes.Mail, ["total"] = run.Bytes.Total,
            },
            ["seed"] = seed,
        };
        bool complete = result.FirstReceipts + origins == (long)peers * origins;
        line["reachedEveryPeer"] = complete;
        BenchLine.Print(line);
        return complete ? 0 : 1;
    }
}

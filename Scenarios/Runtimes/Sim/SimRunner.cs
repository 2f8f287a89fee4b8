using System.Diagnostics;
using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Trace;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Threads;
using GossipSim.Simulator.World;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Sim;

/// <summary>Runs a scenario on the deterministic simulator: a pure function of (scenario, seed).</summary>
public static class SimRunner
{
    public static RunResult Run(RunPlan plan, Action<string> say)
    {
        var (s, o, seed, outDir, ranks) = (plan.Scenario, plan.Options, plan.Seed, plan.OutDir, plan.Ranks);
        // On the ranks of an mpirun, every rank runs the same scenario but rank 0 alone writes: the
        // others' nodes' output reaches it through the network's mail.
        bool writes = plan.HoldsFolder;
        if (!writes) say = _ => { };
        var recorded = o.OperatorFile != null ? OperatorLog.Load(o.OperatorFile) : Array.Empty<(double, RunCommand)>();
        bool logs = o.Logs ?? s.Peers <= RunOptions.AutoLogsMaxPeers;
        bool traceFile = o.TraceFile ?? s.Peers <= RunOptions.AutoTraceMaxPeers;
        if (writes) Directory.CreateDirectory(outDir);
        var wall = Stopwatch.StartNew();
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes; // the machine's (or container's), before any ceiling
        using var ceiling = plan.HeapCeilingGiB is { } gib ? HeapCeiling.Apply(gib) : MachineCeiling(s, ranks, available);
        if (ceiling != null) say(ceiling.Line());
        if (SimMemory.Warning(s.Peers, SimMemory.MessagesOf(s), ceiling?.Bytes, available) is { } tight)
            say(tight);

        if (!writes) traceFile = false;
        else if (!traceFile) TraceFile.DeleteIn(outDir);
        using var traceStream = traceFile ? TraceFile.Create(outDir) : null;
        using var jsonl = new JsonlTraceSink(traceStream);
        var latency = ScenarioConfig.LatencyOf(s);
        var schedule = FaultParser.Parse(s);
        // The seeds the schedule's seed-set changes add follow the scenario's (seed indices s.Seeds upward), before the peers.
        int newSeeds = SeedSetFault.NewSeedsOf(schedule), allSeeds = s.Seeds + newSeeds;
        // Each move's new life has a place of its own after them, at the next seed address (the one rule counts it a seed), before
        // the peers: started when the move comes.
        int moves = VictimPicker.SeedMovesOf(schedule), seedPlaces = allSeeds + moves;
        // On the measured Internet the results place each node as the network does: the same model, run and seed.
        var stats = new RunStatistics(expectedNodes: seedPlaces + s.Peers, places: SimRuntime.Instance.PlacesOf(latency, seed, seedPlaces));
        double duration = ScenarioConfig.DurationOf(s);
        var checks = RunSummaries.Checks(s, stats);
        int nodes = s.Seeds + s.Peers;
        using var nodeLogs = writes ? new NodeLogs(outDir, logs, NodeLogs.OutputFileFilter(nodes)) : NodeLogs.Nowhere();
        if (NodeLogs.OutputFileHeader(nodes) is { } header) nodeLogs.Header(header);
        // The outputs run on a second thread, in the same order: the simulation thread only hands
        // them events. A live dashboard stays on this thread, so it sees each event as it happens
        // rather than a batch later.
        using var output = new OffThreadOutput(new TraceFanout(jsonl, stats, checks), nodeLogs.Write);
        ITraceSink trace = o.LiveTrace == null ? output : new TraceFanout(output, o.LiveTrace);
        int threads = plan.Threads;
        var net = new SimNetwork(seed, latency, trace, threads, SimThreads.On(threads), ranks: ranks) { LossRate = s.Network.Loss };
        NodeLog write = output.Log;
        var seedConfig = ScenarioConfig.SeedConfigOf(s);
        var peerConfig = ScenarioConfig.PeerConfigOf(s);

        net.Reserve(seedPlaces + s.Peers);
        var seedAddresses = Enumerable.Range(0, s.Seeds).Select(SimAddresses.Seed).ToArray();
        var seedIndex = new int[allSeeds];
        void AddSeed(int k, bool joining, TimeSpan start)
        {
            var address = SimAddresses.Seed(k);
            nodeLogs.Register(address, "seed");
            // The seed's store outlives its crashes: a restarted seed recovers from it as a real one does from its file.
            var store = new MemoryCommitStore();
            seedIndex[k] = net.AddNode(address, inc => new SeedNode(seedConfig, seedAddresses, inc, capacityHint: s.Peers,
                store: store, readAhead: Simulator.Prefetch.AsReadAhead, joining: joining), start);
        }
        for (int i = 0; i < s.Seeds; i++) AddSeed(i, joining: false, TimeSpan.Zero);
        // A new seed starts at its change's time with the network's seed list, which does not name it (joining): the vote brings it in.
        foreach (var add in schedule.OfType<SeedSetFault>())
            if (add.NewSeed is int k) AddSeed(k, joining: true, TimeSpan.FromSeconds(add.At));
        // A moved seed's next life: its name (where it first listened, which its key is pinned under; the move sets it, as moves
        // come in the order they are carried out) and an empty store.
        var moveNames = new NodeAddress[moves];
        var movePlaces = Enumerable.Range(0, moves).Select(m =>
        {
            var address = SimAddresses.Seed(allSeeds + m);
            nodeLogs.Register(address, "seed");
            // Empty at the move; kept from then on across the place's crashes and restarts, as a seed's store is.
            var store = new MemoryCommitStore();
            return net.AddStoppedNode(address, inc => new SeedNode(seedConfig, seedAddresses, inc, capacityHint: s.Peers,
                store: store, readAhead: Simulator.Prefetch.AsReadAhead, name: moveNames[m]));
        }).ToList();

        var originates = OriginPicker.Choose(s, seed);
        var originConfig = peerConfig with { Originates = true };
        var silentConfig = peerConfig with { Originates = false };
        var peerIndex = new List<int>(s.Peers);
        // One factory per kind of peer, shared: a million peers must not each hold a closure.
        Func<long, Node> originFactory = inc => new PeerNode(originConfig, seedAddresses, inc);
        Func<long, Node> silentFactory = inc => new PeerNode(silentConfig, seedAddresses, inc);
        // Peer i is the i-th added: the scenario's, then churn's newcomers, then the manager's.
        int AddPeer(Func<long, Node> factory, TimeSpan start)
        {
            var address = SimAddresses.Peer(peerIndex.Count);
            if (logs) nodeLogs.Register(address, "peer");
            int index = net.AddNode(address, factory, start);
            if (index != seedPlaces + peerIndex.Count) throw new InvalidOperationException("peers follow the seeds in index order (SimNodeSeeds)");
            peerIndex.Add(index);
            return peerIndex.Count - 1;
        }
        for (int i = 0; i < s.Peers; i++)
            AddPeer(originates[i] ? originFactory : silentFactory,
                TimeSpan.FromSeconds(JoinSchedule.StartSeconds(s, i)) + TimeSpan.FromMilliseconds(1));
        var churnRng = RunStreams.Churn(seed);
        // Newcomers originate like the others when every peer does; otherwise they only listen.
        var joinFactory = ScenarioConfig.OriginsOf(s) < 0 ? originFactory : silentFactory;
        if (s.Churn is { JoinsPerSecond: > 0 } churn)
        {
            double t = churn.From;
            while ((t += -Math.Log(1 - churnRng.NextDouble()) / churn.JoinsPerSecond) < churn.Until)
                AddPeer(joinFactory, TimeSpan.FromSeconds(t));
        }
        net.NodeSeeds = SimNodeSeeds.Of(seedPlaces, seed);
        net.LogProvider = _ => write;
        // Detailed lines (every gossip receipt, link, list) are built only where per-node logs are kept.
        net.DetailedLogs = logs;

        var faults = new FaultScheduler(net, seedIndex, peerIndex, seed, say, movePlaces, moveNames)
            { SeedDrainSeconds = 2 * peerConfig.MembershipRefresh.TotalSeconds, AddPeer = () => AddPeer(joinFactory, net.Now) };
        faults.ScheduleAll(schedule);
        if (s.Churn is { } c) faults.ScheduleAll(faults.Interpreter.ChurnLeaves(c), schedule.Count);
        net.DuplicationRate = s.Network.Duplication;
        net.ReorderRate = s.Network.ReorderRate;
        net.ReorderMaxDelay = TimeSpan.FromMilliseconds(s.Network.ReorderMaxDelayMs);

        say($"running {s.Name} on the simulator: {s.Seeds} seeds, {s.Peers} peers, seed {seed}, {duration:F0} s of virtual time; trace "
            + $"file {(traceFile ? "on" : "off (hash only)")}, per-node logs {(logs ? "on" : "off")}");
        foreach (var line in FaultModelLines(s, schedule, latency)) say("  " + line);
        say("  " + ThreadsLine(net));
        string collector = CollectorSettings.Describe();
        say("  " + CollectorSettings.Line(collector, ceiling));
        var manager = new SimManager(s, net, faults, seedIndex, peerIndex, () => AddPeer(joinFactory, net.Now));
        var progress = new ProgressLine(o.Quiet || !writes, duration);
        // On ranks every rank counts (a question to every rank), and rank 0 shows it.
        Action<SimNetwork> showProgress = ranks == null || o.Quiet
            ? n => progress.Update(n, () => CountLive(n, peerIndex))
            : n => { int live = CountLive(n, peerIndex); progress.Update(n, () => live); };
        if (recorded.Count > 0) say($"applying {recorded.Count} recorded manager command(s) from {o.OperatorFile} at their virtual times");
        if (o.Live is { } live)
        {
            live.Begin(s.Name!, duration, manager.Capabilities);
            say($"live: the simulation runs at the dashboard's pace and takes manager commands "
                + $"({string.Join(", ", RunCapability.Names(manager.Capabilities))})");
        }
        SimDriver.Run(net, TimeSpan.FromSeconds(duration), manager, recorded, o.Live, showProgress);
        net.StopAll();
        var rankPeaks = RankPeaks(ranks);
        output.Drain();
        progress.Done();
        wall.Stop();

        long events = net.EventsProcessed;
        double simulatedSeconds = net.Now.TotalSeconds;
        var extra = new Dictionary<string, object>
        {
            ["victims"] = faults.Interpreter.Victims.Select(v => v.ToString()).ToList(),
            ["messagesSent"] = net.MessagesSent,
            ["messagesDropped"] = net.MessagesDropped,
            ["messagesDuplicated"] = net.MessagesDuplicated,
            ["latencyModel"] = latency.Describe(),
            ["eventsByKind"] = net.EventsByKind(),
            ["threads"] = net.Threads,
            ["ranks"] = net.Ranks,
            ["partitions"] = net.Partitions,
            ["timeWindows"] = net.Windows,
            ["windowBalance"] = Math.Round(net.WindowBalance, 4),
            // What the garbage collector cost this run (the young generation's size is set in Properties/launchSettings.json).
            ["gcCollections"] = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) },
            ["gcPauseSeconds"] = Math.Round(GC.GetTotalPauseDuration().TotalSeconds, 3),
            ["gc"] = collector,
        };
        if (net.RankTimes is { } times) extra["rank0Exchange"] = times.ToSummary();
        // The ceiling asked for, and the limit the collector held the run to (its own figure, read while the ceiling stands).
        if (ceiling != null)
            extra["heapCeiling"] = new { bytes = ceiling.Bytes, collectorLimitBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, setBy = ceiling.Source };
        if (rankPeaks != null) extra[RunSummaryLines.RankPeaksField] = rankPeaks;
        if (manager.Applied.Count > 0 && writes)
        {
            extra[OperatorLog.SummaryField] = manager.Applied;
            OperatorLog.Save(Path.Combine(outDir, OperatorLog.FileName), manager.Applied);
            string record = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(outDir, OperatorLog.FileName));
            say($"manager commands recorded in {record}: the same run again with --seed {seed} --operator {record}");
        }
        LetGoOfTheNetwork(ref net, ref manager, ref faults);

        var summary = RunSummaries.Of(s, plan.Driver.Name, seed, stats, checks, wall.Elapsed, events, jsonl.Lines,
            traceHash: jsonl.HashText(), simulatedSeconds: simulatedSeconds);
        summary.Extra = extra;
        return new RunResult(summary, stats, outDir);
    }

    /// <summary>
    /// A ceiling of the run's own where this machine would bound it (<see cref="HeapCeiling.ForMachine"/>). Not on the ranks of an
    /// mpirun: each rank's process sees the whole machine and not the others', so none can size a share of it.
    /// </summary>
    private static HeapCeiling? MachineCeiling(Scenario s, Simulator.Ranks.IRankExchange? ranks, long collectorLimit)
    {
        if (ranks != null) return null;
        long estimate = SimMemory.Estimate(s.Peers, SimMemory.MessagesOf(s));
        var machine = MachineMemory.Read();
        return HeapCeiling.ForMachine(estimate, collectorLimit, machine) is { } bytes
            ? HeapCeiling.ApplyForMachine(bytes, estimate, machine!.Value.AvailableBytes) : null;
    }

    /// <summary>A heap at least this large is collected before the statistics are summed (see <see cref="LetGoOfTheNetwork"/>): from
    /// 32 MiB, not 256 as before 2026-12-03, since at 10^4 peers (a heap of about 100 MiB) the fit and the plots otherwise took fresh
    /// memory beside the dropped world's and made the process's peak, 222 MiB against the run's own 192 (docs/performance.md).</summary>
    private const long CollectAboveBytes = 32L << 20;

    /// <summary>
    /// Drops the run's world (every node, the event queues, the seeds' lists: gigabytes at a
    /// million peers; the local functions and the manager hold it too) and, when it is large,
    /// collects it, so the statistics and checks summed next (sorted degree and latency lists over
    /// every node) reuse its memory instead of growing the process past the run's peak: without it a
    /// large run's process peaks above its simulation's peak (docs/performance.md). The one collection of the
    /// run's world: the analysis after (the fit, the plots) finds its memory free, whichever command ran it. Aggressive: the
    /// collector also gives the freed regions back to the system, so what the analysis takes next starts from the live heap
    /// (sim-10k's peak 222 → 191 MiB, 4 pairs; sim-100k's, made in the run, unchanged and its wall 0.95×, 3 pairs).
    /// </summary>
    private static void LetGoOfTheNetwork(ref SimNetwork net, ref SimManager manager, ref FaultScheduler faults)
    {
        net = null!;
        manager = null!;
        faults = null!;
        if (GC.GetGCMemoryInfo().HeapSizeBytes >= CollectAboveBytes)
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>Each rank's peak memory so far, by rank (every rank calls it: an all-reduce); null on one process.</summary>
    private static long[]? RankPeaks(Simulator.Ranks.IRankExchange? ranks)
    {
        if (ranks == null) return null;
        var peaks = new long[ranks.Ranks];
        using (var self = Process.GetCurrentProcess()) peaks[ranks.Rank] = self.PeakWorkingSet64;
        ranks.AllReduce(peaks, Simulator.Ranks.RankReduction.Sum);
        return peaks;
    }

    /// <summary>The fault model of the run, one option a line, printed before it starts.</summary>
    private static IEnumerable<string> FaultModelLines(Scenario s, IReadOnlyList<Fault> schedule, LatencyModel latency)
    {
        var n = s.Network;
        yield return $"network: latency {latency.Describe()}, loss {n.Loss:P1}, duplication {n.Duplication:P1}, "
            + $"reordering {n.ReorderRate:P1} (held up to {n.ReorderMaxDelayMs} ms)";
        if (s.Churn is { } c)
            yield return $"churn: {c.JoinsPerSecond}/s joins and {c.LeavesPerSecond}/s {(c.Graceful ? "graceful leaves" : "crashes")} "
                + $"from {c.From} s to {c.Until} s";
        foreach (var f in schedule) yield return f.PlanLine();
    }

    private static string ThreadsLine(SimNetwork net) =>
        (net.Ranks > 1 ? $"ranks: {net.Ranks} (mpirun), each running its share of the nodes; " : "") + ThreadsOnly(net);

    private static string ThreadsOnly(SimNetwork net) =>
        net.OneThreadReason is { } why ? $"threads: 1, though more were asked for: {why}"
        : net.Threads == 1 ? "threads: 1"
        : $"threads: {net.Threads}"
            + $"{(SimThreads.Started(net.Threads) < net.Threads
                ? $" (this machine has {SimThreads.Default} cores: they run on {SimThreads.Started(net.Threads)} threads)" : "")}"
            + $", nodes split by index into {net.Partitions} partitions, time in windows of the smallest link delay "
            + $"({net.Latency.MinTicks / (double)TimeSpan.TicksPerMillisecond:0.###} ms); the trace is the same on any number of threads";

    private static int CountLive(SimNetwork n, List<int> peerIndex)
    {
        int live = 0;
        foreach (int i in peerIndex) if (n.IsAlive(i)) live++;
        return live;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Real;
using GossipSim.Scenarios.Sim;

namespace GossipSim.Scenarios.Netns;

/// <summary>One netns run's state: the bed, the relay, the node processes, the launcher's own trace, the schedule.</summary>
internal sealed class NetnsRun(Scenario s, ulong seed, NetnsBed bed, string nodeDll, string relayDll, string relayScenario,
    string seedFile, string nodesDir, string outDir, Action<string> say)
{
    private readonly List<BedProcess> _seeds = new();
    private readonly BedProcess?[] _peers = new BedProcess?[s.Peers];
    private readonly Dictionary<string, long> _peakMemory = new();
    private readonly List<TraceEvent> _launcherEvents = new();
    private readonly List<int> _crashedPeers = new();
    private readonly List<(double at, int order, string what, Action action)> _timeline = new();
    private BedProcess? _relay;
    private BedPartition? _partition;
    private double _loss = s.Network.Loss;
    private TimeSpan _t0;
    private bool _stopped;

    private static TimeSpan UnixNow() => TimeSpan.FromTicks(DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks);
    private double Elapsed => (UnixNow() - _t0).TotalSeconds;
    private string RelayStatsPath => Path.Combine(outDir, "relay-stats.json");

    public Sim.RunResult Execute(Stopwatch wall, RunOptions o)
    {
        bool netem = NetnsRunner.NetemAvailable(bed);
        bed.ApplyFilters(null, _loss);
        _relay = BedProcess.Start(bed.Router, relayDll, new[]
        {
            "relay", "--listen", $"{BedAddresses.RouterIp}:{BedAddresses.RelayPort}", "--scenario", relayScenario,
            "--seed", seed.ToString(CultureInfo.InvariantCulture), "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            "--stats", RelayStatsPath,
        }, "relay", 0, outDir, "RELAY LISTENING ", stdin: true);
        _relay.WaitReady(TimeSpan.FromSeconds(60));

        _t0 = UnixNow();
        say($"running {s.Name} on the namespace bed: {s.Seeds} seeds and {s.Peers} peers, each in its own namespace and address on {BedAddresses.Subnet}; " +
            $"latency {ScenarioConfig.LatencyOf(s).Describe()} one way by the relay on {BedAddresses.RouterIp}, loss {_loss:P1} by nftables; seed {seed}; node output under {Path.GetRelativePath(Environment.CurrentDirectory, nodesDir)}/");
        for (int i = 0; i < s.Seeds; i++)
            _seeds.Add(StartNode("seed", i, NodeArguments.Seed(s)));
        foreach (var sd in _seeds) sd.WaitReady(TimeSpan.FromSeconds(60));
        say($"t={Elapsed:F1}s {s.Seeds} seeds listening: {string.Join(", ", Enumerable.Range(0, s.Seeds).Select(BedAddresses.Seed))}");

        var origins = NodeArguments.Origins(s, seed);
        double startup = s.RealStartupSeconds ?? 1.0;
        double duration = ScenarioConfig.DurationOf(s) + startup;
        for (int i = 0; i < s.Peers; i++)
        {
            int peer = i;
            Schedule(startup + (s.Peers == 1 ? 0 : s.JoinWindowSeconds * i / (s.Peers - 1)), $"start peer {i}",
                () => _peers[peer] = StartNode("peer", peer, NodeArguments.Peer(s, origins[peer])));
        }
        foreach (var f in s.Faults.OrderBy(f => f.At)) Schedule(f.At + startup, f.Action, () => Apply(f));

        double lastProgress = 0, lastMemory = 0;
        while (Elapsed < duration)
        {
            double t = Elapsed;
            RunDue(t);
            if (t - lastMemory >= 2) { SampleMemory(); lastMemory = t; }
            if (!o.Quiet && t - lastProgress >= 5) { say(Progress(t, duration)); lastProgress = t; }
            Thread.Sleep(50);
        }
        SampleMemory();
        say($"t={Elapsed:F1}s stopping every node (seeds first, so their final peer lists are traced before peers leave)");
        _launcherEvents.Add(new TraceEvent(UnixNow(), TraceKind.RunEnded, default));
        StopEverything();
        wall.Stop();
        var perNode = _peakMemory.Values.Where(v => v > 0).ToList();
        var extra = new Dictionary<string, object>
        {
            ["nodeProcesses"] = _seeds.Count + _peers.Count(p => p != null),
            ["meanPeakWorkingSetPerNodeBytes"] = perNode.Count > 0 ? (long)perNode.Average() : 0,
            ["maxPeakWorkingSetPerNodeBytes"] = perNode.DefaultIfEmpty(0).Max(),
            ["bed"] = $"{s.Seeds + s.Peers} node namespaces + router {bed.Router} on {BedAddresses.Subnet}; delay by the userspace relay (tc netem {(netem ? "available" : "unavailable")} here), partitions and loss by nftables",
            ["latencyModel"] = ScenarioConfig.LatencyOf(s).Describe(),
        };
        if (File.Exists(RelayStatsPath))
            extra["relay"] = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(RelayStatsPath))!;
        return NetnsRunner.Collect(s, seed, nodesDir, outDir, _launcherEvents, _t0, wall, perNode.DefaultIfEmpty(0).Max(), extra);
    }

    private void Schedule(double at, string what, Action action) => _timeline.Add((at, _timeline.Count, what, action));

    private void RunDue(double t)
    {
        while (true)
        {
            var due = _timeline.Where(x => x.at <= t).OrderBy(x => x.at).ThenBy(x => x.order).FirstOrDefault();
            if (due.action == null) return;
            _timeline.Remove(due);
            due.action();
        }
    }

    private BedProcess StartNode(string role, int index, List<string> extra)
    {
        string dir = Path.Combine(nodesDir, $"{role}-{index}");
        Directory.CreateDirectory(dir);
        var address = role == "seed" ? BedAddresses.Seed(index) : BedAddresses.Peer(index);
        var args = new List<string> { role };
        args.AddRange(NodeArguments.Common(address, seedFile, dir, seed, role, index, Environment.ProcessId));
        args.AddRange(extra);
        return BedProcess.Start(bed.NamespaceOf(role, index), nodeDll, args, role, index, dir, "LISTENING ");
    }

    private static NodeAddress AddressOf(BedProcess p) => p.Role == "seed" ? BedAddresses.Seed(p.Index) : BedAddresses.Peer(p.Index);

    private void Apply(FaultSpec f)
    {
        switch (f.Action)
        {
            case "crash": Crash(f); break;
            case "restart": Restart(f); break;
            case "partition":
                _partition = BedFaults.PartitionOf(f, s);
                bed.ApplyFilters(_partition, _loss);
                Trace(TraceKind.Partitioned, (f.Direction == "one-way" ? "one-way " : "") + _partition.Description);
                say($"t={Elapsed:F1}s partition (nftables drop rules on the router): {_partition.Description}");
                if (f.DurationSeconds is { } d) Schedule(PlannedAt(f) + d, "heal", Heal);
                break;
            case "heal": Heal(); break;
            case "loss":
                double before = _loss;
                SetLoss(f.Rate ?? 0);
                if (f.DurationSeconds is { } ld) Schedule(PlannedAt(f) + ld, "loss back", () => SetLoss(before));
                break;
            case "latency-spike":
                _relay!.Send(string.Create(CultureInfo.InvariantCulture, $"spike {f.Factor ?? 1} {f.ExtraMs ?? 0}"));
                Trace(TraceKind.LatencyChanged, string.Create(CultureInfo.InvariantCulture, $"spike x{f.Factor ?? 1} +{f.ExtraMs ?? 0} ms"));
                say($"t={Elapsed:F1}s latency spike on the relay: x{f.Factor ?? 1} +{f.ExtraMs ?? 0} ms for {f.DurationSeconds} s");
                Schedule(PlannedAt(f) + f.DurationSeconds!.Value, "latency back", () =>
                {
                    _relay.Send("normal");
                    Trace(TraceKind.LatencyChanged, "normal");
                    say($"t={Elapsed:F1}s latency back to normal");
                });
                break;
            case "duplication": break; // skipped on TCP, said at the start
        }
    }

    /// <summary>When the fault was due on the run's clock (the schedule starts after the start-up grace): its follow-ups count from there, not from a late loop.</summary>
    private double PlannedAt(FaultSpec f) => f.At + (s.RealStartupSeconds ?? 1.0);

    private void Heal()
    {
        if (_partition == null) return;
        _partition = null;
        bed.ApplyFilters(null, _loss);
        Trace(TraceKind.Healed, null);
        say($"t={Elapsed:F1}s partition healed (drop rules removed)");
    }

    private void SetLoss(double rate)
    {
        _loss = rate;
        bed.ApplyFilters(_partition, _loss);
        Trace(TraceKind.LossChanged, rate.ToString("0.####", CultureInfo.InvariantCulture));
        say($"t={Elapsed:F1}s packet loss on the router set to {rate:P1} (TCP retransmits: messages arrive late rather than never)");
    }

    private void Trace(TraceKind kind, string? detail) => _launcherEvents.Add(new TraceEvent(UnixNow(), kind, default, Detail: detail));

    private void Crash(FaultSpec f)
    {
        var victims = f.Target switch
        {
            "hub" => Hub() is var (hi, hd) && hi >= 0 ? new List<(BedProcess, int)> { (_peers[hi]!, hd) } : new(),
            "random-peers" => RandomLivePeers(f.Count ?? 1),
            "peer" => _peers[f.Index!.Value] is { HasExited: false } p ? new() { (p, Degree(p)) } : new(),
            "seed" => _seeds[f.Index!.Value] is { HasExited: false } sd ? new() { (sd, 0) } : new(),
            _ => new List<(BedProcess, int)>(),
        };
        foreach (var (victim, degree) in victims)
        {
            victim.Kill();
            bed.SetHostRunning(victim.Role, victim.Index, false);
            if (victim.Role == "peer") _crashedPeers.Add(victim.Index);
            _launcherEvents.Add(new TraceEvent(UnixNow(), TraceKind.CrashInjected, AddressOf(victim), A: degree, Detail: victim.Role));
            say($"t={Elapsed:F1}s SIGKILL {victim.Role} {AddressOf(victim)} in {victim.Namespace} (pid {victim.Pid}){(f.Target == "hub" ? $": the hub, degree {degree}" : "")}");
        }
    }

    private void Restart(FaultSpec f)
    {
        if (f.Target == "seed" && _seeds[f.Index!.Value] is { HasExited: true } dead)
        {
            bed.SetHostRunning("seed", dead.Index, true);
            _seeds[f.Index!.Value] = StartNode("seed", dead.Index, NodeArguments.Seed(s));
            _launcherEvents.Add(new TraceEvent(UnixNow(), TraceKind.Restarted, AddressOf(dead), Detail: "seed"));
            say($"t={Elapsed:F1}s restarted seed {AddressOf(dead)}");
            return;
        }
        var targets = f.Target switch
        {
            "crashed" => _crashedPeers.ToList(),
            "peer" => new List<int> { f.Index!.Value },
            _ => new List<int>(),
        };
        foreach (int i in targets)
        {
            if (_peers[i] is not { HasExited: true } old) continue;
            bed.SetHostRunning("peer", i, true);
            _peers[i] = StartNode("peer", i, NodeArguments.Peer(s, true));
            _crashedPeers.Remove(i);
            _launcherEvents.Add(new TraceEvent(UnixNow(), TraceKind.Restarted, AddressOf(old), Detail: "peer"));
            say($"t={Elapsed:F1}s restarted peer {AddressOf(old)}");
        }
    }

    private string?[] LivePeerDirs() => _peers.Select(p => p is { HasExited: false } ? p.OutDir : null).ToArray();

    /// <summary>The live peer with the highest degree now, from the nodes' status files; ties to the lowest index.</summary>
    private (int index, int degree) Hub() => NodeStatus.Hub(LivePeerDirs());

    private List<(BedProcess, int)> RandomLivePeers(int count) =>
        NodeStatus.RandomLive(LivePeerDirs(), count, seed, (ulong)_launcherEvents.Count).Select(i => (_peers[i]!, Degree(_peers[i]!))).ToList();

    private static int Degree(BedProcess p) => NodeStatus.Degree(p.OutDir);

    private string Progress(double t, double duration) =>
        NodeStatus.ProgressLine(t, duration, LivePeerDirs().OfType<string>().ToList(), _seeds.Where(sd => !sd.HasExited).Select(sd => sd.OutDir));

    private void SampleMemory()
    {
        foreach (var p in _seeds.Concat(_peers.Where(x => x != null).Select(x => x!)))
        {
            if (p.HasExited) continue;
            long ws = p.WorkingSet();
            string key = p.Namespace;
            if (ws > _peakMemory.GetValueOrDefault(key)) _peakMemory[key] = ws;
        }
    }

    /// <summary>Seeds first (their final lists are traced), then peers, then the relay (it writes its counters). Safe to call twice.</summary>
    public void StopEverything()
    {
        if (_stopped) return;
        _stopped = true;
        foreach (var sd in _seeds) sd.Terminate();
        foreach (var sd in _seeds) if (!sd.WaitExit(TimeSpan.FromSeconds(5))) sd.Kill();
        var peers = _peers.Where(p => p != null).Select(p => p!).ToList();
        foreach (var p in peers) p.Terminate();
        foreach (var p in peers) if (!p.WaitExit(TimeSpan.FromSeconds(5))) p.Kill();
        if (_relay != null)
        {
            _relay.CloseInput();
            if (!_relay.WaitExit(TimeSpan.FromSeconds(10))) _relay.Kill();
        }
    }
}

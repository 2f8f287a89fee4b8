using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using GossipSim.Analysis.Stats;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Sim;

namespace GossipSim.Scenarios.Real;

/// <summary>
/// The real runtime: every seed and peer is its own OS process (the built RealNet node) on
/// 127.0.0.1, started on free ports; the fault schedule kills (SIGKILL) and restarts them;
/// at the end everything is stopped, the nodes' traces and logs are merged, and the same
/// results as a simulated run are written.
/// </summary>
public static class RealRunner
{
    /// <summary>Each node process costs ~40 MB (39.5 MB mean peak measured on crash-hub.json); beyond this, use the simulator or in-process hosting.</summary>
    public const int MaxPeers = 300;

    public static RunResult Run(Scenario s, RunOptions o, string outDir, Action<string> say)
    {
        if (s.RealHosting == "in-process") return InProcessRunner.Run(s, o, outDir, say);
        if (s.Peers > MaxPeers)
            throw new ScenarioException($"the real runtime starts one process per node (about 40 MB each); {s.Peers} peers is more than the {MaxPeers} it allows: set \"realHosting\": \"in-process\", or run it with --runtime sim");
        string nodeDll = Path.Combine(AppContext.BaseDirectory, "GossipSim.RealNet.dll");
        if (!File.Exists(nodeDll)) throw new ScenarioException($"the node executable {nodeDll} is missing: build the solution first (dotnet build)");
        foreach (var f in s.Faults.Where(f => f.Action is "partition" or "heal" or "loss"))
            say($"note: fault '{f.Action}' at {f.At} s needs control of the network between nodes; on loopback processes it is skipped (the simulator applies it)");

        ulong seed = o.SeedOverride ?? s.Seed;
        Directory.CreateDirectory(outDir);
        string nodesDir = Path.Combine(outDir, "nodes");
        if (Directory.Exists(nodesDir)) Directory.Delete(nodesDir, recursive: true);
        Directory.CreateDirectory(nodesDir);
        var wall = Stopwatch.StartNew();

        var seedAddresses = ReservePorts(s.Seeds).Select(p => new NodeAddress((127u << 24) | 1, (ushort)p)).ToArray();
        string seedFile = Path.Combine(outDir, "seeds.txt");
        File.WriteAllText(seedFile, SeedListFile.Format(seedAddresses));

        var run = new RealRun(s, seed, nodeDll, seedFile, nodesDir, say);
        try
        {
            return run.Execute(seedAddresses, outDir, wall, o);
        }
        finally
        {
            run.StopEverything();
        }
    }

    /// <summary>Free loopback ports for the seeds (their addresses must be in the seed list before they start).</summary>
    private static int[] ReservePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        foreach (var l in listeners) l.Start();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var l in listeners) l.Stop();
        return ports;
    }

    /// <summary>One real run's state: the processes, the launcher's own trace, the schedule.</summary>
    private sealed class RealRun(Scenario s, ulong seed, string nodeDll, string seedFile, string nodesDir, Action<string> say) : IRunControl
    {
        private readonly List<NodeProcess> _seeds = new();
        private NodeProcess?[] _peers = new NodeProcess?[s.Peers];
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string command, TaskCompletionSource<IReadOnlyList<string>> reply)> _commands = new();
        private bool _quit;
        private volatile bool _finished;

        public string NodesDirectory => nodesDir;
        public TimeSpan TimeOrigin => _t0;
        public string ScenarioName => s.Name!;
        public double PlannedSeconds => ScenarioConfig.DurationOf(s) + (s.RealStartupSeconds ?? 1.0);
        public bool Finished => _finished;

        public Task<IReadOnlyList<string>> ExecuteAsync(string command)
        {
            var reply = new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_finished) reply.SetResult(new[] { "the run has ended" });
            else _commands.Enqueue((command, reply));
            return reply.Task;
        }
        private readonly Dictionary<NodeAddress, long> _peakMemory = new();
        private readonly List<TraceEvent> _launcherEvents = new();
        private readonly List<int> _crashedPeers = new();
        private TimeSpan _t0;

        private static TimeSpan UnixNow() => TimeSpan.FromTicks(DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks);
        private double Elapsed => (UnixNow() - _t0).TotalSeconds;

        public RunResult Execute(NodeAddress[] seedAddresses, string outDir, Stopwatch wall, RunOptions o)
        {
            _t0 = UnixNow();
            say($"running {s.Name} on real nodes: {s.Seeds} seed and {s.Peers} peer processes on 127.0.0.1, seed {seed}; node output under {Path.GetRelativePath(Environment.CurrentDirectory, nodesDir)}/");
            for (int i = 0; i < s.Seeds; i++)
                _seeds.Add(StartNode("seed", i, seedAddresses[i], SeedArgs()));
            foreach (var sp in _seeds) sp.WaitListeningAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
            say($"t={Elapsed:F1}s {s.Seeds} seeds listening: {string.Join(", ", seedAddresses)}");
            o.OnRealRunStarted?.Invoke(this);

            var origins = SimRunner.ChooseOrigins(s, seed); // the same peers as on the simulator
            double startup = s.RealStartupSeconds ?? 1.0;
            double duration = ScenarioConfig.DurationOf(s) + startup;
            var peerStart = Enumerable.Range(0, s.Peers).Select(i => startup + (s.Peers == 1 ? 0 : s.JoinWindowSeconds * i / (s.Peers - 1))).ToArray();
            var faults = s.Faults.Where(f => f.Action is "crash" or "restart").OrderBy(f => f.At).ToList();
            int nextPeer = 0, nextFault = 0;
            double lastProgress = 0, lastMemory = 0;
            while (Elapsed < duration && !_quit)
            {
                double t = Elapsed;
                while (_commands.TryDequeue(out var c))
                {
                    try { c.reply.SetResult(Manage(c.command)); }
                    catch (Exception ex) when (ex is FormatException or ArgumentException) { c.reply.SetResult(new[] { "error: " + ex.Message }); }
                }
                while (nextPeer < s.Peers && peerStart[nextPeer] <= t)
                {
                    _peers[nextPeer] = StartNode("peer", nextPeer, new NodeAddress((127u << 24) | 1, 0), PeerArgs(origins[nextPeer]));
                    nextPeer++;
                }
                while (nextFault < faults.Count && faults[nextFault].At + startup <= t) Apply(faults[nextFault++]);
                if (t - lastMemory >= 2) { SampleMemory(); lastMemory = t; }
                if (!o.Quiet && t - lastProgress >= 5) { say(Progress(t, duration)); lastProgress = t; }
                Thread.Sleep(50);
            }
            SampleMemory();
            // From now on ExecuteAsync answers at once; whatever was queued before gets its answer here.
            _finished = true;
            while (_commands.TryDequeue(out var late)) late.reply.TrySetResult(new[] { "the run has ended" });
            say($"t={Elapsed:F1}s stopping every node (seeds first, so their final peer lists are traced before peers leave)");
            _launcherEvents.Add(new TraceEvent(UnixNow(), TraceKind.RunEnded, default));
            StopEverything();
            wall.Stop();
            return Collect(outDir, wall);
        }

        private NodeProcess StartNode(string role, int index, NodeAddress listen, List<string> extra)
        {
            string dir = Path.Combine(nodesDir, $"{role}-{index}");
            Directory.CreateDirectory(dir);
            var args = NodeArguments.Common(listen, seedFile, dir, seed, role, index, Environment.ProcessId);
            args.AddRange(extra);
            return NodeProcess.Start(nodeDll, role, index, dir, args);
        }

        private List<string> SeedArgs() => NodeArguments.Seed(s);

        private List<string> PeerArgs(bool originates) => NodeArguments.Peer(s, originates);

        private void Apply(FaultSpec f)
        {
            if (f.Action == "crash")
            {
                var victims = f.Target switch
                {
                    "hub" => Hub() is var (hi, hd) && hi >= 0 ? new List<(NodeProcess, int)> { (_peers[hi]!, hd) } : new(),
                    "random-peers" => RandomLivePeers(f.Count ?? 1),
                    "peer" => _peers[f.Index!.Value] is { HasExited: false } p ? new() { (p, Degree(p)) } : new(),
                    "seed" => _seeds[f.Index!.Value] is { HasExited: false } sd ? new() { (sd, 0) } : new(),
                    _ => new List<(NodeProcess, int)>(),
                };
                foreach (var (victim, degree) in victims)
                {
                    victim.Kill();
                    if (victim.Role == "peer") _crashedPeers.Add(victim.Index);
                    _launcherEvents.Add(new TraceEvent(UnixNow(), TraceKind.CrashInjected, victim.Address, A: degree, Detail: victim.Role));
                    say($"t={Elapsed:F1}s SIGKILL {victim.Role} {victim.Address} (pid {victim.Pid}){(f.Target == "hub" ? $": the hub, degree {degree}" : "")}");
                }
                return;
            }
            // restart: same address, new incarnation (the node's default incarnation is its start time)
            var targets = f.Target switch
            {
                "crashed" => _crashedPeers.ToList(),
                "peer" => new List<int> { f.Index!.Value },
                _ => new List<int>(),
            };
            if (f.Target == "seed" && _seeds[f.Index!.Value] is { HasExited: true } dead)
            {
                _seeds[f.Index!.Value] = StartNode("seed", dead.Index, dead.Address, SeedArgs());
                _launcherEvents.Add(new TraceEvent(UnixNow(), TraceKind.Restarted, dead.Address, Detail: "seed"));
                say($"t={Elapsed:F1}s restarted seed {dead.Address}");
            }
            foreach (int i in targets)
            {
                if (_peers[i] is not { HasExited: true } old) continue;
                _peers[i] = StartNode("peer", i, old.Address, PeerArgs(true));
                _crashedPeers.Remove(i);
                _launcherEvents.Add(new TraceEvent(UnixNow(), TraceKind.Restarted, old.Address, Detail: "peer"));
                say($"t={Elapsed:F1}s restarted peer {old.Address}");
            }
        }

        /// <summary>A manager command, on the run's loop. Every action is traced like a scheduled fault.</summary>
        private IReadOnlyList<string> Manage(string command)
        {
            var words = command.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) return Array.Empty<string>();
            switch (words[0])
            {
                case "list":
                    return _seeds.Select(sd => $"seed {sd.Index} {sd.Address} {(sd.HasExited ? "DOWN" : "up")}")
                        .Concat(_peers.Where(p => p != null).Select(p => $"peer {p!.Index} {p.Address} {(p.HasExited ? "DOWN" : $"up, degree {Degree(p)}")}"))
                        .ToList();
                case "add":
                {
                    int n = words.Length > 1 ? int.Parse(words[1], CultureInfo.InvariantCulture) : 1;
                    if (n < 1 || n > 50) throw new ArgumentException("add takes 1 to 50 peers at a time");
                    int first = _peers.Length;
                    Array.Resize(ref _peers, first + n);
                    for (int i = first; i < first + n; i++)
                        _peers[i] = StartNode("peer", i, new NodeAddress((127u << 24) | 1, 0), PeerArgs(true));
                    say($"t={Elapsed:F1}s manager: started {n} new peer(s)");
                    return new[] { $"started {n} peer(s): indices {first}..{first + n - 1}" };
                }
                case "kill" when words.Length > 1:
                {
                    var victim = words[1] == "hub" ? (Hub().index is var h && h >= 0 ? _peers[h] : null) : Find(words[1]);
                    if (victim is not { HasExited: false }) return new[] { $"no live node {words[1]}" };
                    int degree = victim.Role == "peer" ? Degree(victim) : 0;
                    victim.Kill();
                    if (victim.Role == "peer") _crashedPeers.Add(victim.Index);
                    _launcherEvents.Add(new TraceEvent(UnixNow(), TraceKind.CrashInjected, victim.Address, A: degree, Detail: victim.Role));
                    say($"t={Elapsed:F1}s manager: SIGKILL {victim.Role} {victim.Address} (degree {degree})");
                    return new[] { $"killed {victim.Role} {victim.Address} (degree {degree})" };
                }
                case "restart" when words.Length > 1:
                {
                    var dead = Find(words[1]);
                    if (dead is not { HasExited: true }) return new[] { $"no crashed node {words[1]}" };
                    if (dead.Role == "seed") _seeds[dead.Index] = StartNode("seed", dead.Index, dead.Address, SeedArgs());
                    else { _peers[dead.Index] = StartNode("peer", dead.Index, dead.Address, PeerArgs(true)); _crashedPeers.Remove(dead.Index); }
                    _launcherEvents.Add(new TraceEvent(UnixNow(), TraceKind.Restarted, dead.Address, Detail: dead.Role));
                    say($"t={Elapsed:F1}s manager: restarted {dead.Role} {dead.Address}");
                    return new[] { $"restarted {dead.Role} {dead.Address}" };
                }
                case "partition":
                case "heal":
                    return new[] { $"{words[0]} needs control of the network between nodes: on loopback processes it is not available (use \"runtime\": \"netns\", or the simulator)" };
                case "quit":
                    _quit = true;
                    return new[] { "stopping the run" };
                default:
                    return new[] { "commands: list | add [n] | kill <address|hub> | restart <address> | partition ... | heal | quit" };
            }
        }

        private NodeProcess? Find(string address) =>
            _seeds.Concat(_peers.Where(p => p != null).Select(p => p!)).LastOrDefault(p => p.Address.ToString() == address);

        /// <summary>The live peer with the highest degree now, from the nodes' status files; ties to the lowest index.</summary>
        private string?[] LivePeerDirs() => _peers.Select(p => p is { HasExited: false } ? p.OutDir : null).ToArray();

        private (int index, int degree) Hub() => NodeStatus.Hub(LivePeerDirs());

        private List<(NodeProcess, int)> RandomLivePeers(int count) =>
            NodeStatus.RandomLive(LivePeerDirs(), count, seed, (ulong)_launcherEvents.Count).Select(i => (_peers[i]!, Degree(_peers[i]!))).ToList();

        private static int Degree(NodeProcess p) => NodeStatus.Degree(p.OutDir);

        private string Progress(double t, double duration) =>
            NodeStatus.ProgressLine(t, duration, LivePeerDirs().OfType<string>().ToList(), _seeds.Where(sd => !sd.HasExited).Select(sd => sd.OutDir));

        private void SampleMemory()
        {
            foreach (var p in _seeds.Concat(_peers.Where(x => x != null).Select(x => x!)))
            {
                if (p.HasExited) continue;
                long ws = p.WorkingSet();
                if (ws > _peakMemory.GetValueOrDefault(p.Address)) _peakMemory[p.Address] = ws;
            }
        }

        public void StopEverything()
        {
            foreach (var sd in _seeds) sd.Terminate();
            foreach (var sd in _seeds) if (!sd.WaitExit(TimeSpan.FromSeconds(5))) sd.Kill();
            var peers = _peers.Where(p => p != null).Select(p => p!).ToList();
            foreach (var p in peers) p.Terminate();
            foreach (var p in peers) if (!p.WaitExit(TimeSpan.FromSeconds(5))) p.Kill();
            ChildProcesses.KillAll();
        }

        private RunResult Collect(string outDir, Stopwatch wall)
        {
            var (summary, stats) = RealResults.Summarize(s, seed, nodesDir, _launcherEvents, outDir, _t0, wall.Elapsed);
            summary.PeakWorkingSetBytes = _peakMemory.Values.DefaultIfEmpty(0).Max();
            var perNode = _peakMemory.Values.Where(v => v > 0).ToList();
            summary.Extra = new Dictionary<string, object>
            {
                ["nodeProcesses"] = _seeds.Count + _peers.Count(p => p != null),
                ["meanPeakWorkingSetPerNodeBytes"] = perNode.Count > 0 ? (long)perNode.Average() : 0,
                ["maxPeakWorkingSetPerNodeBytes"] = perNode.DefaultIfEmpty(0).Max(),
                ["timeOriginUnixSeconds"] = Math.Round(_t0.TotalSeconds, 3),
            };
            return new RunResult(summary, stats, outDir);
        }
    }
}

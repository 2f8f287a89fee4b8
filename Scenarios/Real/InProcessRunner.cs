using System.Diagnostics;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Transport;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Sim;

namespace GossipSim.Scenarios.Real;

/// <summary>
/// Real nodes hosted in this one process ("realHosting": "in-process"): every seed and peer has
/// its own TCP listener, connections, event loop, trace and output file on 127.0.0.1, exactly
/// as the node executable runs it, but without a process each (a .NET process costs ~35 MB, so
/// a thousand would not fit). A crash closes all of that node's sockets at once and stops its loop.
/// </summary>
public static class InProcessRunner
{
    public const int MaxPeers = 5000;
    private static readonly NodeAddress AnyLoopbackPort = new((127u << 24) | 1, 0);

    private sealed class Hosted(NodeHost host, string role, int index, JsonlTraceSink trace, FileStream traceFile, NodeLog log)
    {
        public NodeHost Host = host;
        public readonly string Role = role;
        public readonly int Index = index;
        public readonly JsonlTraceSink Trace = trace;
        public readonly FileStream TraceFile = traceFile;
        public readonly NodeLog Log = log;
        public bool Crashed;
    }

    public static RunResult Run(Scenario s, RunOptions o, string outDir, Action<string> say)
    {
        if (s.Peers > MaxPeers) throw new ScenarioException($"in-process hosting allows at most {MaxPeers} peers (each holds a few sockets; the file-descriptor limit binds first)");
        foreach (var f in s.Faults.Where(f => f.Action is not ("crash" or "restart")))
            say($"note: fault '{f.Action}' at {f.At} s needs control of the network between nodes; on loopback it is skipped (the simulator applies it)");
        ulong seed = o.SeedOverride ?? s.Seed;
        string nodesDir = Path.Combine(outDir, "nodes");
        if (Directory.Exists(nodesDir)) Directory.Delete(nodesDir, recursive: true);
        Directory.CreateDirectory(nodesDir);
        var wall = Stopwatch.StartNew();
        var t0 = UnixNow();
        var launcher = new List<TraceEvent>();
        var all = new List<Hosted>();
        var seedConfig = ScenarioConfig.SeedConfigOf(s);
        var peerConfig = ScenarioConfig.PeerConfigOf(s) with { MessageIncludesPort = true };
        try
        {
            var seedTransports = Enumerable.Range(0, s.Seeds).Select(_ => TcpTransport.Listen(AnyLoopbackPort)).ToList();
            var seedAddresses = seedTransports.Select(t => t.LocalAddress).ToArray();
            File.WriteAllText(Path.Combine(outDir, "seeds.txt"), SeedListFile.Format(seedAddresses));
            long epoch = (long)t0.TotalMilliseconds;
            for (int i = 0; i < s.Seeds; i++)
            {
                seedTransports[i].RestrictSenders(SenderPolicy.ForSeed(seedAddresses));
                all.Add(Host(new SeedNode(seedConfig, seedAddresses, epoch), seedTransports[i], "seed", i, nodesDir, seed));
            }
            say($"running {s.Name} on real TCP nodes hosted in this process: {s.Seeds} seeds and {s.Peers} peers on 127.0.0.1, seed {seed}; seeds at {string.Join(", ", seedAddresses)}");

            var origins = SimRunner.ChooseOrigins(s, seed);
            double startup = s.RealStartupSeconds ?? 1.0;
            double duration = ScenarioConfig.DurationOf(s) + startup;
            var peerStart = Enumerable.Range(0, s.Peers).Select(i => startup + (s.Peers == 1 ? 0 : s.JoinWindowSeconds * i / (s.Peers - 1))).ToArray();
            var faults = s.Faults.Where(f => f.Action is "crash" or "restart").OrderBy(f => f.At).ToList();
            var peers = new Hosted?[s.Peers];
            int nextPeer = 0, nextFault = 0;
            double lastProgress = 0;
            double Elapsed() => (UnixNow() - t0).TotalSeconds;
            IEnumerable<Hosted> LivePeers() => peers.Where(p => p is { Crashed: false }).Select(p => p!);
            while (Elapsed() < duration)
            {
                double t = Elapsed();
                while (nextPeer < s.Peers && peerStart[nextPeer] <= t)
                {
                    var transport = TcpTransport.Listen(AnyLoopbackPort);
                    transport.RestrictSenders(SenderPolicy.ForPeer(seedAddresses));
                    var config = peerConfig with { Originates = origins[nextPeer] };
                    var node = new PeerNode(config, seedAddresses, (long)UnixNow().TotalMilliseconds * 16 + nextPeer % 16);
                    peers[nextPeer] = Host(node, transport, "peer", nextPeer, nodesDir, seed);
                    all.Add(peers[nextPeer]!);
                    nextPeer++;
                }
                while (nextFault < faults.Count && faults[nextFault].At + startup <= t)
                {
                    var f = faults[nextFault++];
                    if (f.Action != "crash") { say($"note: restart is not available with in-process hosting; skipped"); continue; }
                    var victims = f.Target switch
                    {
                        "hub" => LivePeers().OrderByDescending(p => ((PeerNode)p.Host.Node).Degree).ThenBy(p => p.Index).Take(1).ToList(),
                        "peer" => LivePeers().Where(p => p.Index == f.Index).ToList(),
                        "seed" => all.Where(h => h.Role == "seed" && h.Index == f.Index && !h.Crashed).ToList(),
                        _ => LivePeers().OrderBy(p => RngStreams.KillOrder(seed, p.Index).NextUInt64()).Take(f.Count ?? 1).ToList(),
                    };
                    foreach (var v in victims)
                    {
                        int degree = v.Host.Node is PeerNode p ? p.Degree : 0;
                        v.Host.CrashAsync().GetAwaiter().GetResult();
                        v.Crashed = true;
                        launcher.Add(new TraceEvent(UnixNow(), TraceKind.CrashInjected, v.Host.Address, A: degree, Detail: v.Role));
                        say($"t={Elapsed():F1}s crashed {v.Role} {v.Host.Address} (all its sockets closed){(f.Target == "hub" ? $": the hub, degree {degree}" : "")}");
                    }
                }
                if (!o.Quiet && t - lastProgress >= 5)
                {
                    lastProgress = t;
                    var live = peers.Where(p => p is { Crashed: false }).Select(p => (PeerNode)p!.Host.Node).ToList();
                    say($"  t {t,6:F1}/{duration:F0} s  peers up {live.Count,5}  registered {live.Count(p => p.IsRegistered),5}  links {live.Sum(p => p.Degree) / 2,6}  gossip received {live.Sum(p => p.GossipReceived),10:N0}");
                }
                Thread.Sleep(50);
            }
            say($"t={Elapsed():F1}s stopping every node (seeds first)");
            launcher.Add(new TraceEvent(UnixNow(), TraceKind.RunEnded, default));
        }
        finally
        {
            foreach (var h in all.Where(h => h.Role == "seed")) if (!h.Crashed) h.Host.StopAsync(sayGoodbye: false).GetAwaiter().GetResult();
            foreach (var h in all.Where(h => h.Role == "peer")) if (!h.Crashed) h.Host.StopAsync(sayGoodbye: false).GetAwaiter().GetResult();
            foreach (var h in all)
            {
                h.Host.DisposeAsync().AsTask().GetAwaiter().GetResult();
                h.Trace.Dispose();
                h.TraceFile.Dispose();
                h.Log.Dispose();
            }
        }
        wall.Stop();
        var (summary, stats) = RealResults.Summarize(s, seed, nodesDir, launcher, outDir, t0, wall.Elapsed);
        summary.PeakWorkingSetBytes = Process.GetCurrentProcess().PeakWorkingSet64;
        summary.Extra = new Dictionary<string, object>
        {
            ["hosting"] = "in-process",
            ["nodes"] = all.Count,
            ["timeOriginUnixSeconds"] = Math.Round(t0.TotalSeconds, 3),
        };
        return new RunResult(summary, stats, outDir);
    }

    private static Hosted Host(Engine.Core.Node node, TcpTransport transport, string role, int index, string nodesDir, ulong seed)
    {
        var self = transport.LocalAddress;
        string dir = Path.Combine(nodesDir, $"{role}-{index}");
        Directory.CreateDirectory(dir);
        var traceFile = new FileStream(Path.Combine(dir, "trace.jsonl"), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 12);
        var trace = new JsonlTraceSink(traceFile);
        var log = new NodeLog(Path.Combine(dir, $"{role}-{self.IpText}_{self.Port}.txt"), null, "");
        var host = new NodeHost(node, transport, new NodeHostOptions
        {
            Random = RngStreams.RealNode(seed, self),
            Trace = trace,
            Log = log,
        });
        host.Start();
        return new Hosted(host, role, index, trace, traceFile, log);
    }

    private static TimeSpan UnixNow() => TimeSpan.FromTicks(DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks);
}

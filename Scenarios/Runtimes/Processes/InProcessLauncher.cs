using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Storage;
using GossipSim.RealNet.Transport;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// Real nodes hosted in this one process ("realHosting": "in-process"): every seed and peer has
/// its own TCP listener, connections, event loop, trace and output file on 127.0.0.1, exactly
/// as the node executable runs it, but without a process each (a node process costs ~40 MB, so
/// a thousand would not fit). A crash closes all of that node's sockets at once and stops its
/// loop; a restart listens again on the same address with a new incarnation.
/// This is the one place the scenario runner uses RealNet's host and transport directly.
/// </summary>
public sealed class InProcessLauncher : INodeLauncher
{
    public const int MaxPeers = 5000;
    private static readonly NodeAddress AnyLoopbackPort = new((127u << 24) | 1, 0);

    private readonly Scenario _s;
    private readonly ulong _runSeed;
    private readonly string _nodesDir;
    private readonly Dictionary<NodeAddress, TcpTransport> _seedTransports;
    private readonly NodeAddress[] _seedAddresses;
    private readonly IReadOnlyList<(NodeAddress Seed, NodeKey Key)> _seedKeys;
    private readonly List<HostedNode> _all = new();

    public InProcessLauncher(Scenario s, ulong runSeed, string nodesDir)
    {
        if (s.Peers > MaxPeers) throw new ScenarioException($"in-process hosting allows at most {MaxPeers} peers (each holds a few sockets; the file-descriptor limit binds first)");
        _s = s;
        _runSeed = runSeed;
        _nodesDir = nodesDir;
        // The seeds listen now: their addresses are in every node's seed list.
        var transports = Enumerable.Range(0, s.Seeds).Select(_ => TcpTransport.Listen(AnyLoopbackPort)).ToList();
        _seedAddresses = transports.Select(t => t.LocalAddress).ToArray();
        _seedTransports = transports.ToDictionary(t => t.LocalAddress);
        // Every node pins every seed's key, as the seed list the process launchers write does.
        _seedKeys = PinnedSeeds.Keys(nodesDir, _seedAddresses);
    }

    public string Runtime => "real";
    public string Describe => "real TCP nodes hosted in this process on 127.0.0.1";
    public IReadOnlyList<NodeAddress> SeedAddresses => _seedAddresses;

    public IRealNode Start(NodeRef node, NodeAddress? listen, bool originates)
    {
        // A seed's first life takes the listener opened for its address; later lives listen anew there.
        var transport = listen is { } at && _seedTransports.Remove(at, out var open) ? open : TcpTransport.Listen(listen ?? AnyLoopbackPort);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string dir = RealRunner.NodeDirectory(_nodesDir, node);
        // Every life of a node proves the key kept in its directory, as the node executable's --state-dir.
        transport.UseIdentity(NodeIdentity.LoadOrCreate(Path.Combine(dir, "state", NodeIdentity.FileName), out _, out _));
        foreach (var (seed, key) in _seedKeys) transport.Keys.Pin(seed, key);
        Node engineNode;
        FileCommitStore? store = null;
        if (node.IsSeed)
        {
            transport.RestrictSenders(SenderPolicy.ForSeed(_seedAddresses));
            // Every life of a seed opens the same state directory, as the node executable's --state-dir.
            store = FileCommitStore.Open(Path.Combine(dir, "state"));
            engineNode = new SeedNode(ScenarioConfig.SeedConfigOf(_s), _seedAddresses, now, store: store, identity: new SeedIdentity(transport.Identity, transport.Keys));
        }
        else
        {
            transport.RestrictSenders(SenderPolicy.ForPeer(_seedAddresses));
            var config = ScenarioConfig.PeerConfigOf(_s) with { MessageIncludesPort = true, Originates = originates };
            engineNode = new PeerNode(config, _seedAddresses, now * 16 + node.Index % 16, new PeerIdentity(transport.Identity, transport.Keys));
        }
        var hosted = new HostedNode(node, engineNode, transport, dir, _runSeed, store);
        lock (_all) _all.Add(hosted);
        return hosted;
    }

    public void AddExtra(Dictionary<string, object> extra)
    {
        extra["hosting"] = "in-process";
        lock (_all) extra["nodes"] = _all.Count;
    }

    public void Dispose()
    {
        foreach (var unused in _seedTransports.Values) unused.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _seedTransports.Clear();
        lock (_all) foreach (var h in _all) h.Dispose();
    }

    private sealed class HostedNode : IRealNode, IDisposable
    {
        private readonly NodeHost _host;
        private readonly FileStream _traceFile;
        private readonly JsonlTraceSink _trace;
        private readonly NodeLog _log;
        private readonly IDisposable? _store;
        private volatile bool _exited;
        private int _closed;

        public HostedNode(NodeRef node, Node engineNode, TcpTransport transport, string outDir, ulong runSeed, IDisposable? store)
        {
            _store = store;
            var self = transport.LocalAddress;
            Directory.CreateDirectory(outDir);
            // A restart appends: the node's earlier life stays in its trace.
            _traceFile = new FileStream(Path.Combine(outDir, "trace.jsonl"), FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 12);
            _trace = new JsonlTraceSink(_traceFile);
            _log = new NodeLog(Path.Combine(outDir, $"{node.RoleName}-{self.IpText}_{self.Port}.txt"), null, "");
            _host = new NodeHost(engineNode, transport, new NodeHostOptions { Random = RngStreams.RealNode(runSeed, self), Trace = _trace, Log = _log });
            _host.Start();
        }

        public NodeAddress Address => _host.Address;
        public bool HasExited => _exited;
        public void WaitReady(TimeSpan timeout) { } // listening since construction

        public void Crash()
        {
            _exited = true;
            _host.CrashAsync().GetAwaiter().GetResult();
            // Its loop has ended: close its files now, so a restart appends its next life to them.
            Dispose();
        }

        public void BeginStop() => _host.RequestStop(sayGoodbye: false);

        public bool WaitStopped(TimeSpan timeout)
        {
            _exited = true;
            if (!_host.Completion.Wait(timeout)) return false;
            Dispose(); // its files are closed, so a restart opens them again
            return true;
        }

        public NodeSnapshot? Snapshot() => _host.Node switch
        {
            // Read from this thread while the node runs: counters, for progress and the hub's choice.
            PeerNode p => new NodeSnapshot(p.Degree, p.IsRegistered, p.GossipReceived, 0),
            SeedNode sd => new NodeSnapshot(0, true, 0, sd.Peers.LiveCount),
            _ => null,
        };

        public long WorkingSet() => 0;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0) return;
            _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _trace.Dispose();
            _traceFile.Dispose();
            _log.Dispose();
            _store?.Dispose();
        }
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Nodes;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// Real nodes hosted in this one process ("realHosting": "in-process"): every seed and peer has
/// its own TCP listener, connections, event loop, trace and output file on 127.0.0.1, assembled
/// as the node executable assembles it (<see cref="NodeAssembly"/>), but without a process each
/// (a node process costs ~40 MB, so a thousand would not fit). A crash closes all of that node's sockets at once and stops its
/// loop; a restart listens again on the same address with a new incarnation.
/// This is the one place the scenario runner hosts RealNet's nodes itself.
/// </summary>
public sealed class InProcessLauncher : INodeLauncher
{
    public const int MaxPeers = 5000;
    private static readonly NodeAddress AnyLoopbackPort = new((127u << 24) | 1, 0);

    private readonly Scenario _s;
    private readonly ulong _runSeed;
    private readonly string _nodesDir;
    private readonly Dictionary<NodeAddress, NodePort> _seedPorts;
    private readonly NodeAddress[] _seedAddresses;
    private readonly Dictionary<NodeAddress, NodeKey> _seedKeys;
    private readonly List<HostedNode> _all = new();

    public InProcessLauncher(Scenario s, ulong runSeed, string nodesDir)
    {
        if (s.Peers > MaxPeers)
            throw new ScenarioException($"in-process hosting allows at most {MaxPeers} peers (each holds a few sockets; the "
                + $"file-descriptor limit binds first)");
        _s = s;
        _runSeed = runSeed;
        _nodesDir = nodesDir;
        // The seeds listen now: their addresses are in every node's seed list.
        var ports = Enumerable.Range(0, s.Seeds).Select(_ => NodePort.Listen(AnyLoopbackPort)).ToList();
        _seedAddresses = ports.Select(p => p.Address).ToArray();
        _seedPorts = ports.ToDictionary(p => p.Address);
        // Every node pins every seed's key, as the seed list the process launchers write does.
        _seedKeys = PinnedSeeds.Keys(nodesDir, _seedAddresses).ToDictionary(p => p.Seed, p => p.Key);
    }

    public string Runtime => RuntimeNames.Real;
    public bool StartsJoiningSeeds => true;
    public string Describe => "real TCP nodes hosted in this process on 127.0.0.1";
    public IReadOnlyList<NodeAddress> SeedAddresses => _seedAddresses;

    public IRealNode Start(NodeRef node, NodeAddress? listen, bool originates)
    {
        // A seed's first life takes the listener opened for its address; later lives listen anew there.
        var port = listen is { } at && _seedPorts.Remove(at, out var open) ? open : NodePort.Listen(listen ?? AnyLoopbackPort);
        // Every life of a node opens its directory as the node executable's --out (its key and a
        // seed's commit log in state/, as --state-dir), with the per-node seed of a process launcher's --seed.
        var assembled = NodeAssembly.Assemble(new NodeSettings
        {
            SeedConfig = node.IsSeed ? ScenarioConfig.SeedConfigOf(_s) : null,
            PeerConfig = node.IsSeed ? null : ScenarioConfig.PeerConfigOf(_s) with { MessageIncludesPort = true, Originates = originates },
            Seeds = _seedAddresses,
            PinnedKeys = _seedKeys,
            OperatorKey = PinnedSeeds.OperatorKey(_nodesDir),
            // A seed past the scenario's is one a seed-set change adds: the vote brings it in.
            Joining = node.IsSeed && node.Index >= _s.Seeds,
            SeedListName = "the launcher's seed list",
            OutDir = RealRunner.NodeDirectory(_nodesDir, node),
            RandomSeed = RngStreams.NodeSeed(_runSeed, node.Role, node.Index),
        }, port);
        var hosted = new HostedNode(assembled);
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
        foreach (var unused in _seedPorts.Values) unused.Transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _seedPorts.Clear();
        lock (_all) foreach (var h in _all) h.Dispose();
    }

    private sealed class HostedNode : IRealNode, IDisposable
    {
        private readonly NodeAssembly _node;
        private readonly NodeHost _host;
        private volatile bool _exited;

        public HostedNode(NodeAssembly node)
        {
            _node = node;
            _host = node.Host;
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

        public void Leave()
        {
            _host.RequestStop(sayGoodbye: true);
            _exited = true;
        }

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
            PeerNode p => new NodeSnapshot(p.Degree, p.IsRegistered, p.GossipReceived, 0, p.TreeLinks, p.PassiveViewCount),
            SeedNode sd => new NodeSnapshot(0, true, 0, sd.Peers.LiveCount),
            _ => null,
        };

        public long WorkingSet() => 0;

        public void Dispose() => _node.Close(); // a restart appends to its files: the node's earlier life stays in its trace
    }
}

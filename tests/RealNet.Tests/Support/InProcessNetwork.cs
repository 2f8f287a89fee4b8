using System.Collections.Concurrent;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Transport;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Support;

/// <summary>
/// Seeds and peers in this process, each on its own TCP port (from the OS) with its own host and
/// loop, exactly as the executable runs them (the same sender policy too); they share one trace
/// sink so the test can watch. Transport options (a cluster key, say) apply to every node unless
/// a peer is given its own. Every node proves its own key; seeds bind members' keys, and the
/// seeds a test pins are pinned at every node, as a seed list with keys does.
/// </summary>
public sealed class InProcessNetwork : IAsyncDisposable
{
    private const ulong MasterSeed = 20261122;
    private readonly string _dir;
    private readonly TcpTransportOptions? _options;
    private readonly List<NodeLog> _logs = new();
    private readonly Dictionary<TcpTransport, NodeLog?[]> _pendingLogs = new();
    private long _logMaxBytes = NodeLog.DefaultMaxFileBytes;
    private long? _traceMaxBytes;
    private readonly Dictionary<string, TraceFileSink> _traceFiles = new();
    private Engine.Config.SeedConfig _seedConfig = FastTimings.Seed;

    private InProcessNetwork(string dir, TcpTransportOptions? options)
    {
        _dir = dir;
        _options = options;
    }

    public CollectingTraceSink Trace { get; } = new();
    public List<NodeHost> Seeds { get; } = new();
    public List<NodeHost> Peers { get; } = new();
    public IReadOnlyList<NodeAddress> SeedAddresses { get; private set; } = [];
    /// <summary>Each seed's key and store, which a restarted seed takes up again.</summary>
    public List<NodeIdentity> SeedIdentities { get; } = new();
    private readonly List<MemoryCommitStore> _seedStores = new();
    private readonly List<ConcurrentDictionary<NodeAddress, NodeKey>> _seedLearned = new();
    private readonly Dictionary<NodeAddress, NodeKey> _pins = new();
    public string Directory => _dir;

    /// <param name="logMaxBytes">Each node's log file rotates at this size.</param>
    /// <param name="seedConfig">The seeds' settings (default <see cref="FastTimings.Seed"/>).</param>
    /// <param name="pinned">The seeds (by index) whose keys every node pins; the others are unpinned lines.</param>
    /// <param name="traceMaxBytes">Each node also writes its own trace file (<see cref="TracePath"/>), as the executable does, rotating at this size; null: none.</param>
    public static InProcessNetwork StartSeeds(int count, string dir, TcpTransportOptions? options = null, long logMaxBytes = NodeLog.DefaultMaxFileBytes,
        Engine.Config.SeedConfig? seedConfig = null, IReadOnlyCollection<int>? pinned = null, long? traceMaxBytes = null)
    {
        System.IO.Directory.CreateDirectory(dir);
        var net = new InProcessNetwork(dir, options) { _logMaxBytes = logMaxBytes, _seedConfig = seedConfig ?? FastTimings.Seed, _traceMaxBytes = traceMaxBytes };
        // Bind every seed first: each needs the others' real ports (and keys) in its seed list.
        var transports = Enumerable.Range(0, count).Select(_ => net.Listen(options)).ToList();
        net.SeedAddresses = transports.Select(t => t.LocalAddress).ToArray();
        net.SeedIdentities.AddRange(transports.Select(t => t.Identity));
        foreach (int i in pinned ?? []) net._pins[net.SeedAddresses[i]] = transports[i].Identity.PublicKey;
        for (int i = 0; i < count; i++)
        {
            net._seedStores.Add(new MemoryCommitStore());
            net._seedLearned.Add(new ConcurrentDictionary<NodeAddress, NodeKey>());
            net.Seeds.Add(net.HostSeed(i, transports[i], epoch: i + 1));
        }
        foreach (var s in net.Seeds) s.Start();
        return net;
    }

    private NodeHost HostSeed(int i, TcpTransport transport, long epoch)
    {
        Pin(transport, _seedLearned[i]);
        var node = new SeedNode(_seedConfig, SeedAddresses, epoch, store: _seedStores[i], identity: new SeedIdentity(transport.Identity, transport.Keys));
        transport.RestrictSenders(SenderPolicy.ForSeed(SeedAddresses));
        return Host(node, transport, "seed");
    }

    /// <summary>Pins the pinned seeds and learns the others on first use, as the node executable does; <paramref name="kept"/> stands for a seed's state directory.</summary>
    private void Pin(TcpTransport transport, ConcurrentDictionary<NodeAddress, NodeKey>? kept = null, bool peer = false)
    {
        foreach (var (address, key) in _pins) transport.Keys.Pin(address, key);
        transport.Keys.LearnSeedsOnFirstUse(SeedAddresses, kept ?? [], kept == null ? null : (seed, key) => kept[seed] = key, atHandshake: !peer);
    }

    /// <summary>Crashes seed <paramref name="i"/> (if it runs) and starts it again on its address, with its key and its commits, in a new epoch.</summary>
    public async Task<NodeHost> RestartSeedAsync(int i)
    {
        await Seeds[i].CrashAsync();
        var transport = Listen(_options, SeedAddresses[i]);
        transport.UseIdentity(SeedIdentities[i]);
        Seeds[i] = HostSeed(i, transport, epoch: 100 + i);
        Seeds[i].Start();
        return Seeds[i];
    }

    /// <summary>
    /// A new peer; <paramref name="options"/> replaces the network's transport options for this one
    /// (another key, or none). With <paramref name="address"/> and <paramref name="identity"/> it is
    /// a restarted peer: the same address and key (what its state directory keeps), a new incarnation.
    /// </summary>
    public NodeHost AddPeer(TcpTransportOptions? options = null, Engine.Config.PeerConfig? config = null, NodeAddress? address = null, NodeIdentity? identity = null)
    {
        var transport = Listen(options ?? _options, address);
        if (identity != null) transport.UseIdentity(identity);
        Pin(transport, peer: true);
        transport.RestrictSenders(SenderPolicy.ForPeer(SeedAddresses));
        var node = new PeerNode(config ?? FastTimings.Peer, SeedAddresses, incarnation: 100 + Peers.Count, identity: new PeerIdentity(transport.Identity, transport.Keys));
        var host = Host(node, transport, "peer");
        Peers.Add(host);
        host.Start();
        return host;
    }

    public string StatusPath(NodeHost host) => Path.Combine(_dir, $"{Name(host)}.status.json");

    public string LogPath(NodeHost host) => Path.Combine(_dir, $"{Name(host)}.txt");

    /// <summary>The node's own trace file, when the network writes them (its rotated part is this path + ".1").</summary>
    public string TracePath(NodeHost host) => Path.Combine(_dir, $"{Name(host)}.trace.jsonl");

    /// <summary>Binds a port; the transport's own lines (bad frames, unreachable nodes) go to the node's log once it exists.</summary>
    private TcpTransport Listen(TcpTransportOptions? options, NodeAddress? address = null)
    {
        var holder = new NodeLog?[1];
        var transport = TcpTransport.Listen(address ?? Loopback.AnyPort, options, line => holder[0]?.Line(line));
        _pendingLogs[transport] = holder;
        return transport;
    }

    private NodeHost Host(Node node, TcpTransport transport, string role)
    {
        var self = transport.LocalAddress;
        string path = Path.Combine(_dir, $"{role}-{self.IpText}_{self.Port}.txt");
        foreach (var earlier in _logs.Where(l => l.FilePath == path).ToList())
        {
            earlier.Dispose(); // a restarted node's earlier life (its host has crashed)
            _logs.Remove(earlier);
        }
        var log = new NodeLog(path, null, "", maxFileBytes: _logMaxBytes);
        _logs.Add(log);
        _pendingLogs[transport][0] = log;
        ITraceSink trace = Trace;
        if (_traceMaxBytes is { } traceCap)
        {
            string tracePath = Path.Combine(_dir, $"{role}-{self.IpText}_{self.Port}.trace.jsonl");
            if (_traceFiles.Remove(tracePath, out var earlier)) earlier.Dispose(); // a restarted node's earlier life
            var file = TraceFileSink.Open(tracePath, traceCap, log.Line);
            _traceFiles[tracePath] = file;
            trace = new TraceFanout(Trace, file);
        }
        return new NodeHost(node, transport, new NodeHostOptions
        {
            Random = RngStreams.Node(RngStreams.Child(MasterSeed, self.Key)),
            Trace = trace,
            Log = log,
            StatusPath = Path.Combine(_dir, $"{role}-{self.IpText}_{self.Port}.status.json"),
            StatusInterval = TimeSpan.FromMilliseconds(200),
        });
    }

    private static string Name(NodeHost host) =>
        $"{(host.Node.Role == NodeRole.Seed ? "seed" : "peer")}-{host.Address.IpText}_{host.Address.Port}";

    public async ValueTask DisposeAsync()
    {
        foreach (var h in Seeds.Concat(Peers)) await h.CrashAsync();
        foreach (var t in _traceFiles.Values) t.Dispose();
        foreach (var l in _logs) l.Dispose();
    }
}

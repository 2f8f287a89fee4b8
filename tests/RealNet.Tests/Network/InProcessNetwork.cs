using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Tests.Support;
using GossipSim.RealNet.Transport;

namespace GossipSim.RealNet.Tests.Network;

/// <summary>
/// Seeds and peers in this process, each on its own TCP port (from the OS) with its own host and
/// loop, exactly as the executable runs them (the same sender policy too); they share one trace
/// sink so the test can watch. Transport options (a cluster key, say) apply to every node unless
/// a peer is given its own.
/// </summary>
public sealed class InProcessNetwork : IAsyncDisposable
{
    private const ulong MasterSeed = 20261122;
    private readonly string _dir;
    private readonly TcpTransportOptions? _options;
    private readonly List<NodeLog> _logs = new();
    private readonly Dictionary<TcpTransport, NodeLog?[]> _pendingLogs = new();
    private long _logMaxBytes = NodeLog.DefaultMaxFileBytes;

    private InProcessNetwork(string dir, TcpTransportOptions? options)
    {
        _dir = dir;
        _options = options;
    }

    public CollectingTraceSink Trace { get; } = new();
    public List<NodeHost> Seeds { get; } = new();
    public List<NodeHost> Peers { get; } = new();
    public IReadOnlyList<NodeAddress> SeedAddresses { get; private set; } = [];
    public string Directory => _dir;

    /// <param name="logMaxBytes">Each node's log file rotates at this size.</param>
    /// <param name="seedConfig">The seeds' settings (default <see cref="FastTimings.Seed"/>).</param>
    public static InProcessNetwork StartSeeds(int count, string dir, TcpTransportOptions? options = null, long logMaxBytes = NodeLog.DefaultMaxFileBytes,
        Engine.Config.SeedConfig? seedConfig = null)
    {
        System.IO.Directory.CreateDirectory(dir);
        var net = new InProcessNetwork(dir, options) { _logMaxBytes = logMaxBytes };
        // Bind every seed first: each needs the others' real ports in its seed list.
        var transports = Enumerable.Range(0, count).Select(_ => net.Listen(options)).ToList();
        net.SeedAddresses = transports.Select(t => t.LocalAddress).ToArray();
        for (int i = 0; i < count; i++)
        {
            var node = new SeedNode(seedConfig ?? FastTimings.Seed, net.SeedAddresses, epoch: i + 1);
            transports[i].RestrictSenders(SenderPolicy.ForSeed(net.SeedAddresses));
            net.Seeds.Add(net.Host(node, transports[i], "seed"));
        }
        foreach (var s in net.Seeds) s.Start();
        return net;
    }

    /// <summary>A new peer; <paramref name="options"/> replaces the network's transport options for this one (another key, or none).</summary>
    public NodeHost AddPeer(TcpTransportOptions? options = null, Engine.Config.PeerConfig? config = null)
    {
        var transport = Listen(options ?? _options);
        transport.RestrictSenders(SenderPolicy.ForPeer(SeedAddresses));
        var node = new PeerNode(config ?? FastTimings.Peer, SeedAddresses, incarnation: 100 + Peers.Count);
        var host = Host(node, transport, "peer");
        Peers.Add(host);
        host.Start();
        return host;
    }

    public string StatusPath(NodeHost host) => Path.Combine(_dir, $"{Name(host)}.status.json");

    public string LogPath(NodeHost host) => Path.Combine(_dir, $"{Name(host)}.txt");

    /// <summary>Binds a port; the transport's own lines (bad frames, unreachable nodes) go to the node's log once it exists.</summary>
    private TcpTransport Listen(TcpTransportOptions? options)
    {
        var holder = new NodeLog?[1];
        var transport = TcpTransport.Listen(Loopback.AnyPort, options, line => holder[0]?.Line(line));
        _pendingLogs[transport] = holder;
        return transport;
    }

    private NodeHost Host(Node node, TcpTransport transport, string role)
    {
        var self = transport.LocalAddress;
        var log = new NodeLog(Path.Combine(_dir, $"{role}-{self.IpText}_{self.Port}.txt"), null, "", maxFileBytes: _logMaxBytes);
        _logs.Add(log);
        _pendingLogs[transport][0] = log;
        return new NodeHost(node, transport, new NodeHostOptions
        {
            Random = RngStreams.RealNode(MasterSeed, self),
            Trace = Trace,
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
        foreach (var l in _logs) l.Dispose();
    }
}

using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Threads;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Support;

/// <summary>Keeps every trace event in memory, for assertions.</summary>
public sealed class RecordingSink : ITraceSink
{
    public readonly List<TraceEvent> Events = new();
    public void Write(in TraceEvent e) => Events.Add(e);
    public IEnumerable<TraceEvent> Of(TraceKind kind) => Events.Where(e => e.Kind == kind);
}

/// <summary>A small simulated network of real SeedNodes and PeerNodes, built the way the runner builds one.</summary>
public sealed class SimHarness
{
    public readonly SimNetwork Net;
    public readonly RecordingSink Trace = new();
    public readonly JsonlTraceSink Hash = new(null);
    public readonly NodeAddress[] SeedAddresses;
    public readonly int[] SeedIndex;
    public readonly List<int> PeerIndex = new();
    public readonly PeerConfig PeerConfig;
    public readonly SeedConfig SeedConfig;

    /// <param name="durable">Each seed keeps a store that outlives its crashes, as in the runner; false: a restarted seed starts empty (a lost disk).</param>
    /// <param name="threads">Threads; with more than one, <paramref name="runner"/> runs every window's partitions (even the smallest window's).</param>
    /// <param name="partitions">Partitions (default: the network's, <see cref="SimNetwork.PartitionsPerThread"/> a thread).</param>
    /// <param name="storeOf">A seed's own store, by seed index (null from it: as <paramref name="durable"/> says).</param>
    /// <param name="seedNodeOf">Another node in a seed's place, by seed index (an insider that lies); null from it: an honest seed.</param>
    public SimHarness(int seeds, ulong seed = 1, PeerConfig? peer = null, SeedConfig? seedConfig = null, LatencyModel? latency = null, bool record = true, bool durable = true,
        int threads = 1, ParallelRunner? runner = null, int? partitions = null, Func<int, ICommitStore?>? storeOf = null,
        Func<int, NodeAddress[], Node?>? seedNodeOf = null)
    {
        PeerConfig = peer ?? FastPeer();
        SeedConfig = seedConfig ?? FastSeed();
        Net = new SimNetwork(seed, latency ?? new UniformLatency(10, 50), record ? new TraceFanout(Trace, Hash) : Hash, threads, runner, partitions) { SideBySideMinEvents = 0 };
        SeedAddresses = Enumerable.Range(0, seeds).Select(i => new NodeAddress((10u << 24) | (uint)(i + 1), 5000)).ToArray();
        SeedIndex = SeedAddresses.Select((a, i) =>
        {
            var store = storeOf?.Invoke(i) ?? (durable ? new MemoryCommitStore() : null);
            return Net.AddNode(a, inc => seedNodeOf?.Invoke(i, SeedAddresses) ?? new SeedNode(SeedConfig, SeedAddresses, inc, store: store),
                TimeSpan.Zero);
        }).ToArray();
    }

    public static PeerConfig FastPeer() => new()
    {
        GossipInterval = TimeSpan.FromSeconds(1),
        MessagesPerPeer = 5,
        PingInterval = TimeSpan.FromSeconds(1),
        MissesBeforeSuspect = 3,
        WitnessProbeTimeout = TimeSpan.FromMilliseconds(500),
        SuspicionQueryTimeout = TimeSpan.FromSeconds(1),
        RegisterTimeout = TimeSpan.FromSeconds(2),
        LinkTimeout = TimeSpan.FromSeconds(1),
        ReattachRetry = TimeSpan.FromSeconds(1),
    };

    public static SeedConfig FastSeed() => new()
    {
        ProbeTimeout = TimeSpan.FromMilliseconds(500),
        ProposalTimeout = TimeSpan.FromSeconds(1),
        AntiEntropyInterval = TimeSpan.FromSeconds(1),
    };

    public static NodeAddress PeerAddress(int i) => new((10u << 24) + (1u << 16) + (uint)(i + 1), 7000);

    /// <summary>Adds peers joining evenly over the window, starting at <paramref name="from"/>.</summary>
    public void AddPeers(int count, TimeSpan from, TimeSpan window, Func<int, PeerConfig>? configOf = null)
    {
        int first = PeerIndex.Count;
        for (int k = 0; k < count; k++)
        {
            int i = first + k;
            var cfg = configOf?.Invoke(i) ?? PeerConfig;
            var at = from + (count == 1 ? TimeSpan.Zero : window * k / (count - 1));
            PeerIndex.Add(Net.AddNode(PeerAddress(i), inc => new PeerNode(cfg, SeedAddresses, inc), at));
        }
    }

    public IEnumerable<SeedNode> LiveSeeds => SeedIndex.Select(i => Net.NodeAt(i)).OfType<SeedNode>();
    public IEnumerable<PeerNode> LivePeers => PeerIndex.Select(i => Net.NodeAt(i)).OfType<PeerNode>();
    public PeerNode Peer(int i) => (PeerNode)Net.NodeAt(PeerIndex[i])!;

    public void Run(double seconds) => Net.RunUntil(TimeSpan.FromSeconds(seconds));

    /// <summary>The live peer with most links (lowest index on ties).</summary>
    public int HubIndex() => PeerIndex.Where(Net.IsAlive).OrderByDescending(i => ((PeerNode)Net.NodeAt(i)!).Degree).ThenBy(i => i).First();
}

using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Host;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Nodes;

/// <summary>
/// What one real seed or peer is made from, whoever starts it: the node executable (from its
/// command line and seed list) or a launcher that hosts nodes in its own process. Exactly one of
/// <see cref="SeedConfig"/> and <see cref="PeerConfig"/> is set: it says the role.
/// </summary>
public sealed record NodeSettings
{
    public SeedConfig? SeedConfig { get; init; }

    public PeerConfig? PeerConfig { get; init; }

    public NodeRole Role => SeedConfig != null ? NodeRole.Seed : NodeRole.Peer;

    /// <summary>Every seed's address, in the seed list's order.</summary>
    public required IReadOnlyList<NodeAddress> Seeds { get; init; }

    /// <summary>The seeds pinned by key; the others are bound to the first key that proves them (learned on first use).</summary>
    public IReadOnlyDictionary<NodeAddress, NodeKey> PinnedKeys { get; init; } = new Dictionary<NodeAddress, NodeKey>();

    /// <summary>The operator's key the seed list pins ("operator KEY"): a seed begins a change of the seed set only with its approval;
    /// null: none, and the set changes by no vote.</summary>
    public NodeKey? OperatorKey { get; init; }

    /// <summary>A seed that a vote of the seed set is to bring in: it starts with the network's seed list, which does not name it, and
    /// asks the seeds for the steps that do.</summary>
    public bool Joining { get; init; }

    /// <summary>Where the seed list came from, for messages ("seeds.txt", or the launcher's list).</summary>
    public required string SeedListName { get; init; }

    /// <summary>The node's output: its log, trace.jsonl, config.json and (with a status interval) status.json.</summary>
    public required string OutDir { get; init; }

    /// <summary>What outlives a life of the node: its key, learned seed keys, a seed's commit log; null: OutDir/state.</summary>
    public string? StateDir { get; init; }

    /// <summary>The node's key file; null: its file in the state directory.</summary>
    public string? KeyPath { get; init; }

    /// <summary>The seed of the node's random stream; null: drawn from the clock (a run nobody means to replay).</summary>
    public ulong? RandomSeed { get; init; }

    /// <summary>The node's incarnation (a seed's epoch); null: a new one from the clock, later than any earlier life's.</summary>
    public long? Incarnation { get; init; }

    /// <summary>Where log lines are echoed besides the node's file; null: the file only.</summary>
    public TextWriter? Console { get; init; }

    public long LogMaxBytes { get; init; } = NodeLog.DefaultMaxFileBytes;

    public long TraceMaxBytes { get; init; } = TraceFileSink.DefaultMaxFileBytes;

    /// <summary>
    /// How often status.json is rewritten; null: no status file (a launcher hosting thousands of
    /// nodes reads them in memory).
    /// </summary>
    public TimeSpan? StatusInterval { get; init; }

    /// <summary>Where /metrics is served (port 0: a free one); null: no metrics, and the Prometheus library is never loaded.</summary>
    public NodeAddress? MetricsAt { get; init; }

    public string StateDirectory => StateDir ?? Path.Combine(OutDir, "state");
}

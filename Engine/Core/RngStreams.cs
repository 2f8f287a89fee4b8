using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Core;

/// <summary>
/// A node's own random stream, and the rule for a seed handed on (<see cref="Child"/>). Every
/// other stream is named by the project that draws from it, in a class named <c>…Streams</c>
/// (a check sees them all and refuses two that share a stream). The values are part of every
/// recorded trace hash.
/// </summary>
public static class RngStreams
{
    /// <summary>Peers' keys start here, above any seed's index, so no peer shares a seed's key.</summary>
    private const ulong PeerKeys = 1UL << 32;

    /// <summary>
    /// The one rule for a node's seed in a run, on every runtime (the simulator, node processes,
    /// the namespace bed, containers): the run's seed and the node's role and index in the
    /// scenario, so the same node draws the same stream wherever it runs. A restart keeps it: a
    /// node process or container is started again with the same --seed.
    /// </summary>
    public static ulong NodeSeed(ulong runSeed, NodeRole role, int index)
        => Child(runSeed, (role == NodeRole.Seed ? 0 : PeerKeys) + (ulong)index);

    /// <summary>A node's own stream, from its seed (<see cref="NodeSeed"/> in a run; a node process's --seed).</summary>
    public static Rng Node(ulong nodeSeed) => Rng.ForStream(nodeSeed, 0x4E4F4445); // "NODE"

    /// <summary>The <paramref name="n"/>-th seed handed on from <paramref name="parent"/>: the one rule for a seed that starts a run or a
    /// node of its own.</summary>
    public static ulong Child(ulong parent, ulong n) => parent * 1_000_003UL + n;
}

using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Core;

/// <summary>
/// A node's own random streams, and the rule for a seed handed on (<see cref="Child"/>). Every
/// other stream is named by the project that draws from it, in a class named <c>…Streams</c>
/// (a check sees them all and refuses two that share a stream). Node streams use small ids (a
/// node's index or its address key); the values are part of every recorded trace hash.
/// </summary>
public static class RngStreams
{
    /// <summary>A simulated node's life: its index, and a salt of its incarnation (a restart draws anew).</summary>
    public static Rng SimNode(ulong seed, int index, long incarnation) => Rng.ForStream(seed, (ulong)index, (ulong)incarnation);

    /// <summary>A real node (a process, or an in-process node): its address key.</summary>
    public static Rng RealNode(ulong seed, NodeAddress self) => Rng.ForStream(seed, self.Key);

    /// <summary>
    /// A real node's seed in a scenario run (a node process's --seed; <see cref="RealNode"/> then
    /// keys the stream by address): seeds are children 0.., peers 1000.. of the run's seed.
    /// </summary>
    public static ulong RealNodeSeed(ulong runSeed, bool isSeed, int index)
        => Child(runSeed, isSeed ? (ulong)index : 1000UL + (ulong)index);

    /// <summary>The <paramref name="n"/>-th seed handed on from <paramref name="parent"/>: the one rule for a seed that starts a run or a
    /// node of its own.</summary>
    public static ulong Child(ulong parent, ulong n) => parent * 1_000_003UL + n;
}

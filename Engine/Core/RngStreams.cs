using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Core;

/// <summary>
/// Every random stream of a run, by name: one place that says which stream id and salt each
/// component draws from (<see cref="Rng.ForStream"/>), so no two components share a stream by
/// accident. Node streams use small ids (a node's index or its address key); the run's own
/// streams count down from the top of the id range. The values are part of every recorded
/// trace hash: changing one changes the runs.
/// </summary>
public static class RngStreams
{
    /// <summary>A simulated node's life: its index, and a salt of its incarnation (a restart draws anew).</summary>
    public static Rng SimNode(ulong seed, int index, long incarnation) => Rng.ForStream(seed, (ulong)index, (ulong)incarnation);

    /// <summary>A simulated node's network draws (its messages' delays, losses, duplicates), apart from its own choices.</summary>
    // "NET"
    public static Rng SimNodeNetwork(ulong seed, int index, long incarnation)
        => Rng.ForStream(seed, (ulong)index, (ulong)incarnation ^ 0x4E45540000000000UL);

    /// <summary>A real node (a process, or an in-process node): its address key.</summary>
    public static Rng RealNode(ulong seed, NodeAddress self) => Rng.ForStream(seed, self.Key);

    /// <summary>
    /// A real node's seed in a scenario run (a node process's --seed; <see cref="RealNode"/> then
    /// keys the stream by address): seeds are children 0.., peers 1000.. of the run's seed.
    /// </summary>
    public static ulong RealNodeSeed(ulong runSeed, bool isSeed, int index)
        => Child(runSeed, isSeed ? (ulong)index : 1000UL + (ulong)index);

    /// <summary>The scenario seed of one run of a swarm test (the run's faults draw from <see cref="SwarmRun"/>).</summary>
    public static ulong SwarmRunSeed(ulong swarmSeed, int run) => Child(swarmSeed, (ulong)run);

    /// <summary>The <paramref name="n"/>-th seed handed on from <paramref name="parent"/>: the one rule for a seed that starts a run or a
    /// node of its own.</summary>
    private static ulong Child(ulong parent, ulong n) => parent * 1_000_003UL + n;

    /// <summary>The simulated network's latency and loss draws, apart from every node's.</summary>
    public static Rng Network(ulong seed) => Rng.ForStream(seed, ulong.MaxValue, 0x4E4554); // "NET"

    /// <summary>The salt of latency draws keyed by receiver and message (a pure function of the seed: no draw, no state).</summary>
    public static ulong LatencySalt(ulong seed) => Rng.ForStream(seed, ulong.MaxValue - 4, 0x53414C54).NextUInt64(); // "SALT"

    /// <summary>The churn's leavers on the simulator (who leaves when a leave is due).</summary>
    public static Rng Faults(ulong seed) => Rng.ForStream(seed, ulong.MaxValue - 1, 0x4641554C54); // "FAULT"

    /// <summary>
    /// A random-peers crash's victims, on every runtime (the one victim picker): the fault's
    /// position in the schedule is the salt, so two crashes draw apart.
    /// </summary>
    public static Rng Victims(ulong seed, int faultPosition) => Rng.ForStream(seed, 0x5649435449_4D53, (ulong)faultPosition); // "VICTIMS"

    /// <summary>Which peers originate gossip in a simulated run.</summary>
    public static Rng Originators(ulong seed) => Rng.ForStream(seed, ulong.MaxValue - 2, 0x4F524947); // "ORIG"

    /// <summary>The churn schedule (who leaves, who joins) in a simulated run.</summary>
    public static Rng Churn(ulong seed) => Rng.ForStream(seed, ulong.MaxValue - 3, 0x434855524E); // "CHURN"

    /// <summary>A delay relay's direction of one connection: 2 × connection id, + 1 for the way back.</summary>
    public static Rng RelayDirection(ulong seed, long connection, bool back) =>
        Rng.ForStream(seed, (ulong)connection * 2 + (back ? 1UL : 0UL), 0x52454C4159); // "RELAY"

    /// <summary>One run of a swarm test.</summary>
    public static Rng SwarmRun(ulong swarmSeed, int run) => Rng.ForStream(swarmSeed, (ulong)run, 0x5357524D); // "SWRM"

    /// <summary>`bench flood`: the overlay it grows, and the latencies it draws.</summary>
    public static Rng FloodGraph(ulong seed) => Rng.ForStream(seed, 1);

    public static Rng FloodLatency(ulong seed) => Rng.ForStream(seed, 2);

    /// <summary>`bench phold`: every destination and delay, in event order.</summary>
    public static Rng Phold(ulong seed) => Rng.ForStream(seed, 3, 0x50484F4C44); // "PHOLD"

    /// <summary>One bootstrap replicate of the power-law fit.</summary>
    public static Rng BootstrapReplicate(ulong seed, int replicate) => Rng.ForStream(seed, (ulong)replicate, 0xB0075);
}

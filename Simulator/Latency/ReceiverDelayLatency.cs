using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Latency;

/// <summary>
/// A link delay per copy plus the receiving node's own delay (being scheduled, reading, its work)
/// once per node and gossip message: every copy of one message that reaches one node waits the
/// same. On real nodes a peer that is slow to run is slow for every copy at once, so the copies
/// racing to it cannot route around it; independent per-copy draws would let the fastest copy win.
/// The node's delay for a gossip message is a pure function of (run salt, node, message), so it
/// takes no state and no draw per copy; other messages draw it afresh per copy.
/// </summary>
public sealed record ReceiverDelayLatency(LatencyModel Link, EmpiricalLatency Receiver) : LatencyModel
{
    /// <summary>Mixed into every keyed draw, so runs with other seeds give nodes other delays; set per run by
    /// <see cref="ForRun"/>.</summary>
    public ulong Salt { get; init; }

    public override LatencyModel ForRun(ulong seed) => this with { Salt = SimStreams.LatencySalt(seed) };

    /// <summary>Without a receiver to key on (the bed's relay): the two delays drawn per copy.</summary>
    public override long SampleTicks(Rng rng) => Link.SampleTicks(rng) + TicksOfMs(Receiver.MsAt(rng.NextDouble()));

    public override long SampleTicks(Rng rng, int target, Message message, long nowTicks)
    {
        long link = Link.SampleTicks(rng);
        if (message is not Engine.Messages.Gossip g) return link + TicksOfMs(Receiver.MsAt(rng.NextDouble()));
        return link + TicksOfMs(Receiver.MsAt(KeyedDraw.Uniform(Salt, (uint)target, g.Id)));
    }

    public override long MinTicks => Link.MinTicks + Receiver.MinTicks;

    public override string Describe()
        => $"link {Link.Describe()}, plus the receiving node's own delay per gossip message, {Receiver.Describe()}";
}

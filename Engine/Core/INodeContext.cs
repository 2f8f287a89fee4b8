using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;

namespace GossipSim.Engine.Core;

/// <summary>
/// Everything a node may do to the world. The runtime (simulator or RealNet) implements it;
/// a node never touches sockets, wall-clock time, threads or a global Random.
/// Contract: all calls come from the node's own single thread, during one of its callbacks.
/// </summary>
public interface INodeContext
{
    NodeAddress Self { get; }

    /// <summary>
    /// Time since the runtime's epoch: virtual time from 0 in the simulator, time since the
    /// Unix epoch on real nodes (so that the traces of separate processes line up). Never goes back.
    /// </summary>
    TimeSpan Now { get; }

    /// <summary>
    /// Best effort: the message may be lost, delayed or reordered, and nothing is said when
    /// the receiver is gone. Liveness is the protocol's job (pings), not the transport's.
    /// </summary>
    void Send(NodeAddress to, Message message);

    /// <summary>Fires <see cref="Node.OnTimer"/> with the tag after the delay, unless cancelled or the node crashed.</summary>
    TimerId SetTimer(TimeSpan after, TimerTag tag);

    void CancelTimer(TimerId id);

    /// <summary>This node's own seeded stream: the only source of randomness a node may use.</summary>
    Rng Random { get; }

    /// <summary>Structured event for analysis. Cheap to call: sinks decide what to keep.</summary>
    void Trace(in TraceEvent e);

    /// <summary>
    /// True when detailed output is wanted (every gossip receipt, link, peer list). When false
    /// (huge simulations) callers skip building those lines; other lines still go to <see cref="Log"/>.
    /// </summary>
    bool LogEnabled { get; }

    /// <summary>One line of the node's human-readable output file (R13).</summary>
    void Log(string line);
}

public readonly record struct TimerId(long Value);

/// <summary>What a timer is for, and one argument (a neighbour's key, a proposal id...).</summary>
public readonly record struct TimerTag(TimerKind Kind, long Arg = 0);

public enum TimerKind : byte
{
    // peer
    RegisterTimeout,
    LinkTimeout,
    GossipTick,
    PingTick,
    SuspicionQueryTimeout,
    MessageListSweep,
    ReattachRetry,
    // seed
    ProposalTimeout,
    ProbeTimeout,
    AntiEntropyTick,
    // both: send another ping of a probe before its timeout (a lost ping is not a dead node)
    ProbeResend,
    MembershipRefresh,
    // seed: send the degree reports gathered since the last relay
    DegreeRelayFlush,
}

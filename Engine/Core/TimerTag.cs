namespace GossipSim.Engine.Core;

/// <summary>A timer set through <see cref="IClock.SetTimer"/>, to cancel it by.</summary>
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
    // seed: the next slice of the sweep that probes members no link backs
    MemberSweep,
}

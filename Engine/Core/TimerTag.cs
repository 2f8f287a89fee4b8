using GossipSim.Engine.Vocabulary;

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
    // peer: a timer its failure detector set (Arg: the detector's number; the classic: 0 for the ping round, a round of witnesses'
    // number for its timeout)
    DetectorTimer,
    MessageListSweep,
    ReattachRetry,
    // peer: the next step of a witness's probe of a suspect (see Membership.Prober)
    WitnessProbe,
    // seed
    ProposalTimeout,
    AntiEntropyTick,
    // seed: the next step of a probe (ask again, or time out): before a removal vote, of a registrant's dial-back, of the member sweep
    RemovalProbe,
    DialBack,
    SweepProbe,
    // peer
    MembershipRefresh,
    // seed: send the degree reports gathered since the last relay
    DegreeRelayFlush,
    // seed: the next slice of the sweep that probes members no link backs
    MemberSweep,
    // a second in which lines or trace events were held back by a throttle is over: write its summaries (LogThrottle, Trace.TraceThrottle)
    HeldOutputFlush,
    // peer: a timer its broadcast set (Arg: the broadcast's number; Plumtree: a message announced by IHAVE is still missing)
    BroadcastTimer,
    // unused: HyParView's shuffle tick is its role's own timer (OverlayTimer) now; kept so the kinds after it keep their numbers
    HyParViewShuffle,
    // seed: propose again a removal whose vote only timed out (Arg: the retry's number)
    RemovalRetry,
    // peer: a timer its registered overlay set (Arg: the overlay's number)
    OverlayTimer,
    // seed: a cooldown after a removal voted down ended, with reports about that peer held for it (Arg: the hold's number)
    HeldReports,
    // seed: a proposal of the next seed set got no majority in time (Arg: the proposal's id)
    SeedSetProposalTimeout,
    // seed: a joint seed set is still in force (Arg: its version): this seed proposes the change's end
    SeedSetFinish,
    // peer: send again a dead-node report about a neighbour no link watches, no seed having answered (Arg: that neighbour's key)
    ReportRetry,
    // peer: the next step of its ping of a neighbour dropped at a failed send, before it reports it again (Arg: the nonce)
    ReportRetryCheck,
}

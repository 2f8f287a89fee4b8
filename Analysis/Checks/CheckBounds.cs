namespace GossipSim.Analysis.Checks;

/// <summary>
/// What the checkers need to know about the run besides its trace: when faults stop, the
/// removal bound derived from the timings, the loss the run saw, and the memory caps.
/// Times are seconds from the run's origin.
/// </summary>
public sealed record CheckBounds
{
    public int SeedCount { get; init; }
    /// <summary>When the last fault (partition, loss, churn, crash) ended: the heal phase starts here.</summary>
    public double FaultsEndSeconds { get; init; }
    /// <summary>A crashed peer must be removed within this after max(crash, faults end).</summary>
    public double RemovalBoundSeconds { get; init; }
    /// <summary>A crashed peer nobody could report (<see cref="Summary.FailureRecord.Unwatched"/>) must be removed within this instead: the
    /// seeds find it when the certificate it refreshed runs out.</summary>
    public double UnwatchedRemovalBoundSeconds { get; init; }
    /// <summary>A detector that watches in rounds (SWIM): <see cref="RemovalBoundSeconds"/> holds for watchers whose probe round is
    /// at most this long; a crashed peer whose shortest-round watcher has a longer one (<see cref="Summary.FailureRecord.WatchRound"/>,
    /// a hub) gets <see cref="SecondsPerWatchRoundStep"/> more per neighbour more, as SWIM's round-robin promises detection within
    /// twice a round.</summary>
    public int WatchRoundCovered { get; init; } = int.MaxValue;
    public double SecondsPerWatchRoundStep { get; init; }
    /// <summary>How long a seed's probe waits for a peer's answer before it votes the peer out: a peer whose own node was held up
    /// this long just before its removal could not answer (<see cref="TraceChecks"/>, "no live peer removed").</summary>
    public double SeedProbeSeconds { get; init; }
    /// <summary>The highest message-loss rate at any time of the run.</summary>
    public double MaxLoss { get; init; }
    /// <summary>Whether the run partitioned the network at some point (a cut-off live peer may then be removed, and must rejoin).</summary>
    public bool HadPartition { get; init; }
    /// <summary>Whether a latency spike made round trips longer than the probe timeouts (then a slow peer looks dead).</summary>
    public bool HadSlowNetwork { get; init; }
    /// <summary>A live peer the seeds removed must have rejoined by the end when its removal was at least this long before it.</summary>
    public double RejoinBoundSeconds { get; init; } = 60;
    /// <summary>Messages created this close to the end are not expected to have spread yet.</summary>
    public double PropagationSeconds { get; init; } = 5;
    /// <summary>The documented bound under which no live peer may ever be removed (README, "Faults").</summary>
    public double LossBound { get; init; } = 0.10;
    public int MessageListCapacity { get; init; }
    /// <summary>Open proposals a seed may hold at the end of a quiet heal phase.</summary>
    public int OpenProposalsMax { get; init; } = 8;
    public double RunEndSeconds { get; init; }
}

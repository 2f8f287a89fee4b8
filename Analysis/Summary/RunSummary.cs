using System.Text.Json;
using System.Text.Json.Serialization;

namespace GossipSim.Analysis.Summary;

/// <summary>
/// The machine-readable result of a run (summary.json). Field meanings are the same for the
/// simulated and the real runtime; README "Results" documents each.
/// </summary>
public sealed class RunSummary
{
    public string Scenario { get; set; } = "";
    public string Runtime { get; set; } = "sim";
    public ulong Seed { get; set; }
    public int Seeds { get; set; }
    public int Peers { get; set; }
    public double WallSeconds { get; set; }
    public double SimulatedSeconds { get; set; }
    public long Events { get; set; }
    public double EventsPerSecond { get; set; }
    /// <summary>
    /// Peak memory of the process that ran the run: the simulator (the whole run), or the
    /// launcher, which for in-process hosting holds every node. Node processes are measured
    /// apart: <see cref="PeakWorkingSetPerNodeBytes"/>.
    /// </summary>
    public long PeakWorkingSetBytes { get; set; }
    /// <summary>Real runs with one process a node: the largest peak of any node process (null otherwise).</summary>
    public long? PeakWorkingSetPerNodeBytes { get; set; }
    public string? TraceHash { get; set; }
    public long TraceLines { get; set; }
    public DegreeSummary Degree { get; set; } = new();
    public GossipSummary Gossip { get; set; } = new();
    public List<FailureRecord> Failures { get; set; } = new();
    public int FalseRemovals { get; set; }
    public bool SeedsAgree { get; set; }
    public MembershipSummary Membership { get; set; } = new();
    /// <summary>Runs on the measured Internet (latency model wan): where the nodes were and gossip latency by region; null otherwise.</summary>
    public WanSummary? Wan { get; set; }
    /// <summary>Checkers over the trace: safety, liveness, bounded memory (filled when the run has them).</summary>
    public List<CheckResult>? Checks { get; set; }
    /// <summary>How many checks passed, failed, or had nothing to check (derived from <see cref="Checks"/>).</summary>
    public CheckCounts? CheckCounts => Checks == null ? null : Summary.CheckCounts.Of(Checks);
    public Dictionary<string, object>? Extra { get; set; }

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
    public static RunSummary FromJson(string json) => JsonSerializer.Deserialize<RunSummary>(json, JsonOptions)!;
}

public sealed class DegreeSummary
{
    public double Mean { get; set; }
    public int Max { get; set; }
    public int Min { get; set; }
    /// <summary>Degree -> number of live peers with it, at the end of the run.</summary>
    public SortedDictionary<int, int> Histogram { get; set; } = new();
    // The power-law fit (filled by Analysis.PowerLaw when the run is analysed).
    public double? Alpha { get; set; }
    public double? AlphaStdErr { get; set; }
    public int? Xmin { get; set; }
    public int? Ntail { get; set; }
    public double? Ks { get; set; }
    public double? P { get; set; }
    public LikelihoodRatio? VsLognormal { get; set; }
    public LikelihoodRatio? VsExponential { get; set; }
}

public sealed class LikelihoodRatio
{
    [JsonPropertyName("R")] public double R { get; set; }
    [JsonPropertyName("p")] public double P { get; set; }
}

public sealed class GossipSummary
{
    public int Messages { get; set; }
    public long Deliveries { get; set; }
    public long ExpectedDeliveries { get; set; }
    public double DeliveryRatio { get; set; }
    public double Redundancy { get; set; }
    public Quantiles LatencySeconds { get; set; } = new();
    public HopSummary Hops { get; set; } = new();
    /// <summary>Plumtree's own traffic, beside the payload copies <see cref="Redundancy"/> counts; absent when the peers flooded.</summary>
    public PlumtreeSummary? Plumtree { get; set; }
    /// <summary>The messages created while a crashed peer was not yet removed (the overlay not yet repaired): how far each reached;
    /// absent when no message was created then.</summary>
    public FailureReliability? DuringFailure { get; set; }
    /// <summary>The first <see cref="Stats.RunStatistics.FirstAfterCrashMessages"/> messages created from the first crash on (the papers'
    /// broadcasts sent right after a mass failure), measured as <see cref="DuringFailure"/>; absent when none was.</summary>
    public FailureReliability? FirstAfterCrash { get; set; }
    /// <summary>First receipts timed before their message's creation, which only clocks that differ between hosts make (a real run
    /// across machines): their latency counts as 0 in <see cref="LatencySeconds"/>, so the skew is said here rather than hidden;
    /// absent when there was none.</summary>
    public ClockSkew? ReceivedBeforeCreated { get; set; }
}

/// <summary>First receipts timed before their message's creation: how many, and the earliest, before the creation by how much.</summary>
public sealed class ClockSkew
{
    public long Receipts { get; set; }
    public double WorstSeconds { get; set; }
}

/// <summary>
/// Reliability while a failure is unrepaired, the figure of HyParView's evaluation (DSN 2007): for each message created after a crash
/// and before every crashed peer was removed, the share of the peers alive at the end (linked by the message's creation, its origin
/// excluded) that received it.
/// </summary>
public sealed class FailureReliability
{
    public int Messages { get; set; }
    /// <summary>The mean share over those messages (1: each reached every live peer).</summary>
    public double Reliability { get; set; }
    /// <summary>The share of the message that reached the fewest.</summary>
    public double Lowest { get; set; }
    /// <summary>Messages of the kind not measured: past the memory who received them may take (a run of very many messages and
    /// nodes); absent when every one was measured.</summary>
    public int? NotMeasured { get; set; }
}

/// <summary>What Plumtree sent besides the payload, from its peers' counters at their stop (trace event plumtree-counters).</summary>
public sealed class PlumtreeSummary
{
    /// <summary>IHAVE announcements sent on lazy links (one a message and link).</summary>
    public long IhavesSent { get; set; }
    /// <summary>The IHAVEs they went in (a peer's dispatch sends one a neighbour with what waited for it).</summary>
    public long IhaveMessagesSent { get; set; }
    public long GraftsSent { get; set; }
    public long PrunesSent { get; set; }
    /// <summary>Messages announced to a peer and never received once every announcer was asked.</summary>
    public long GivenUp { get; set; }
    /// <summary>IHAVE announcements per first receipt: the lazy links' cost, in small messages.</summary>
    public double IhavesPerReceipt { get; set; }
    /// <summary>GRAFT requests per first receipt: how often the tree was repaired or a lazy link was faster.</summary>
    public double GraftsPerReceipt { get; set; }
}

public sealed class Quantiles
{
    public double P50 { get; set; }
    public double P90 { get; set; }
    public double P99 { get; set; }
    public double Max { get; set; }
    public double Mean { get; set; }
}

public sealed class HopSummary
{
    public double Mean { get; set; }
    public int Max { get; set; }
}

/// <summary>One injected failure and how the network saw it (times in seconds of the run).</summary>
public sealed class FailureRecord
{
    public string Node { get; set; } = "";
    public string Role { get; set; } = "peer";
    public string Kind { get; set; } = "crash";
    public int Degree { get; set; }
    public double At { get; set; }
    public double? SuspectedAt { get; set; }
    public double? ReportedAt { get; set; }
    public double? RemovedAt { get; set; }
    /// <summary>Seeds that applied the removal of the life that crashed (R5: all live seeds should).</summary>
    public int RemovedBySeeds { get; set; }
    /// <summary>When it started again before any seed removed the life that crashed (seconds); null otherwise. The seeds take its new
    /// incarnation in place of the old one, so no removal of the crashed life need come.</summary>
    public double? RestartedAt { get; set; }
    /// <summary>True when no live peer was linked to it but those crashed with it (the simulator traces it; on real nodes, when it
    /// had no link at its crash): nobody could report it, and the seeds remove it once its certificate's refreshes stop (the
    /// silence bound, not the detection bound).</summary>
    public bool? Unwatched { get; set; }
    /// <summary>Under a detector that watches in rounds (SWIM): the shortest probe round among the live peers watching it at the
    /// crash (the simulator traces it); null when not traced.</summary>
    public int? WatchRound { get; set; }
}

public sealed class MembershipSummary
{
    public int PeersRegistered { get; set; }
    public int LivePeersAtEnd { get; set; }
    public int SeedListSize { get; set; }
    /// <summary>Membership changes the seeds committed, counted once per proposing seed (a peer's join is one; a removal is one per seed
    /// that proposed it).</summary>
    public int ProposalsCommitted { get; set; }
    /// <summary>Distinct membership changes: each (peer, incarnation, add or remove) counted once however many seeds proposed it.</summary>
    public int DistinctChanges { get; set; }
    public int ProposalsRejected { get; set; }
    public int ReportsRejected { get; set; }
    /// <summary>Dead-node reports (and goodbyes) seeds dropped unread: their reporter was over its rate.</summary>
    public int ReportsDropped { get; set; }
    public int Suspicions { get; set; }
    public int SuspicionsCleared { get; set; }
    /// <summary>How long crashed peers took to be suspected and removed (from <see cref="RunSummary.Failures"/>); absent with no
    /// crashed peer.</summary>
    public DetectionSummary? Detection { get; set; }
    /// <summary>SWIM's probing, from its peers' counters at their stop; absent under the classic failure detector.</summary>
    public SwimSummary? Swim { get; set; }
    /// <summary>HyParView's view upkeep, from its peers' counters at their stop; absent on the seeds' overlay.</summary>
    public HyParViewSummary? HyParView { get; set; }
}

/// <summary>Crash to first suspicion and crash to removal at the seeds, over the crashed peers that got there (seconds).</summary>
public sealed class DetectionSummary
{
    public int CrashedPeers { get; set; }
    public int Suspected { get; set; }
    public double FirstSuspicionMeanSeconds { get; set; }
    public double FirstSuspicionMaxSeconds { get; set; }
    public int Removed { get; set; }
    public double RemovalMeanSeconds { get; set; }
    public double RemovalMaxSeconds { get; set; }

    public static DetectionSummary? Of(IEnumerable<FailureRecord> failures)
    {
        var crashed = failures.Where(f => f.Role != "seed" && f.Kind == "crash").ToList();
        if (crashed.Count == 0) return null;
        var suspected = crashed.Where(f => f.SuspectedAt != null).Select(f => f.SuspectedAt!.Value - f.At).ToList();
        var removed = crashed.Where(f => f.RemovedAt != null).Select(f => f.RemovedAt!.Value - f.At).ToList();
        return new DetectionSummary
        {
            CrashedPeers = crashed.Count,
            Suspected = suspected.Count,
            FirstSuspicionMeanSeconds = suspected.Count > 0 ? suspected.Average() : 0,
            FirstSuspicionMaxSeconds = suspected.Count > 0 ? suspected.Max() : 0,
            Removed = removed.Count,
            RemovalMeanSeconds = removed.Count > 0 ? removed.Average() : 0,
            RemovalMaxSeconds = removed.Count > 0 ? removed.Max() : 0,
        };
    }
}

/// <summary>What HyParView's peers did to keep their views, from their counters at their stop (trace event hyparview-counters).</summary>
public sealed class HyParViewSummary
{
    /// <summary>Peer lives that ran HyParView and traced their counters as they stopped: a peer that left before the end, or started
    /// again, counts once a life (a crashed life traces none).</summary>
    public int Peers { get; set; }
    /// <summary>NEIGHBOR requests to passive peers (a lost link replaced, or room in the active view).</summary>
    public long PromotionsAsked { get; set; }
    /// <summary>Of those, refused: low priority at a full active view.</summary>
    public long PromotionsRefused { get; set; }
    /// <summary>FORWARDJOINs sent, by contacts and along the walks.</summary>
    public long ForwardJoins { get; set; }
    public long ShufflesStarted { get; set; }
    /// <summary>Links dropped to make room for a JOIN, a walk's end or an urgent request.</summary>
    public long LinksDropped { get; set; }
    /// <summary>Passive entries each of those lives held as it stopped, all together (its mean is a view's as peers stop).</summary>
    public long PassiveEntries { get; set; }
    public double PassiveMean => Peers > 0 ? (double)PassiveEntries / Peers : 0;
}

/// <summary>What SWIM's failure detector sent and decided, from its peers' counters at their stop (trace event swim-counters).</summary>
public sealed class SwimSummary
{
    /// <summary>Peer lives that ran SWIM and traced their counters as they stopped (as <see cref="HyParViewSummary.Peers"/>).</summary>
    public int Peers { get; set; }
    public long ProbesSent { get; set; }
    /// <summary>Peers asked to probe a target that did not answer (SWIM's ping-req).</summary>
    public long IndirectProbesAsked { get; set; }
    public long Suspicions { get; set; }
    /// <summary>Suspects that answered again, or that another peer reached, before their time was up: false suspicions.</summary>
    public long SuspicionsCleared { get; set; }
    /// <summary>Protocol periods the peers ran, all together.</summary>
    public long Periods { get; set; }
    /// <summary>Probes a peer life sent on average, from its start to its stop.</summary>
    public double ProbesPerPeer => Peers > 0 ? (double)ProbesSent / Peers : 0;
    /// <summary>SWIM's load: probes and indirect probes asked, per peer and period (about one, whatever the network's size: the
    /// paper's claim).</summary>
    public double MessagesPerPeriod => Periods > 0 ? (double)(ProbesSent + IndirectProbesAsked) / Periods : 0;
    /// <summary>Pings answered, all peers together.</summary>
    public long PingsAnswered { get; set; }
    /// <summary>Pings a peer answered per period, on average (one, as every probe is answered once).</summary>
    public double AnswersPerPeriod => Periods > 0 ? (double)PingsAnswered / Periods : 0;
    /// <summary>The most pings one peer answered per period of its own: on an overlay a hub is probed by each neighbour once a
    /// round of theirs, where the paper's members, all knowing each other, each expect one probe a period.</summary>
    public double MostAnswersPerPeriod { get; set; }
}

using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trace;

/// <summary>
/// The JSON names of a trace event: its kind as a word, and what Peer/A/B are called for
/// that kind. One table, used by both the writer and the reader.
/// </summary>
public static class TraceSchema
{
    public readonly record struct Names(string Event, string? Peer, string? A, string? B);

    private static readonly Dictionary<TraceKind, Names> ByKind = new()
    {
        [TraceKind.NodeStarted] = new("node-started", null, "incarnation", null),
        [TraceKind.NodeStopped] = new("node-stopped", null, null, null),
        [TraceKind.Registered] = new("registered", null, "seeds", null),
        [TraceKind.RegistrationFailed] = new("registration-failed", null, null, null),
        [TraceKind.PeerListReceived] = new("peer-list", "seed", "entries", "total"),
        [TraceKind.LinkUp] = new("link-up", "peer", null, null),
        [TraceKind.LinkDown] = new("link-down", "peer", null, null),
        [TraceKind.GossipCreated] = new("gossip-created", null, null, null),
        [TraceKind.GossipDelivered] = new("gossip-delivered", "from", "hops", "createdTicks"),
        [TraceKind.PingMissed] = new("ping-missed", "peer", "misses", null),
        [TraceKind.Suspected] = new("suspected", "peer", "witnesses", null),
        [TraceKind.SuspicionCleared] = new("suspicion-cleared", "peer", null, null),
        [TraceKind.DeadReported] = new("dead-reported", "peer", "agreeing", "asked"),
        [TraceKind.ReportRejected] = new("report-rejected", "peer", null, null),
        [TraceKind.Proposed] = new("proposed", "peer", "proposal", null),
        [TraceKind.Voted] = new("voted", "peer", "proposal", "yes"),
        [TraceKind.Committed] = new("committed", "peer", "votesFor", "seeds"),
        [TraceKind.ProposalRejected] = new("proposal-rejected", "peer", "votesFor", "seeds"),
        [TraceKind.MemberAdded] = new("member-added", "peer", "incarnation", "members"),
        [TraceKind.MemberRemoved] = new("member-removed", "peer", "incarnation", "members"),
        [TraceKind.SeedDigest] = new("seed-digest", null, "members", "digest"),
        [TraceKind.PeerState] = new("peer-state", null, "degree", "messageList"),
        [TraceKind.CrashInjected] = new("crash", null, "degree", null),
        [TraceKind.Restarted] = new("restart", null, "incarnation", null),
        [TraceKind.Partitioned] = new("partition", null, null, null),
        [TraceKind.Healed] = new("heal", null, null, null),
        [TraceKind.LossChanged] = new("loss", null, null, null),
        [TraceKind.GossipCounters] = new("gossip-counters", null, "received", "sent"),
        [TraceKind.Rejoined] = new("rejoined", null, "incarnation", null),
        [TraceKind.SeedState] = new("seed-state", null, "openProposals", "committedOps"),
        [TraceKind.LatencyChanged] = new("latency", null, null, null),
        [TraceKind.RunEnded] = new("run-end", null, null, null),
        [TraceKind.RegistrationRefused] = new("registration-refused", "peer", null, null),
        [TraceKind.EventsHeld] = new("events-held", "source", "count", null),
        [TraceKind.ReportDropped] = new("report-dropped", "peer", null, null),
        [TraceKind.PlumtreeCounters] = new("plumtree-counters", null, "ihave", "graft"),
        [TraceKind.SwimCounters] = new("swim-counters", null, "probes", "indirect"),
        [TraceKind.EdgeModeChanged] = new("edge-mode", "peer", "mode", null),
        [TraceKind.HyParViewCounters] = new("hyparview-counters", null, "promotions", "refused"),
        [TraceKind.CrashUnwatched] = new("crash-unwatched", null, null, null),
        [TraceKind.CrashWatchRound] = new("crash-watch-round", null, "round", null),
        [TraceKind.SeedSetChanged] = new("seed-set", "from", "version", "seeds"),
        [TraceKind.HeldUp] = new("held-up", null, "lateMs", null),
    };

    private static readonly Dictionary<string, TraceKind> ByEvent =
        ByKind.ToDictionary(kv => kv.Value.Event, kv => kv.Key);

    public static Names Of(TraceKind kind) => ByKind[kind];

    public static bool TryKind(string eventName, out TraceKind kind) => ByEvent.TryGetValue(eventName, out kind);
}

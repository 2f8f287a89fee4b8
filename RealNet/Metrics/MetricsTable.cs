using System.Text;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Metrics;

public enum MetricType { Counter, Gauge }

/// <summary>
/// One series family of /metrics: its Prometheus name, type and help, the role that has it (null:
/// both), an optional fixed label (votes for and against share a name), and its value in a reading.
/// </summary>
public sealed record MetricDefinition(string Name, MetricType Type, string Help, NodeRole? Role,
    Func<MetricsReading, TransportReading, double> Value, string? LabelName = null, string? LabelValue = null);

/// <summary>
/// Every metric a node exports, in one table (docs/deployment.md, "Metrics", lists it). Names and
/// units follow Prometheus: a <c>gossipsim_</c> prefix, counters end in <c>_total</c>, byte counts in
/// <c>_bytes_total</c>. Messages by kind are two labelled families besides (<see cref="MessagesSent"/>).
/// </summary>
public static class MetricsTable
{
    public const string Prefix = "gossipsim_";
    public const string MessagesSent = Prefix + "messages_sent_total";
    public const string MessagesReceived = Prefix + "messages_received_total";
    public const string KindLabel = "kind";

    private static MetricDefinition Traced(string name, NodeRole role, TraceKind kind, string help) =>
        new(Prefix + name, MetricType.Counter, help, role, (r, _) => r.Count(kind));

    public static readonly IReadOnlyList<MetricDefinition> All =
    [
        new(Prefix + "members_known", MetricType.Gauge, "Members this node knows: a seed's live members; a peer's count from its last peer "
            + "list", null, (r, _) => r.MembersKnown),

        new(Prefix + "degree", MetricType.Gauge, "Neighbours this peer is linked to", NodeRole.Peer, (r, _) => r.Degree),
        Traced("gossip_created_total", NodeRole.Peer, TraceKind.GossipCreated, "Gossip messages this peer created"),
        Traced("gossip_first_receipts_total", NodeRole.Peer, TraceKind.GossipDelivered, "Gossip messages received for the first time"),
        new(Prefix + "gossip_duplicates_total", MetricType.Counter, "Gossip messages received that were not new (already held, or too old "
            + "to take)", NodeRole.Peer, (r, _) => r.GossipDuplicates),
        new(Prefix + "gossip_forwarded_total", MetricType.Counter, "Gossip messages sent to neighbours (created or first received, to each "
            + "link not yet crossed)", NodeRole.Peer, (r, _) => r.GossipSent),
        new(Prefix + "gossip_refused_total", MetricType.Counter, "Gossip messages refused: out of bounds, from a node that is not a "
            + "neighbour, or forged", NodeRole.Peer, (r, _) => r.GossipRefused),
        new(Prefix + "gossip_forged_total", MetricType.Counter, "Of the gossip refused, the forged: certificate or signature failed, a "
            + "copy of such a message, or dropped unchecked from a neighbour caught forging", NodeRole.Peer, (r, _) => r.GossipForged),
        Traced("pings_missed_total", NodeRole.Peer, TraceKind.PingMissed,
            "Pings to a neighbour that got no pong in time (pings sent: gossipsim_messages_sent_total{kind=\"ping\"})"),
        Traced("suspicions_total", NodeRole.Peer, TraceKind.Suspected, "Neighbours this peer began to suspect"),
        new(Prefix + "witness_queries_total", MetricType.Counter, "Witnesses asked about suspected neighbours",
            NodeRole.Peer, (r, _) => r.WitnessQueries),
        Traced("suspicions_cleared_total", NodeRole.Peer, TraceKind.SuspicionCleared,
            "Suspicions dropped: the suspect answered, or the witnesses did not agree"),
        Traced("dead_reports_total", NodeRole.Peer, TraceKind.DeadReported, "Dead-node reports this peer sent to the seeds"),

        Traced("proposals_total", NodeRole.Seed, TraceKind.Proposed, "Membership changes this seed proposed"),
        new(Prefix + "proposals_open", MetricType.Gauge, "This seed's proposals still waiting for votes",
            NodeRole.Seed, (r, _) => r.ProposalsOpen),
        new(Prefix + "votes_total", MetricType.Counter, "Votes this seed cast, by vote",
            NodeRole.Seed, (r, _) => r.VotesFor, "vote", "yes"),
        new(Prefix + "votes_total", MetricType.Counter, "Votes this seed cast, by vote",
            NodeRole.Seed, (r, _) => r.Count(TraceKind.Voted) - r.VotesFor, "vote", "no"),
        new(Prefix + "commits_total", MetricType.Counter, "Membership changes this seed proposed that a majority committed, by operation",
            NodeRole.Seed, (r, _) => r.Count(TraceKind.Committed) - r.RemovalsCommitted, "op", "add"),
        new(Prefix + "commits_total", MetricType.Counter, "Membership changes this seed proposed that a majority committed, by operation",
            NodeRole.Seed, (r, _) => r.RemovalsCommitted, "op", "remove"),
        Traced("proposals_rejected_total", NodeRole.Seed, TraceKind.ProposalRejected,
            "Membership changes this seed proposed that the seeds turned down"),
        Traced("reports_rejected_total", NodeRole.Seed, TraceKind.ReportRejected,
            "Dead-node reports this seed turned down (those held back from the trace included)"),
        new(Prefix + "registrations_refused_total", MetricType.Counter,
            "Registrations this seed refused before any vote: over their IP's rate, or no answer to the dial-back",
                NodeRole.Seed, (r, _) => r.RegistrationsRefused),
        new(Prefix + "reports_dropped_total", MetricType.Counter, "Dead-node reports and goodbyes this seed dropped unread: their reporter "
            + "was over its rate", NodeRole.Seed, (r, _) => r.ReportsDropped),
        new(Prefix + "trace_events_held_total", MetricType.Counter, "Trace events outsiders caused beyond their budget a second: counted "
            + "in events-held summaries, not traced one by one", NodeRole.Seed, (r, _) => r.TraceEventsHeld),
        Traced("members_added_total", NodeRole.Seed, TraceKind.MemberAdded, "Members added to this seed's list"),
        Traced("members_removed_total", NodeRole.Seed, TraceKind.MemberRemoved, "Members removed from this seed's list"),

        new(Prefix + "transport_frames_sent_total", MetricType.Counter, "Message frames written to sockets", null, (_, t) => t.FramesSent),
        new(Prefix + "transport_frames_received_total", MetricType.Counter, "Message frames read and decoded",
            null, (_, t) => t.FramesReceived),
        new(Prefix + "transport_sent_bytes_total", MetricType.Counter, "Bytes of message frames written to sockets, as on the wire",
            null, (_, t) => t.BytesSent),
        new(Prefix + "transport_received_bytes_total", MetricType.Counter, "Bytes of message frames read from sockets, as on the wire",
            null, (_, t) => t.BytesReceived),
        new(Prefix + "transport_connections", MetricType.Gauge, "Open TCP connections, incoming and outgoing",
            null, (_, t) => t.Connections),
        new(Prefix + "transport_frame_errors_total", MetricType.Counter,
            "Connections closed for bad input: a malformed, oversized, stalled or unauthenticated frame, a bad hello",
                null, (_, t) => t.FrameErrors),
        new(Prefix + "transport_dropped_messages_total", MetricType.Counter,
            "Messages the node sent that never reached a socket (unreachable, queue full, closed)", null, (_, t) => t.Dropped),
        new(Prefix + "transport_refused_connections_total", MetricType.Counter, "Incoming connections closed at the connection limit",
            null, (_, t) => t.RefusedConnections),
        new(Prefix + "transport_frames_held_back_total", MetricType.Counter,
            "Frames read late because their connection sent faster than its rate (--max-frames-per-second)",
                null, (_, t) => t.FramesHeldBack),
        new(Prefix + "transport_refused_handshakes_total", MetricType.Counter,
            "Incoming handshakes left unanswered: their IP was over its rate (--max-handshakes-per-second)",
                null, (_, t) => t.RefusedHandshakes),
    ];

    /// <summary>The rows a node of this role exports.</summary>
    public static IEnumerable<MetricDefinition> For(NodeRole role) => All.Where(m => m.Role is null || m.Role == role);

    /// <summary>A message kind as a label value, in Prometheus's snake case: SuspectQuery is "suspect_query".</summary>
    public static string LabelOf(MessageKind kind)
    {
        string name = kind.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}

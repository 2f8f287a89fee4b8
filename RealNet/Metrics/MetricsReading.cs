using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Transport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Metrics;

/// <summary>
/// Everything /metrics shows of one node, read at one moment: the node's state and its trace
/// counts on the node's loop (<see cref="Take"/>), the transport's counters beside them.
/// </summary>
public sealed record MetricsReading
{
    public required NodeRole Role { get; init; }

    /// <summary>A seed: the live members of its list. A peer: the member count its last peer list from a seed gave (0 before
    /// one).</summary>
    public long MembersKnown { get; init; }

    public long Degree { get; init; }
    public long ProposalsOpen { get; init; }

    /// <summary>Gossip messages received, duplicates and refused ones included.</summary>
    public long GossipReceived { get; init; }

    /// <summary>Gossip messages sent to neighbours: each created or first-received message, to every link it has not crossed.</summary>
    public long GossipSent { get; init; }

    /// <summary>Gossip refused as out of bounds or from a non-neighbour.</summary>
    public long GossipRefused { get; init; }

    /// <summary>Of <see cref="GossipRefused"/>: forged (certificate or signature failed, or a copy of such a message), or dropped unchecked
    /// from a neighbour caught forging.</summary>
    public long GossipForged { get; init; }

    /// <summary>A seed's registrations refused before any vote (rate limit, unanswered dial-back).</summary>
    public long RegistrationsRefused { get; init; }

    /// <summary>A seed's dead-node reports dropped unread, over their reporter's rate.</summary>
    public long ReportsDropped { get; init; }

    /// <summary>Trace events outsiders caused that were held back and counted in a summary event instead.</summary>
    public long TraceEventsHeld { get; init; }

    public long WitnessQueries { get; init; }
    public long VotesFor { get; init; }
    public long RemovalsCommitted { get; init; }

    /// <summary>Trace events by kind (indexed by the kind's byte value).</summary>
    public required long[] TraceCounts { get; init; }

    public long Count(TraceKind kind) => TraceCounts[(byte)kind];

    /// <summary>Gossip received that was not new: already in the message list, or too old to take.</summary>
    public long GossipDuplicates => Math.Max(0, GossipReceived - GossipRefused - Count(TraceKind.GossipDelivered));

    /// <summary>A node of <paramref name="role"/> before its first reading: nothing counted.</summary>
    public static MetricsReading Empty(NodeRole role) => new() { Role = role, TraceCounts = new long[byte.MaxValue + 1] };

    /// <summary>The node's state and trace counts; call on the node's loop (<see cref="NodeHost.InvokeAsync{T}"/>).</summary>
    public static MetricsReading Take(Node node, MetricsTraceSink trace)
    {
        var counts = new long[byte.MaxValue + 1];
        foreach (var kind in Enum.GetValues<TraceKind>()) counts[(byte)kind] = trace.Count(kind);
        var reading = new MetricsReading
        {
            Role = node.Role,
            TraceCounts = counts,
            WitnessQueries = trace.WitnessQueries,
            VotesFor = trace.VotesFor,
            RemovalsCommitted = trace.RemovalsCommitted,
        };
        return node switch
        {
            PeerNode p => reading with
            {
                MembersKnown = Math.Max(0, trace.MembersReported),
                Degree = p.Degree,
                GossipReceived = p.GossipReceived,
                GossipSent = p.GossipSent,
                GossipRefused = p.GossipRejected,
                GossipForged = p.GossipForged + p.GossipUnchecked,
            },
            SeedNode s => reading with { MembersKnown = s.Peers.LiveCount, ProposalsOpen = s.OpenProposals,
                RegistrationsRefused = s.RegistrationsRefused, ReportsDropped = s.ReportsDropped, TraceEventsHeld = s.TraceEventsHeld },
            _ => reading,
        };
    }
}

/// <summary>The transport's counters, read without the node's loop (they are interlocked).</summary>
public readonly record struct TransportReading(long FramesSent, long FramesReceived, long BytesSent, long BytesReceived,
    long Connections, long FrameErrors, long Dropped, long RefusedConnections, long FramesHeldBack = 0, long RefusedHandshakes = 0)
{
    public static TransportReading Of(TcpTransport t) =>
        new(t.FramesSent, t.FramesReceived, t.BytesSent, t.BytesReceived, t.ConnectionCount, t.BadInputCount,
            t.Dropped, t.RefusedConnections,
            t.FramesHeldBack, t.RefusedHandshakes);
}

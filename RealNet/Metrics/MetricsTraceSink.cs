using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Metrics;

/// <summary>
/// A node's trace events counted by kind, for /metrics: the protocol already records every event
/// it takes (a gossip's first receipt, a suspicion, a vote, a commit) as a trace event, so the
/// counters come from that one record and cannot disagree with the trace. Written on the node's
/// loop only, and read there (<see cref="MetricsReading"/> is taken through <see cref="NodeHost.InvokeAsync{T}"/>).
/// Independent of the trace file: a node writes both through a <see cref="TraceFanout"/>.
/// </summary>
public sealed class MetricsTraceSink : ITraceSink
{
    private readonly long[] _byKind = new long[byte.MaxValue + 1];

    /// <summary>Events of this kind so far.</summary>
    public long Count(TraceKind kind) => _byKind[(byte)kind];

    /// <summary>Witnesses this peer asked about its suspects (the sum over its suspicions).</summary>
    public long WitnessQueries { get; private set; }

    /// <summary>This seed's votes in favour; the rest of <see cref="TraceKind.Voted"/> were against.</summary>
    public long VotesFor { get; private set; }

    /// <summary>Commits of this seed's proposals that removed a member; the rest of <see cref="TraceKind.Committed"/> added one.</summary>
    public long RemovalsCommitted { get; private set; }

    /// <summary>A peer's view of the membership: the member count its last peer list from a seed gave; -1 before the first.</summary>
    public long MembersReported { get; private set; } = -1;

    public void Write(in TraceEvent e)
    {
        _byKind[(byte)e.Kind]++;
        switch (e.Kind)
        {
            case TraceKind.Suspected:
                WitnessQueries += e.A;
                break;
            case TraceKind.Voted when e.B == 1:
                VotesFor++;
                break;
            case TraceKind.Committed when e.Detail == "remove":
                RemovalsCommitted++;
                break;
            case TraceKind.PeerListReceived:
                MembersReported = e.B;
                break;
            case TraceKind.EventsHeld when e.Detail != null && TraceSchema.TryKind(e.Detail, out var held):
                _byKind[(byte)held] += e.A; // a count of events not traced one by one: each still happened
                break;
        }
    }
}

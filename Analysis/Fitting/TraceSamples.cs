using GossipSim.Analysis.Trace;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Fitting;

/// <summary>
/// What the comparison compares, from one run's trace: every peer's degree at the end, and each first
/// receipt's hop count and latency (receipt − creation). "The end" is the run-end event both runtimes
/// trace: after it a real run's goodbyes lower degrees one by one, which is the shutdown, not the overlay.
/// </summary>
public sealed class TraceSamples
{
    public double[] Degrees { get; init; } = Array.Empty<double>();
    public double[] Hops { get; init; } = Array.Empty<double>();
    public double[] LatencySeconds { get; init; } = Array.Empty<double>();
    /// <summary>Latency / hops of each delivery: the time one hop takes (link delay plus the node's own work).</summary>
    public double[] LatencyPerHopSeconds { get; init; } = Array.Empty<double>();
    /// <summary>The message of each latency (same order as <see cref="LatencySeconds"/>): deliveries of one message share its moment on the
    /// machine.</summary>
    public MessageId[] Messages { get; init; } = Array.Empty<MessageId>();

    /// <param name="endTime">Events at or after this time are left out; null = up to the trace's run-end event (or its end).</param>
    public static TraceSamples Read(string tracePath, TimeSpan? endTime = null)
    {
        var nodes = new TraceFold();
        var hops = new List<double>();
        var latency = new List<double>();
        var perHop = new List<double>();
        var messages = new List<MessageId>();
        foreach (var e in Events(tracePath))
        {
            if (e.Kind == TraceKind.RunEnded || (endTime is { } stop && e.Time >= stop)) break;
            nodes.Apply(e);
            if (e.Kind == TraceKind.GossipDelivered)
            {
                double seconds = Math.Max(0, (e.Time.Ticks - e.B) / (double)TimeSpan.TicksPerSecond);
                hops.Add(e.A);
                latency.Add(seconds);
                messages.Add(e.Message);
                if (e.A > 0) perHop.Add(seconds / e.A);
            }
        }
        return new TraceSamples
        {
            Degrees = nodes.LivePeers().Select(p => (double)p.state.Degree).ToArray(),
            Hops = hops.ToArray(),
            LatencySeconds = latency.ToArray(),
            LatencyPerHopSeconds = perHop.ToArray(),
            Messages = messages.ToArray(),
        };
    }

    /// <summary>Every event of a trace file (compressed or not), in order; an unreadable line is an error naming the file and
    /// line.</summary>
    public static IEnumerable<TraceEvent> Events(string tracePath) => TraceFile.Read(tracePath);
}

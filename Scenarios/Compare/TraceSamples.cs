using System.Text;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;

namespace GossipSim.Scenarios.Compare;

/// <summary>
/// What the comparison compares, read from one run's trace: the degree of every peer alive at
/// the end of the scenario, and for every (message, peer) first receipt its hop count and its
/// latency (receipt time − creation time).
///
/// "The end" is the launcher's run-end event on a real run, and the scenario's duration on the
/// simulator: what happens after it (peers saying goodbye while everything stops, which
/// lowers their neighbours' degrees one by one) is the shutdown, not the overlay.
/// </summary>
public sealed class TraceSamples
{
    public double[] Degrees { get; init; } = Array.Empty<double>();
    public double[] Hops { get; init; } = Array.Empty<double>();
    public double[] LatencySeconds { get; init; } = Array.Empty<double>();
    /// <summary>Latency / hops of each delivery: the time one hop takes (link delay plus the node's own work).</summary>
    public double[] LatencyPerHopSeconds { get; init; } = Array.Empty<double>();

    private sealed class NodeState
    {
        public bool Peer;
        public bool Alive;
        public int Degree;
    }

    /// <summary>The event name of a line whose node is 0.0.0.0:0, else null.</summary>
    private static string? NetworkWideEvent(string line)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.TryGetProperty("node", out var node) && node.GetString() == "0.0.0.0:0" && root.TryGetProperty("ev", out var ev))
                return ev.GetString();
        }
        catch (System.Text.Json.JsonException) { }
        return null;
    }

    /// <param name="endTime">Events at or after this time are the shutdown; null = up to the trace's run-end event (or its end).</param>
    public static TraceSamples Read(string tracePath, TimeSpan? endTime = null)
    {
        var nodes = new Dictionary<NodeAddress, NodeState>();
        NodeState Node(NodeAddress a) => nodes.TryGetValue(a, out var n) ? n : nodes[a] = new NodeState();
        var hops = new List<double>();
        var latency = new List<double>();
        var perHop = new List<double>();
        int lineNo = 0;
        foreach (var line in File.ReadLines(tracePath))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            TraceEvent e;
            try { e = TraceJson.Parse(Encoding.UTF8.GetBytes(line)); }
            catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
            {
                // Network-wide events (run end, partition, heal...) carry node 0.0.0.0:0, which
                // the trace reader refuses as an address; they are told apart by their name.
                switch (NetworkWideEvent(line))
                {
                    case "run-end": goto end;
                    case not null: continue;
                }
                throw new FormatException($"{tracePath}:{lineNo}: not a trace event ({ex.Message})");
            }
            if (e.Kind == TraceKind.RunEnded || (endTime is { } stop && e.Time >= stop)) break;
            switch (e.Kind)
            {
                case TraceKind.NodeStarted:
                {
                    var n = Node(e.Node);
                    n.Peer = e.Detail != "seed";
                    n.Alive = true;
                    n.Degree = 0;
                    break;
                }
                case TraceKind.CrashInjected:
                case TraceKind.NodeStopped:
                    Node(e.Node).Alive = false;
                    break;
                case TraceKind.LinkUp: Node(e.Node).Degree++; break;
                case TraceKind.LinkDown: Node(e.Node).Degree--; break;
                case TraceKind.GossipDelivered:
                {
                    double seconds = Math.Max(0, (e.Time.Ticks - e.B) / (double)TimeSpan.TicksPerSecond);
                    hops.Add(e.A);
                    latency.Add(seconds);
                    if (e.A > 0) perHop.Add(seconds / e.A);
                    break;
                }
            }
        }
        end:
        return new TraceSamples
        {
            Degrees = nodes.Values.Where(n => n.Peer && n.Alive).Select(n => (double)n.Degree).ToArray(),
            Hops = hops.ToArray(),
            LatencySeconds = latency.ToArray(),
            LatencyPerHopSeconds = perHop.ToArray(),
        };
    }
}

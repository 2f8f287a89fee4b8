using GossipSim.Engine.Trace;

namespace GossipSim.Scenarios.Soak;

/// <summary>
/// Each node's live links over a run, from its trace (link-up and link-down; a start, crash or stop begins a life with none), so the
/// soak can judge a node's descriptors net of its links: every link is a socket, and links come and go with churn.
/// </summary>
public sealed class LinkCounts
{
    private readonly TimeSpan _origin;
    private readonly Dictionary<string, List<(double Seconds, int Links)>> _changes = new(StringComparer.Ordinal);

    /// <param name="origin">The run's time zero in the trace's clock (a real run's trace counts Unix time): sample times count from it.</param>
    public LinkCounts(TimeSpan origin) => _origin = origin;

    /// <summary>No trace: every node holds no link at any time.</summary>
    public static LinkCounts None => new(TimeSpan.Zero);

    /// <summary>Events in time order (the merged trace).</summary>
    public void Write(in TraceEvent e)
    {
        int? now = e.Kind switch
        {
            TraceKind.NodeStarted or TraceKind.CrashInjected or TraceKind.NodeStopped => 0,
            TraceKind.LinkUp => Current(e.Node.ToString()) + 1,
            TraceKind.LinkDown => Math.Max(0, Current(e.Node.ToString()) - 1),
            _ => null,
        };
        if (now is not { } links) return;
        string node = e.Node.ToString();
        if (!_changes.TryGetValue(node, out var list)) _changes[node] = list = new List<(double, int)>();
        list.Add(((e.Time - _origin).TotalSeconds, links));
    }

    private int Current(string node) => _changes.TryGetValue(node, out var l) && l.Count > 0 ? l[^1].Links : 0;

    /// <summary>The node's links at a run time (seconds from the origin): those of its last change at or before it.</summary>
    public int At(string address, double seconds)
    {
        if (!_changes.TryGetValue(address, out var list)) return 0;
        int lo = 0, hi = list.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (list[mid].Seconds <= seconds) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 ? 0 : list[found].Links;
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// What a launcher would have recorded, read back from the traces of a network run by hand:
/// its crashes and its end.
/// </summary>
public static class ByHandRun
{
    /// <summary>Detail of an inferred crash event, so a reader can tell it from an injected one.</summary>
    public const string Inferred = "peer (inferred: its trace ends without a clean stop and the seeds removed it)";

    /// <summary>
    /// The crashes: a node whose life ends without a clean stop, and that the seeds then removed,
    /// crashed at its last sign of life. A node that stopped cleanly, or that went on living after
    /// the removal (it rejoined), did not crash; a node still running when its folder was copied
    /// was not removed, so it is not counted.
    /// </summary>
    /// <param name="sorted">The merged trace, in time order.</param>
    /// <param name="lastStatus">When the node last rewrote its status.json (a closer bound on its death than its last trace line), if
    /// known.</param>
    /// <returns>One <see cref="TraceKind.CrashInjected"/> event a crash, at the node's last sign of life.</returns>
    public static List<TraceEvent> Crashes(IReadOnlyList<TraceEvent> sorted, Func<NodeAddress, TimeSpan?>? lastStatus = null)
    {
        var own = new Dictionary<NodeAddress, List<TraceEvent>>();
        foreach (var e in sorted)
        {
            if (e.Node == default) continue;
            if (!own.TryGetValue(e.Node, out var list)) own[e.Node] = list = new List<TraceEvent>();
            list.Add(e);
        }
        var crashes = new List<TraceEvent>();
        var counted = new HashSet<(NodeAddress, TimeSpan)>();
        foreach (var removal in sorted)
        {
            if (removal.Kind != TraceKind.MemberRemoved || !own.TryGetValue(removal.Peer, out var life)) continue;
            int next = life.FindIndex(e => e.Time > removal.Time);
            var before = (next < 0 ? life : life.Take(next)).LastOrDefault();
            if (before.Kind is 0 or TraceKind.NodeStopped) continue;          // never seen, or stopped cleanly
            if (next >= 0 && life[next].Kind != TraceKind.NodeStarted) continue; // alive after the removal: it rejoined
            if (!counted.Add((removal.Peer, before.Time))) continue;             // one crash, however many seeds removed it
            var at = before.Time;
            if (next < 0 && lastStatus?.Invoke(removal.Peer) is { } status && status > at && status < removal.Time) at = status;
            crashes.Add(new TraceEvent(at, TraceKind.CrashInjected, removal.Peer, A: DegreeAt(life, before.Time), Detail: Inferred));
        }
        return crashes;
    }

    /// <summary>
    /// When the person stopped the network: the first clean stop after which nothing starts,
    /// registers, links or creates gossip any more. A peer that left earlier is followed by the
    /// network going on (its neighbours link anew, gossip is created); the nodes stopped at the
    /// end are not. Null when no node stopped cleanly (the folders were copied from a running network).
    /// </summary>
    public static TimeSpan? End(IReadOnlyList<TraceEvent> sorted)
    {
        TimeSpan? end = null;
        for (int i = sorted.Count - 1; i >= 0; i--)
        {
            var e = sorted[i];
            if (e.Kind is TraceKind.NodeStarted or TraceKind.Registered or TraceKind.LinkUp or TraceKind.GossipCreated) break;
            if (e.Kind == TraceKind.NodeStopped) end = e.Time;
        }
        return end;
    }

    /// <summary>Links up minus links down in the node's own trace up to <paramref name="t"/>: its degree when it died.</summary>
    private static int DegreeAt(List<TraceEvent> life, TimeSpan t)
    {
        int degree = 0;
        foreach (var e in life)
        {
            if (e.Time > t) break;
            if (e.Kind == TraceKind.NodeStarted) degree = 0;
            else if (e.Kind == TraceKind.LinkUp) degree++;
            else if (e.Kind == TraceKind.LinkDown) degree = Math.Max(0, degree - 1);
        }
        return degree;
    }
}

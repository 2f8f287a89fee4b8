using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.TestSupport;

/// <summary>
/// The messages a live peer missed in a real run, read from its trace, and whether the links explain each miss.
/// A link counts from the moment both its ends have traced it up to the moment either traced it down: a newcomer that has traced its
/// acceptance of a link is not yet a neighbour of the requester, which learns of it a one-way delay later (a bed on the measured
/// Internet: a message created 20 ms after a newcomer's link, and flooded before the requester knew of it, never reached the
/// newcomer). A miss counts at a peer that registered, was not crashed, had a link before the message was created, and never
/// delivered it. It is explained when the message's origin had no link as it created it, or the peer had none then or lost one
/// within <see cref="Window"/> after it: HyParView drops a link to make room for a JOIN or a walk's end, and the other end hears of
/// it when the close arrives, late on a loaded machine; an origin so cut off creates a message that leaves it by no link (a local
/// CI: a newcomer's contact dropped its only link, and its first message, created 0.16 s after it heard so, reached nobody). A miss
/// where both ends' links held is the overlay's or the broadcast's fault, and what the tests look for.
/// </summary>
public static class MissedDeliveries
{
    /// <summary>How long after a message's creation a lost link still explains its miss: a close read late behind a stall.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>A miss; <paramref name="Created"/> from the trace's first event.</summary>
    public sealed record Miss(NodeAddress Peer, MessageId Message, TimeSpan Created, int DegreeAtCreation, bool Explained);

    /// <summary>The misses in a run's trace (<see cref="Analysis.Trace.TraceFile.Read"/>); a message created within
    /// <paramref name="inFlightAtEnd"/> of the run's end (its run-end event, else its last event) is not followed: it may be in flight
    /// when the nodes stop.</summary>
    public static IReadOnlyList<Miss> Of(IEnumerable<TraceEvent> trace, TimeSpan inFlightAtEnd = default)
    {
        var events = trace as IReadOnlyList<TraceEvent> ?? trace.ToList();
        if (events.Count == 0) return [];
        var first = events.Min(e => e.Time);
        var end = events.Where(e => e.Kind == TraceKind.RunEnded).Select(e => e.Time).DefaultIfEmpty(events.Max(e => e.Time)).First();
        var created = events.Where(e => e.Kind == TraceKind.GossipCreated && e.Time <= end - inFlightAtEnd)
            .Select(e => (Id: e.Message, At: e.Time, Origin: e.Node)).ToList();
        var delivered = events.Where(e => e.Kind == TraceKind.GossipDelivered).Select(e => (e.Message, e.Node)).ToHashSet();
        var peers = events.Where(e => e.Kind == TraceKind.Registered).Select(e => e.Node).ToHashSet();
        var crashed = events.Where(e => e.Kind == TraceKind.CrashInjected).Select(e => e.Node).ToHashSet();
        var (courses, losses) = Links(events.Where(e => e.Kind is TraceKind.LinkUp or TraceKind.LinkDown).OrderBy(e => e.Time));

        int DegreeAt(NodeAddress node, TimeSpan at) => courses.TryGetValue(node, out var c) ? c.LastOrDefault(l => l.At <= at).Degree : 0;
        bool Cut(NodeAddress node, TimeSpan at) =>
            DegreeAt(node, at) == 0 || losses.TryGetValue(node, out var d) && d.Any(t => t >= at && t <= at + Window);
        var misses = new List<Miss>();
        foreach (var peer in peers.Where(p => !crashed.Contains(p) && courses.ContainsKey(p)).OrderBy(p => p))
        {
            var linkedFrom = courses[peer][0].At;
            foreach (var (id, at, origin) in created)
            {
                if (origin == peer || linkedFrom > at || delivered.Contains((id, peer))) continue;
                misses.Add(new Miss(peer, id, at - first, DegreeAt(peer, at), Cut(peer, at) || DegreeAt(origin, at) == 0));
            }
        }
        return misses;
    }

    /// <summary>Each node's degree over time, counting a link while both its ends hold it; and when each node lost a link (its own
    /// trace of a close, or its neighbour's).</summary>
    private static (Dictionary<NodeAddress, List<(TimeSpan At, int Degree)>> Courses, Dictionary<NodeAddress, List<TimeSpan>> Losses)
        Links(IEnumerable<TraceEvent> linkEvents)
    {
        var courses = new Dictionary<NodeAddress, List<(TimeSpan At, int Degree)>>();
        var losses = new Dictionary<NodeAddress, List<TimeSpan>>();
        var up = new HashSet<(NodeAddress Node, NodeAddress Peer)>(); // each end's own view of the link
        void Step(NodeAddress node, TimeSpan at, int by)
        {
            var course = courses.TryGetValue(node, out var c) ? c : courses[node] = new();
            course.Add((at, (course.Count > 0 ? course[^1].Degree : 0) + by));
        }
        void Lost(NodeAddress node, TimeSpan at) => (losses.TryGetValue(node, out var l) ? l : losses[node] = new()).Add(at);
        foreach (var e in linkEvents)
        {
            bool bothBefore = up.Contains((e.Node, e.Peer)) && up.Contains((e.Peer, e.Node));
            if (e.Kind == TraceKind.LinkUp) up.Add((e.Node, e.Peer));
            else
            {
                up.Remove((e.Node, e.Peer));
                Lost(e.Node, e.Time);
            }
            bool bothAfter = up.Contains((e.Node, e.Peer)) && up.Contains((e.Peer, e.Node));
            if (bothBefore == bothAfter) continue;
            int by = bothAfter ? 1 : -1;
            Step(e.Node, e.Time, by);
            Step(e.Peer, e.Time, by);
            if (!bothAfter) Lost(e.Peer, e.Time);
        }
        return (courses, losses);
    }

    /// <summary>A line for the test's output: how many missed, at how many peers, how many explained, and the first unexplained.</summary>
    public static string Said(IReadOnlyList<Miss> misses) =>
        $"{misses.Count} deliveries missed at {misses.Select(m => m.Peer).Distinct().Count()} peer(s), "
        + $"{misses.Count(m => m.Explained)} of them where it or the origin had no link or lost one"
        + string.Concat(misses.Where(m => !m.Explained).Take(5).Select(m =>
            $"; NOT explained: {m.Peer} missed {m.Message} (created at {m.Created.TotalSeconds:F2} s, {m.DegreeAtCreation} links)"));
}

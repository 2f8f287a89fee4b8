using System.IO.Compression;
using System.Text;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Support;

/// <summary>
/// The messages a live peer missed in a real run, read from its trace (trace.jsonl.gz), and whether the peer's own links explain
/// each miss. A miss counts as summary.json's delivery ratio counts one: a peer that registered, was not crashed, had linked before
/// the message was created, and never delivered it. It is explained when the peer had no link as the message was created, or
/// lost a link within <see cref="Window"/> after it: a link its neighbour had dropped already (HyParView drops one to make room
/// for a JOIN or a walk's end; the peer hears of it when the close arrives, late on a loaded machine), over which the flood did
/// not come. A miss at a peer whose links held is the overlay's or the broadcast's fault, and what the tests look for.
/// </summary>
public static class MissedDeliveries
{
    /// <summary>How long after a message's creation a lost link still explains its miss: a close read late behind a stall.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>A miss; <paramref name="Created"/> from the trace's first event.</summary>
    public sealed record Miss(NodeAddress Peer, MessageId Message, TimeSpan Created, int DegreeAtCreation, bool Explained);

    public static IReadOnlyList<Miss> Read(string traceGz)
    {
        var created = new List<(MessageId Id, TimeSpan At, NodeAddress Origin)>();
        var delivered = new HashSet<(MessageId, NodeAddress)>();
        var links = new Dictionary<NodeAddress, List<(TimeSpan At, int Degree)>>();
        var downs = new Dictionary<NodeAddress, List<TimeSpan>>();
        var peers = new HashSet<NodeAddress>();
        var crashed = new HashSet<NodeAddress>();
        TimeSpan? first = null;
        foreach (var e in Events(traceGz))
        {
            first ??= e.Time;
            switch (e.Kind)
            {
                case TraceKind.GossipCreated: created.Add((e.Message, e.Time, e.Node)); break;
                case TraceKind.GossipDelivered: delivered.Add((e.Message, e.Node)); break;
                case TraceKind.Registered: peers.Add(e.Node); break;
                case TraceKind.CrashInjected: crashed.Add(e.Node); break;
                case TraceKind.LinkUp or TraceKind.LinkDown:
                    var course = links.TryGetValue(e.Node, out var c) ? c : links[e.Node] = new();
                    int degree = (course.Count > 0 ? course[^1].Degree : 0) + (e.Kind == TraceKind.LinkUp ? 1 : -1);
                    course.Add((e.Time, degree));
                    if (e.Kind == TraceKind.LinkDown) (downs.TryGetValue(e.Node, out var d) ? d : downs[e.Node] = new()).Add(e.Time);
                    break;
            }
        }
        var misses = new List<Miss>();
        foreach (var peer in peers.Where(p => !crashed.Contains(p) && links.ContainsKey(p)).OrderBy(p => p))
        {
            var course = links[peer];
            foreach (var (id, at, origin) in created)
            {
                if (origin == peer || course[0].At > at || delivered.Contains((id, peer))) continue;
                int degree = course.LastOrDefault(l => l.At <= at).Degree;
                bool lostALink = downs.TryGetValue(peer, out var d) && d.Any(t => t >= at && t <= at + Window);
                misses.Add(new Miss(peer, id, at - first!.Value, degree, degree == 0 || lostALink));
            }
        }
        return misses;
    }

    /// <summary>A line for the test's output: how many missed, at how many peers, how many explained.</summary>
    public static string Said(IReadOnlyList<Miss> misses) =>
        $"{misses.Count} deliveries missed at {misses.Select(m => m.Peer).Distinct().Count()} peer(s), "
        + $"{misses.Count(m => m.Explained)} of them by a peer with no link or losing one"
        + string.Concat(misses.Where(m => !m.Explained).Take(5).Select(m =>
            $"; NOT explained: {m.Peer} missed {m.Message} (created at {m.Created.TotalSeconds:F2} s, {m.DegreeAtCreation} links)"));

    private static IEnumerable<TraceEvent> Events(string traceGz)
    {
        using var lines = new StreamReader(new GZipStream(File.OpenRead(traceGz), CompressionMode.Decompress));
        for (string? line; (line = lines.ReadLine()) != null;)
            if (!string.IsNullOrWhiteSpace(line)) yield return TraceJson.Parse(Encoding.UTF8.GetBytes(line));
    }
}

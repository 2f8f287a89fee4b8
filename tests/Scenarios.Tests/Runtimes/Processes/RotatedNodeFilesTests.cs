using System.Text.Json;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Commands;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>
/// A node whose trace or log reached its cap keeps the older part in <c>&lt;file&gt;.1</c>: a run's
/// results and <c>collect</c> read it first, then the file, so nothing a node kept is left out.
/// </summary>
public class RotatedNodeFilesTests
{
    private static readonly NodeAddress SeedAt = NodeAddress.Parse("127.0.0.1:5001"), PeerAt = NodeAddress.Parse("127.0.0.1:6001");
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(1_800_000_000);
    private string _dir = "";

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("gossipsim-rotated-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private static TraceEvent At(double seconds, TraceKind kind, NodeAddress node, NodeAddress peer = default, long a = 0, long b = 0, string? detail = null) =>
        new(T0 + TimeSpan.FromSeconds(seconds), kind, node, peer, A: a, B: b, Detail: detail);

    private static void WriteTrace(string path, IEnumerable<TraceEvent> events) =>
        File.WriteAllLines(path, events.Select(e => TraceJson.ToLine(e).TrimEnd('\n')));

    /// <summary>A seed and a peer by hand; the seed's trace rotated once: its start and the peer's admission are in trace.jsonl.1.</summary>
    private (string Seed, string Peer) NodeFolders()
    {
        string seed = Directory.CreateDirectory(Path.Combine(_dir, "nodes", "seed-0")).FullName;
        string peer = Directory.CreateDirectory(Path.Combine(_dir, "nodes", "peer-0")).FullName;
        WriteTrace(Path.Combine(seed, "trace.jsonl.1"),
        [
            At(0, TraceKind.NodeStarted, SeedAt, a: 1, detail: "seed"),
            At(1.1, TraceKind.Proposed, SeedAt, PeerAt, a: 1, detail: "add"),
            At(1.2, TraceKind.Committed, SeedAt, PeerAt, a: 1, b: 1, detail: "add"),
            At(1.2, TraceKind.MemberAdded, SeedAt, PeerAt, a: 1, b: 1),
        ]);
        WriteTrace(Path.Combine(seed, "trace.jsonl"),
        [
            At(3, TraceKind.ReportRejected, SeedAt, NodeAddress.Parse("127.0.0.1:20000"), detail: "unknown peer"),
            At(4, TraceKind.EventsHeld, SeedAt, NodeAddress.Parse("127.0.0.2:9"), a: 41, detail: "report-rejected"),
            At(4, TraceKind.EventsHeld, SeedAt, NodeAddress.Parse("127.0.0.2:9"), a: 7, detail: "report-dropped"),
            At(9, TraceKind.SeedDigest, SeedAt, a: 1, b: 42),
            At(9, TraceKind.NodeStopped, SeedAt),
        ]);
        WriteTrace(Path.Combine(peer, "trace.jsonl"),
        [
            At(1, TraceKind.NodeStarted, PeerAt, a: 1, detail: "peer"),
            At(1.3, TraceKind.Registered, PeerAt, a: 1),
            At(9, TraceKind.NodeStopped, PeerAt),
        ]);
        File.WriteAllLines(Path.Combine(seed, "seed-127.0.0.1_5001.txt.1"), ["2027-01-15 08:00:00.000 seed 127.0.0.1:5001 started (epoch 1)"]);
        File.WriteAllLines(Path.Combine(seed, "seed-127.0.0.1_5001.txt"), ["2027-01-15 08:00:04.000 ... and 41 more lines about dead-node reports in 1 s (not logged one by one)"]);
        File.WriteAllLines(Path.Combine(peer, "peer-127.0.0.1_6001.txt"), ["2027-01-15 08:00:01.300 registered with seeds 127.0.0.1:5001"]);
        return (seed, peer);
    }

    [Test]
    public void ReadTraces_TakesARotatedTracesOlderPartFirst_ThenItsFile()
    {
        var (seed, peer) = NodeFolders();
        var events = RealResults.ReadTraces([seed, peer]);
        Assert.That(events.Where(e => e.Node == SeedAt).Select(e => e.Kind), Is.EqualTo(new[]
        {
            TraceKind.NodeStarted, TraceKind.Proposed, TraceKind.Committed, TraceKind.MemberAdded,
            TraceKind.ReportRejected, TraceKind.EventsHeld, TraceKind.EventsHeld, TraceKind.SeedDigest, TraceKind.NodeStopped,
        }));
        Assert.That(events.Count(e => e.Node == PeerAt), Is.EqualTo(3));
    }

    [Test]
    public void CollectLogs_KeepsARotatedLogsOlderPart_AndMergesItsLines()
    {
        var (seed, peer) = NodeFolders();
        string results = Directory.CreateDirectory(Path.Combine(_dir, "results")).FullName;
        RealResults.CollectLogs([seed, peer], results, [], nodeCount: 2, move: false);
        Assert.That(File.Exists(Path.Combine(results, "logs", "seed-127.0.0.1_5001.txt.1")), Is.True, "kept in logs/");
        var output = File.ReadAllLines(Path.Combine(results, "outputfile.txt"));
        Assert.That(output, Is.EqualTo(new[]
        {
            "2027-01-15 08:00:00.000 [seed-127.0.0.1_5001] seed 127.0.0.1:5001 started (epoch 1)",
            "2027-01-15 08:00:01.300 [peer-127.0.0.1_6001] registered with seeds 127.0.0.1:5001",
            "2027-01-15 08:00:04.000 [seed-127.0.0.1_5001] ... and 41 more lines about dead-node reports in 1 s (not logged one by one)",
        }));
    }

    [Test]
    public void Collect_OfASeedWhoseTraceRotated_FindsItsStart_AndCountsTheReportsItsSummariesHeld()
    {
        NodeFolders();
        string results = Path.Combine(_dir, "results");
        int code = CollectCommand.Run([Path.Combine(_dir, "nodes")], results, _ => { }, "collect (test)");
        Assert.That(code, Is.Zero, "a seed is found: its start is in trace.jsonl.1");
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "summary.json")));
        Assert.That(summary.RootElement.GetProperty("seeds").GetInt32(), Is.EqualTo(1));
        var membership = summary.RootElement.GetProperty("membership");
        Assert.That(membership.GetProperty("reportsRejected").GetInt32(), Is.EqualTo(1 + 41), "one traced, 41 counted in a summary");
        Assert.That(membership.GetProperty("reportsDropped").GetInt32(), Is.EqualTo(7));
        Assert.That(membership.GetProperty("peersRegistered").GetInt32(), Is.EqualTo(1), "the admission in the older part");
    }
}

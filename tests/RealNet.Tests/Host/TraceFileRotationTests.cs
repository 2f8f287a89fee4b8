using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Host;

/// <summary>A node's trace file has a cap, as its log does: it rotates to trace.jsonl.1, and says what a rotation loses.</summary>
public class TraceFileRotationTests
{
    private static readonly NodeAddress Seed = NodeAddress.Parse("127.0.0.1:5001");
    private string _dir = "";

    [SetUp]
    public void MakeDir()
    {
        _dir = Path.Combine(Path.GetTempPath(), "realnet-trace-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveDir()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static TraceEvent Rejected(int i) =>
        new(TimeSpan.FromSeconds(1_800_000_000 + i), TraceKind.ReportRejected, Seed, new NodeAddress(0x7F000001, (ushort)(20000 + i)), Detail: $"unknown peer {i}");

    private static List<TraceEvent> Read(string path) =>
        File.ReadAllLines(path).Select(l => TraceJson.Parse(System.Text.Encoding.UTF8.GetBytes(l))).ToList();

    [Test]
    public void TraceFile_AtItsCap_MovesItsContentToDot1_AndGoesOnWritingTheSameFile_WithNoEventLostAtTheRotation()
    {
        string path = Path.Combine(_dir, "trace.jsonl");
        const long cap = 8 * 1024;
        var log = new List<string>();
        using (var sink = TraceFileSink.Open(path, cap, log.Add))
        {
            for (int i = 0; i < 120; i++) sink.Write(Rejected(i)); // about 1.5 caps: one rotation, nothing lost yet
            Assert.That(sink.Rotations, Is.EqualTo(1));
        }
        Assert.That(new FileInfo(path).Length, Is.LessThanOrEqualTo(cap));
        Assert.That(new FileInfo(path + ".1").Length, Is.InRange(cap / 2, cap));
        var parts = TraceFileSink.PartsOf(path).ToList();
        Assert.That(parts, Is.EqualTo(new[] { path + ".1", path }), "the older part first");
        Assert.That(parts.SelectMany(Read).Select(e => e.Peer.Port), Is.EqualTo(Enumerable.Range(0, 120).Select(i => 20000 + i)), "every event, in order, across the two parts");
        Assert.That(log, Has.Count.EqualTo(1).And.All.Contains("reached its cap of 8 KiB: its content moved to").And.All.Not.Contains("lost"));
    }

    [Test]
    public void ARotation_ThatReplacesAnOlderPart_SaysInTheLogHowMuchTraceIsLost_AndANodeHoldsAtMostTwiceTheCap()
    {
        string path = Path.Combine(_dir, "trace.jsonl");
        const long cap = 4 * 1024;
        var log = new List<string>();
        using (var sink = TraceFileSink.Open(path, cap, log.Add))
            for (int i = 0; i < 1000; i++) sink.Write(Rejected(i));
        Assert.That(new FileInfo(path).Length + new FileInfo(path + ".1").Length, Is.LessThanOrEqualTo(2 * cap));
        Assert.That(File.Exists(path + ".2"), Is.False, "one older part, replaced at each rotation");
        Assert.That(log.Skip(1), Has.All.Match(@"replacing the older part written before it \(\d+(\.\d)? KiB of trace, now lost\)"), "each later rotation names what it drops");
        var kept = TraceFileSink.PartsOf(path).SelectMany(Read).ToList();
        Assert.That(kept[^1].Peer.Port, Is.EqualTo(20000 + 999), "the newest event is kept");
        Assert.That(kept.Select(e => e.Peer.Port), Is.Ordered, "and what is kept is in order");
    }

    [Test]
    public void ANodeRestartedIntoItsFolder_AppendsToItsTrace_AndCountsWhatIsThereAgainstTheCap()
    {
        string path = Path.Combine(_dir, "trace.jsonl");
        const long cap = 4 * 1024;
        using (var first = TraceFileSink.Open(path, cap))
            for (int i = 0; i < 20; i++) first.Write(Rejected(i));
        long before = new FileInfo(path).Length;
        using (var second = TraceFileSink.Open(path, cap))
        {
            second.Write(Rejected(20));
            for (int i = 21; second.Rotations == 0; i++) second.Write(Rejected(i));
        }
        Assert.That(Read(path + ".1").Take(21).Select(e => e.Peer.Port), Is.EqualTo(Enumerable.Range(20000, 21)), "the earlier life first, then the next, in one file until the cap");
        Assert.That(before, Is.GreaterThan(0));
    }
}

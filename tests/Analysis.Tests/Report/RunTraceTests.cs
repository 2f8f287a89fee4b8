using GossipSim.Analysis.Report;
using GossipSim.Analysis.Stats;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.Report;

public class RunTraceTests
{
    private static NodeAddress A(int i) => NodeAddress.Parse($"10.1.0.{i}:7000");
    private static readonly NodeAddress Seed = NodeAddress.Parse("10.0.0.1:7000");
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static TraceEvent Started(double t, NodeAddress n, string role) => new(S(t), TraceKind.NodeStarted, n, A: 1, Detail: role);
    private static TraceEvent Up(double t, NodeAddress n, NodeAddress p) => new(S(t), TraceKind.LinkUp, n, p);
    private static TraceEvent Down(double t, NodeAddress n, NodeAddress p) => new(S(t), TraceKind.LinkDown, n, p, Detail: "test");
    private static TraceEvent Delivered(double t, NodeAddress n, double created) =>
        new(S(t), TraceKind.GossipDelivered, n, A(1), new MessageId(A(1), 1), A: 1, B: S(created).Ticks);

    /// <summary>A star around peer 1 with peers 2..5, a link 2-3, then peer 1 crashes and is removed.</summary>
    private static List<TraceEvent> HubCrash()
    {
        var e = new List<TraceEvent> { Started(0, Seed, "seed") };
        for (int i = 1; i <= 5; i++) e.Add(Started(0.1 * i, A(i), "peer"));
        for (int i = 2; i <= 5; i++) { e.Add(Up(1, A(1), A(i))); e.Add(Up(1, A(i), A(1))); }
        e.Add(Up(2, A(2), A(3)));
        e.Add(Up(2, A(3), A(2)));
        e.Add(Up(2, A(4), A(5)));
        e.Add(Up(2, A(5), A(4)));
        e.Add(Down(3, A(4), A(5))); // only one side has noticed yet
        e.Add(Delivered(5.2, A(2), 5.0));
        e.Add(Delivered(5.5, A(3), 5.0));
        e.Add(new TraceEvent(S(10), TraceKind.CrashInjected, A(1), A: 4, Detail: "peer"));
        e.Add(Delivered(12.3, A(2), 12.0));
        e.Add(new TraceEvent(S(49), TraceKind.Suspected, A(2), A(1), A: 3));
        e.Add(new TraceEvent(S(50), TraceKind.Suspected, A(3), A(1), A: 3));
        e.Add(new TraceEvent(S(52), TraceKind.DeadReported, A(2), A(1), A: 2, B: 3, Detail: "Dead Node:..."));
        e.Add(new TraceEvent(S(53), TraceKind.MemberRemoved, Seed, A(1), A: 1, B: 4));
        e.Add(Down(53.5, A(2), A(1)));
        e.Add(Delivered(60.4, A(3), 60.0));
        e.Add(Delivered(60.9, A(4), 60.0));
        // The run ends, then everyone stops: links closed while stopping (goodbyes) still count.
        e.Add(new TraceEvent(S(70), TraceKind.RunEnded, default));
        e.Add(new TraceEvent(S(70), TraceKind.NodeStopped, A(3)));
        e.Add(Down(70, A(2), A(3)));
        foreach (var n in new[] { A(2), A(4), A(5), Seed }) e.Add(new TraceEvent(S(70), TraceKind.NodeStopped, n));
        return e;
    }

    [Test]
    public void Degrees_AreTheLinksLivePeersHoldWhenTheRunEnds()
    {
        var trace = RunTrace.From(HubCrash());
        // Peer 1 crashed (not counted). Peer 2: closed its link to 1, keeps 3 (its goodbye came after the end).
        // Peer 3: 1 (not closed yet) and 2. Peer 4: 1; closed its link to 5. Peer 5: 1 and 4. The seed is no peer.
        Assert.That(trace.PeerDegrees, Is.EqualTo(new long[] { 1, 2, 1, 2 }));
    }

    [Test]
    public void Degrees_AreTheSummarysDegrees()
    {
        var stats = new RunStatistics();
        foreach (var e in HubCrash()) stats.Write(e);
        Assert.That(RunTrace.From(HubCrash()).PeerDegrees, Is.EqualTo(stats.FinalDegrees().Select(d => (long)d)));
    }

    [Test]
    public void Degrees_LeaveOutAPeerThatLeftBeforeTheEnd()
    {
        var events = new List<TraceEvent>
        {
            Started(0, A(1), "peer"), Started(0, A(2), "peer"), Up(1, A(1), A(2)), Up(1, A(2), A(1)),
            new(S(5), TraceKind.NodeStopped, A(2)),
            new(S(9), TraceKind.RunEnded, default),
        };
        Assert.That(RunTrace.From(events).PeerDegrees, Is.EqualTo(new long[] { 1 }), "peer 2 left at 5 s; peer 1 had not closed its side yet");
    }

    [Test]
    public void FailureRow_HasFirstSuspicionReportAndRemoval()
    {
        var row = RunTrace.From(HubCrash()).Failures.Single();
        Assert.That(row.Node, Is.EqualTo("10.1.0.1:7000"));
        Assert.That(row.Role, Is.EqualTo("peer"));
        Assert.That(row.CrashAt, Is.EqualTo(10));
        Assert.That(row.SuspectedAt, Is.EqualTo(49));
        Assert.That(row.ReportedAt, Is.EqualTo(52));
        Assert.That(row.RemovedAt, Is.EqualTo(53));
    }

    [Test]
    public void Latency_IsSplitByWhenTheMessageWasCreated()
    {
        var trace = RunTrace.From(HubCrash());
        Assert.That(trace.Latency.Select(s => s.Name), Is.EqualTo(new[] { "before the crash", "crash to removal", "after the removal" }));
        // The statistics keep latencies in a histogram exact to within 0.8 %.
        Assert.That(trace.Latency[0].Seconds, Is.EqualTo(new[] { 0.2, 0.5 }).Within(1).Percent);
        Assert.That(trace.Latency[1].Seconds, Is.EqualTo(new[] { 0.3 }).Within(1).Percent);
        Assert.That(trace.Latency[2].Seconds, Is.EqualTo(new[] { 0.4, 0.9 }).Within(1).Percent);
    }

    [Test]
    public void WithoutACrash_ThereIsOneSeriesAndNoFailure()
    {
        var events = new List<TraceEvent> { Started(0, A(1), "peer"), Started(0, A(2), "peer"), Up(1, A(1), A(2)), Up(1, A(2), A(1)), Delivered(2.25, A(2), 2) };
        var trace = RunTrace.From(events);
        Assert.That(trace.Failures, Is.Empty);
        Assert.That(trace.Latency.Single().Name, Is.EqualTo("all messages"));
        Assert.That(trace.PeerDegrees, Is.EqualTo(new long[] { 1, 1 }));
    }

    [Test]
    public void AnUnremovedCrash_LeavesTheRemovalOpen()
    {
        var events = new List<TraceEvent>
        {
            Started(0, A(1), "peer"), Delivered(1.5, A(1), 1),
            new(S(5), TraceKind.CrashInjected, A(2), Detail: "peer"), Delivered(6.5, A(1), 6),
        };
        var trace = RunTrace.From(events);
        Assert.That(trace.Failures.Single().RemovedAt, Is.Null);
        Assert.That(trace.Latency.Select(s => s.Name), Is.EqualTo(new[] { "before the crash", "crash to removal" }), "the removal has not come yet");
    }

    [Test]
    public void Read_TakesARealTracesFirstEventAsTimeZero_ForUnixTimes()
    {
        var unix = TimeSpan.FromSeconds(1_795_395_282);
        var trace = RunTrace.From(HubCrash().Select(e => e with { Time = e.Time + unix }));
        Assert.That(trace.Failures.Single().CrashAt, Is.EqualTo(10).Within(1e-6), "seconds of the run, not of the Unix epoch");
    }

    [Test]
    public void Read_ReadsACompressedTraceAsAPlainOne()
    {
        string path = Path.Combine(Path.GetTempPath(), $"trace-{Guid.NewGuid():N}.jsonl.gz");
        try
        {
            using (var gz = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
            using (var w = new StreamWriter(gz))
                foreach (var e in HubCrash()) w.WriteLine(TraceJson.ToLine(e));
            var trace = RunTrace.Read(path);
            Assert.That(trace.PeerDegrees, Is.EqualTo(new long[] { 1, 2, 1, 2 }));
            Assert.That(trace.Failures.Single().RemovedAt, Is.EqualTo(53));
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void Read_ParsesTheJsonlForm()
    {
        string path = Path.Combine(Path.GetTempPath(), $"trace-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllLines(path, HubCrash().Select(e => TraceJson.ToLine(e)));
            var trace = RunTrace.Read(path);
            Assert.That(trace.PeerDegrees, Is.EqualTo(new long[] { 1, 2, 1, 2 }));
            Assert.That(trace.Failures.Single().RemovedAt, Is.EqualTo(53));
        }
        finally { File.Delete(path); }
    }
}

using System.Diagnostics;
using System.Text.Json;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Host;

/// <summary>
/// One client sending bad reports and registration
/// requests cannot fill a seed's disk. What the seed writes grows with the seconds of the flood,
/// not with its requests, and every report it did not read is counted.
/// </summary>
[NonParallelizable]
public class SeedLogFloodTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static string Dir(string what) => Path.Combine(TestContext.CurrentContext.WorkDirectory, what, Guid.NewGuid().ToString("N"));

    private static DeadNodeReport Lie(ProbePeer from, int i) => new(new NodeAddress(0x7F000001, (ushort)(20000 + i % 500)), i, from.Address);

    [Test]
    public async Task AClientSpammingBadReports_LeavesTheSeedsLogUnderItsCap_WithCountsInsteadOfLines()
    {
        const long cap = 4 * 1024;
        await using var net = InProcessNetwork.StartSeeds(3, Dir("log-flood"), logMaxBytes: cap);
        var seed = net.Seeds[0];
        await using var spammer = ProbePeer.Start(incarnation: 1);
        const int rounds = 40, perRound = 500;
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < perRound; i++) spammer.Send(seed.Address, Lie(spammer, i));
            await Task.Delay(100); // spread over seconds, so the log sees many one-second windows
        }
        // Each report is either read (and answered) or dropped over the reporter's rate (and counted).
        await Eventually.HoldsAsync(() => Answered(spammer) + ReportsDropped(net, seed) == rounds * perRound, "the seed answers or counts every report", Patience);

        string path = net.LogPath(seed);
        var files = new[] { path, path + ".1" }.Where(File.Exists).ToArray();
        var lines = files.SelectMany(File.ReadAllLines).ToArray();
        int logged = lines.Count(l => l.Contains("dead-node report") || l.Contains("dead-node message received"));
        var summaries = lines.Where(l => l.Contains("more lines about dead-node reports")).ToArray();
        TestContext.Out.WriteLine($"probe: {rounds * perRound} bad reports to one seed; {Answered(spammer)} read, {ReportsDropped(net, seed)} dropped; " +
                                  $"log files {string.Join(", ", files.Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length} B"))}; " +
                                  $"{logged} report lines and {summaries.Length} summary lines kept, e.g. '{summaries.FirstOrDefault()}'");
        foreach (var f in files) Assert.That(new FileInfo(f).Length, Is.LessThanOrEqualTo(cap), $"{f} is within the cap");
        Assert.That(File.Exists(path + ".1"), Is.True, "the log rotated");
        Assert.That(summaries, Is.Not.Empty, "held-back lines are counted in summary lines");
        Assert.That(lines.Length, Is.LessThan(rounds * perRound / 10), "far fewer lines than reports");
    }

    /// <summary>
    /// The flood (154 k registration requests and 154 k bad reports in 20 s from one
    /// client) at a seed that writes its trace file as the executable does: its log and trace
    /// grow by at most a bound a second, and status.json and the trace count every report.
    /// </summary>
    [Test]
    public async Task AClientFloodingReportsAndRegistrations_LeavesTheSeedsLogAndTraceBoundedPerSecond_AndCountsEveryReport()
    {
        await using var net = InProcessNetwork.StartSeeds(3, Dir("output-flood"), traceMaxBytes: TraceFileSink.DefaultMaxFileBytes);
        var seed = net.Seeds[0];
        await Eventually.HoldsAsync(() => File.Exists(net.StatusPath(seed)), "the seed writes its status", Patience);
        long logBefore = new FileInfo(net.LogPath(seed)).Length, traceBefore = new FileInfo(net.TracePath(seed)).Length;
        await using var spammer = ProbePeer.Start(incarnation: 1);
        const int rounds = 40, perRound = 250;
        var clock = Stopwatch.StartNew();
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < perRound; i++)
            {
                spammer.Send(seed.Address, new RegisterRequest(spammer.Incarnation)); // the first registers it (it answers the dial-back); the rest repeat
                spammer.Send(seed.Address, Lie(spammer, i));
            }
            await Task.Delay(100);
        }
        const int reports = rounds * perRound;
        await Eventually.HoldsAsync(() => Answered(spammer) + ReportsDropped(net, seed) == reports, "the seed answers or counts every report", Patience);
        await QuietAsync(spammer); // the registrations are answered too (repeats during its admission are merged into one answer)
        double seconds = clock.Elapsed.TotalSeconds + 1; // the summaries of the last second come when it is over
        // ...at the seed's timer for the end of that second, which a loaded machine runs late: wait
        // for them a while (the assertions below say what is missing if they never come).
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(10) && !TraceCountsEveryDrop(net, seed);)
            await Task.Delay(200);
        seconds = Math.Max(seconds, clock.Elapsed.TotalSeconds);

        long logBytes = new FileInfo(net.LogPath(seed)).Length - logBefore, traceBytes = new FileInfo(net.TracePath(seed)).Length - traceBefore;
        var trace = net.Trace.Snapshot().Where(e => e.Node == seed.Address).ToList();
        long dropped = ReportsDropped(net, seed), answered = Answered(spammer);
        TestContext.Out.WriteLine($"probe: {reports} registration requests and {reports} bad reports to one seed in {clock.Elapsed.TotalSeconds:0.0} s; " +
                                  $"{answered} reports read, {dropped} dropped; the seed wrote {logBytes} B of log and {traceBytes} B of trace " +
                                  $"({logBytes / seconds:0} and {traceBytes / seconds:0} B a second); trace: {trace.Count(e => e.Kind == TraceKind.ReportRejected)} report-rejected, " +
                                  $"{trace.Count(e => e.Kind == TraceKind.ReportDropped)} report-dropped, {trace.Count(e => e.Kind == TraceKind.EventsHeld)} events-held");

        // A second's worth: 20 lines and a summary for each of the two subjects (reports, registrations) and a
        // few lines about the spammer's own admission; 100 events a kind and a summary. A line or event is under 300 bytes.
        const int lineBytes = 300;
        Assert.That(logBytes, Is.LessThanOrEqualTo((long)(lineBytes * (2 * 21 * seconds + 20))), "the log grows with the seconds, not with the requests");
        Assert.That(traceBytes, Is.LessThanOrEqualTo((long)(lineBytes * (3 * 101 * seconds + 20))), "the trace grows with the seconds, not with the requests");
        Assert.That(answered, Is.LessThan(reports / 10), "most reports were over the reporter's rate");
        Assert.That(dropped, Is.EqualTo(reports - answered), "status.json counts every report not read");
        Assert.That(trace.Count(e => e.Kind == TraceKind.ReportDropped) + Held(trace, TraceKind.ReportDropped), Is.EqualTo(dropped), "the trace counts every drop");
        Assert.That(trace.Count(e => e.Kind == TraceKind.ReportRejected) + Held(trace, TraceKind.ReportRejected), Is.EqualTo(answered), "the trace counts every rejection");
        Assert.That(File.ReadAllLines(net.LogPath(seed)).Count(l => l.Contains("connection request from new peer")), Is.EqualTo(1), "one registration line for the one registration");
    }

    /// <summary>Waits until nothing more reaches the spammer for a second.</summary>
    private static async Task QuietAsync(ProbePeer spammer)
    {
        int seen = -1;
        await Eventually.HoldsAsync(async () =>
        {
            int before = spammer.Inbox.Count;
            await Task.Delay(TimeSpan.FromSeconds(1));
            bool quiet = spammer.Inbox.Count == before && before == seen;
            seen = spammer.Inbox.Count;
            return quiet;
        }, "the seed stops answering", Patience);
    }

    private static long Answered(ProbePeer spammer) => spammer.Inbox.Snapshot().Count(r => r.Message is ReportRejected);

    /// <summary>The seed's count of reports dropped unread, as its status.json says (0 before the first).</summary>
    private static long ReportsDropped(InProcessNetwork net, NodeHost seed)
    {
        string path = net.StatusPath(seed);
        if (!File.Exists(path)) return 0;
        using var status = JsonDocument.Parse(File.ReadAllText(path));
        return status.RootElement.GetProperty("reportsDropped").GetInt64();
    }

    private static bool TraceCountsEveryDrop(InProcessNetwork net, NodeHost seed)
    {
        var events = net.Trace.Snapshot().Where(e => e.Node == seed.Address).ToList();
        return events.Count(e => e.Kind == TraceKind.ReportDropped) + Held(events, TraceKind.ReportDropped) == ReportsDropped(net, seed);
    }

    private static long Held(IEnumerable<TraceEvent> trace, TraceKind kind) =>
        trace.Where(e => e.Kind == TraceKind.EventsHeld && e.Detail == TraceSchema.Of(kind).Event).Sum(e => e.A);
}

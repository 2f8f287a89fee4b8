using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>
/// On the simulator: what one client can make a seed write is bounded per
/// second, not per request, and every report or refusal is still counted; honest runs never meet
/// a limit.
/// </summary>
public class OutsiderOutputTests
{
    /// <summary>A client that never registers: every 10 ms it sends <c>perTick</c> messages to one seed, until <c>until</c>.</summary>
    private sealed class Flooder(NodeAddress seed, int perTick, TimeSpan until, Func<NodeAddress, int, Message> make) : Node
    {
        public int Sent;
        public readonly List<Message> Received = new();
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart() => Ctx.SetTimer(TimeSpan.FromMilliseconds(10), new TimerTag(TimerKind.GossipTick));
        public override void OnMessage(NodeAddress from, Message message) => Received.Add(message); // answers no dial-back
        public override void OnTimer(TimerTag tag)
        {
            for (int i = 0; i < perTick; i++) Ctx.Send(seed, make(Address, Sent++));
            if (Ctx.Now < until) Ctx.SetTimer(TimeSpan.FromMilliseconds(10), tag);
        }
    }

    private static readonly NodeAddress Ghost = NodeAddress.Parse("10.9.9.9:7000");
    private static readonly TimeSpan FloodFrom = TimeSpan.FromSeconds(5), FloodUntil = TimeSpan.FromSeconds(10);

    /// <summary>The held counts of a kind in a seed's events-held summaries.</summary>
    private static long Held(IEnumerable<TraceEvent> seedTrace, TraceKind kind) =>
        seedTrace.Where(e => e.Kind == TraceKind.EventsHeld && e.Detail == TraceSchema.Of(kind).Event).Sum(e => e.A);

    [Test]
    public void AFloodOfReports_FromAnOutsider_IsCutToItsBucket_AndTheSeedsTraceAndLogToTheirBudgetsASecond_WithEveryReportCounted()
    {
        var h = new SimHarness(3, seed: 41);
        var lines = new List<(TimeSpan At, string Line)>();
        var seedAddress = h.SeedAddresses[0];
        h.Net.LogProvider = i => i == h.SeedIndex[0] ? (_, t, line) => lines.Add((t, line)) : null;
        h.AddPeers(6, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2));
        // 2,000 reports a second for 5 s, each about an unknown peer.
        Flooder? flooder = null;
        h.Net.AddNode(NodeAddress.Parse("10.2.0.1:7000"), _ => flooder = new Flooder(seedAddress, 20, FloodUntil, (self, i) => new DeadNodeReport(Ghost, i, self)), FloodFrom);
        h.Run(15);

        var seed = h.LiveSeeds.Single(s => s.Address == seedAddress);
        var trace = h.Trace.Events.Where(e => e.Node == seedAddress).ToList();
        long answered = flooder!.Received.OfType<ReportRejected>().Count();
        TestContext.Out.WriteLine($"{flooder.Sent} reports: {answered} read and rejected, {seed.ReportsDropped} dropped; traced {trace.Count(e => e.Kind == TraceKind.ReportRejected)} rejections, " +
                                  $"{trace.Count(e => e.Kind == TraceKind.ReportDropped)} drops, {trace.Count(e => e.Kind == TraceKind.EventsHeld)} summaries; {lines.Count} log lines");

        Assert.That(answered, Is.InRange(32 + 8 * 5 - 1, 32 + 8 * 5 + 1), "the burst of 32, then 8 a second for 5 s");
        Assert.That(answered + seed.ReportsDropped, Is.EqualTo(flooder.Sent), "every report is answered or counted as dropped");
        Assert.That(trace.Count(e => e.Kind == TraceKind.ReportRejected) + Held(trace, TraceKind.ReportRejected), Is.EqualTo(answered), "every rejection is traced or counted in a summary");
        Assert.That(trace.Count(e => e.Kind == TraceKind.ReportDropped) + Held(trace, TraceKind.ReportDropped), Is.EqualTo(seed.ReportsDropped), "every drop is traced or counted in a summary");
        Assert.That(seed.TraceEventsHeld, Is.EqualTo(trace.Where(e => e.Kind == TraceKind.EventsHeld).Sum(e => e.A)));
        foreach (var second in trace.Where(e => e.Kind is TraceKind.ReportRejected or TraceKind.ReportDropped or TraceKind.EventsHeld).GroupBy(e => (long)e.Time.TotalSeconds))
            Assert.That(second.Count(), Is.LessThanOrEqualTo(100 + 1 + 2), $"trace events about the flood in second {second.Key}");
        foreach (var second in lines.GroupBy(l => (long)l.At.TotalSeconds))
            Assert.That(second.Count(), Is.LessThanOrEqualTo(20 + 1 + 5), $"log lines in second {second.Key}");
        var lastSummary = lines.LastOrDefault(l => l.Line.Contains("more lines about dead-node reports"));
        Assert.That(lastSummary.At, Is.GreaterThanOrEqualTo(FloodUntil), "the flood's last second is counted although no line came after it");
        Assert.That(h.LiveSeeds.All(s => s.Peers.LiveCount == 6), Is.True, "the seeds still hold every peer");
    }

    [Test]
    public void AFloodOfRegistrations_FromManyPortsOfOneIp_IsRefusedAtItsRate_AndTheRefusalsAreTracedToTheBudgetASecond()
    {
        var h = new SimHarness(3, seed: 42);
        var seedAddress = h.SeedAddresses[0];
        var flooders = new List<Flooder>();
        // 300 ports, each asking every 10 ms: more than the IP's burst of 100 at once, then 30,000 a second.
        for (int p = 0; p < 300; p++)
            h.Net.AddNode(new NodeAddress((10u << 24) + (2u << 16) + 1, (ushort)(7000 + p)),
                _ => { var f = new Flooder(seedAddress, 1, FloodUntil, (_, _) => new RegisterRequest(1)); flooders.Add(f); return f; }, FloodFrom);
        h.Run(15);

        var seed = h.LiveSeeds.Single(s => s.Address == seedAddress);
        var trace = h.Trace.Events.Where(e => e.Node == seedAddress).ToList();
        long refusals = flooders.Sum(f => f.Received.OfType<RegisterReply>().Count(r => !r.Accepted));
        TestContext.Out.WriteLine($"{flooders.Sum(f => f.Sent)} registrations from 300 ports of one IP: {refusals} refused; traced {trace.Count(e => e.Kind == TraceKind.RegistrationRefused)}, held {Held(trace, TraceKind.RegistrationRefused)}");
        Assert.That(refusals, Is.GreaterThan(1000), "the flood met the registration limit");
        Assert.That(trace.Count(e => e.Kind == TraceKind.RegistrationRefused) + Held(trace, TraceKind.RegistrationRefused), Is.EqualTo(refusals), "every refusal is traced or counted");
        foreach (var second in trace.Where(e => e.Kind is TraceKind.RegistrationRefused or TraceKind.EventsHeld).GroupBy(e => (long)e.Time.TotalSeconds))
            Assert.That(second.Count(), Is.LessThanOrEqualTo(100 + 1), $"trace events about the flood in second {second.Key}");
        Assert.That(seed.Peers.LiveCount, Is.Zero, "none of them was admitted: none answered its dial-back");
    }

    [Test]
    public void HonestRuns_WithACrashedHubAndAMinorityPartition_DropNoReport_AndHoldNoTraceEvent()
    {
        var h = new SimHarness(3, seed: 43);
        h.AddPeers(60, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
        h.Net.Schedule(TimeSpan.FromSeconds(12), () => h.Net.Crash(h.HubIndex()));
        h.Net.Schedule(TimeSpan.FromSeconds(25), () =>
            h.Net.Partition(new[] { h.SeedIndex[0] }.Concat(h.PeerIndex.Take(15)).ToDictionary(i => i, _ => 1), "seed 0 and 15 peers cut off"));
        h.Net.Schedule(TimeSpan.FromSeconds(45), () => h.Net.Heal());
        h.Run(80);

        Assert.That(h.Trace.Of(TraceKind.DeadReported).Count(), Is.GreaterThan(20), "peers reported");
        Assert.That(h.Trace.Of(TraceKind.ReportRejected), Is.Not.Empty, "the minority seed rejected reports");
        Assert.That(h.Trace.Of(TraceKind.ReportDropped), Is.Empty);
        Assert.That(h.Trace.Of(TraceKind.EventsHeld), Is.Empty);
        Assert.That(h.LiveSeeds.Select(s => s.ReportsDropped), Is.All.Zero);
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class TraceThrottleTests
{
    private static readonly NodeAddress Seed = NodeAddress.Parse("10.0.0.1:5000");

    private static TraceEvent Rejected(TimeSpan t, NodeAddress dead) => new(t, TraceKind.ReportRejected, Seed, dead, Detail: "unknown peer");

    /// <summary>Events one source sends evenly over whole seconds, through the throttle into a list, as a seed does.</summary>
    private static List<TraceEvent> Run(int budget, int perSecond, int seconds, NodeAddress source)
    {
        var trace = new List<TraceEvent>();
        var throttle = new TraceThrottle(trace.Add, Seed);
        for (int s = 0; s < seconds; s++)
            for (int i = 0; i < perSecond; i++)
            {
                var t = TimeSpan.FromSeconds(s) + TimeSpan.FromTicks(TimeSpan.TicksPerSecond * i / perSecond);
                if (throttle.Pass(TraceKind.ReportRejected, source, budget, t) == TraceVerdict.Trace) trace.Add(Rejected(t, source));
            }
        throttle.FlushAll(TimeSpan.FromSeconds(seconds));
        return trace;
    }

    // budget, events a second, seconds -> events traced one by one, summaries, events counted in them
    [TestCase(100, 12, 5, 60, 0, 0)]         // an honest reporter: nothing held, the trace is what it was
    [TestCase(100, 100, 3, 300, 0, 0)]       // exactly the budget
    [TestCase(100, 7_700, 20, 2_000, 20, 152_000)] // the finding's flood: 154 k in 20 s
    [TestCase(1, 500, 4, 4, 4, 1_996)]
    public void Throttle_TracesTheBudgetASecond_AndCountsTheRestInOneSummaryASecond(int budget, int perSecond, int seconds, int traced, int summaries, long held)
    {
        var source = NodeAddress.Parse("127.0.0.2:9000");
        var trace = Run(budget, perSecond, seconds, source);
        var summary = trace.Where(e => e.Kind == TraceKind.EventsHeld).ToList();
        Assert.That(trace.Count(e => e.Kind == TraceKind.ReportRejected), Is.EqualTo(traced));
        Assert.That(summary, Has.Count.EqualTo(summaries));
        Assert.That(summary.Sum(e => e.A), Is.EqualTo(held));
        Assert.That(traced + held, Is.EqualTo((long)perSecond * seconds), "every event is traced or counted");
        Assert.That(summary, Has.All.Matches<TraceEvent>(e => e.Detail == "report-rejected" && e.Peer == source && e.Node == Seed));
    }

    [Test]
    public void AllPortsOfOneIp_ShareABudget_WhileOtherIpsAndKindsHaveTheirOwn()
    {
        var throttle = new TraceThrottle(_ => { }, Seed);
        var t = TimeSpan.FromSeconds(7.2);
        for (ushort port = 1; port <= 10; port++)
            Assert.That(throttle.Pass(TraceKind.ReportRejected, new NodeAddress(0x7F000002, port), 10, t), Is.EqualTo(TraceVerdict.Trace));
        Assert.That(throttle.Pass(TraceKind.ReportRejected, new NodeAddress(0x7F000002, 11), 10, t), Is.EqualTo(TraceVerdict.HeldFirst), "a new port is the same host");
        Assert.That(throttle.Pass(TraceKind.ReportRejected, new NodeAddress(0x7F000002, 12), 10, t), Is.EqualTo(TraceVerdict.Held), "a flush is arranged once a second");
        Assert.That(throttle.Pass(TraceKind.ReportRejected, new NodeAddress(0x7F000003, 1), 10, t), Is.EqualTo(TraceVerdict.Trace), "another IP");
        Assert.That(throttle.Pass(TraceKind.RegistrationRefused, new NodeAddress(0x7F000002, 1), 10, t), Is.EqualTo(TraceVerdict.Trace), "another kind");
        Assert.That(throttle.HeldTotal, Is.EqualTo(2));
    }

    [Test]
    public void Summaries_ComeOnceTheSecondIsOver_InTheOrderTheirSourcesWereFirstHeld()
    {
        var trace = new List<TraceEvent>();
        var throttle = new TraceThrottle(trace.Add, Seed);
        var a = NodeAddress.Parse("10.9.0.2:1"); var b = NodeAddress.Parse("10.9.0.1:1");
        var t = TimeSpan.FromSeconds(3.5);
        throttle.Pass(TraceKind.RegistrationRefused, b, 0, t);
        throttle.Pass(TraceKind.ReportRejected, a, 0, t);
        throttle.Pass(TraceKind.ReportRejected, a with { Port = 2 }, 0, t);
        Assert.That(throttle.Flush(TimeSpan.FromSeconds(3.99)), Is.False, "a timer that fires early is told to come again");
        Assert.That(trace, Is.Empty, "the second is not over");
        var end = t + TraceThrottle.UntilSecondEnds(t);
        Assert.That(end, Is.EqualTo(TimeSpan.FromSeconds(4)));
        Assert.That(throttle.Flush(end), Is.True, "nothing held once the second's summaries are out");
        Assert.That(trace.Select(e => (e.Detail, e.Peer, e.A, e.Time)), Is.EqualTo(new[]
        {
            ("registration-refused", b, 1L, end),
            ("report-rejected", a with { Port = 2 }, 2L, end),
        }), "first held first; the source named is the last held");
        throttle.Flush(TimeSpan.FromSeconds(9));
        Assert.That(trace, Has.Count.EqualTo(2), "each count once");
    }

    [TestCase(0.0, 1.0)]
    [TestCase(0.25, 0.75)]
    [TestCase(1_795_404_569.9, 0.1)] // a real node's clock: Unix time
    public void UntilSecondEnds(double now, double until) =>
        Assert.That(TraceThrottle.UntilSecondEnds(TimeSpan.FromSeconds(now)).TotalSeconds, Is.EqualTo(until).Within(1e-6));
}

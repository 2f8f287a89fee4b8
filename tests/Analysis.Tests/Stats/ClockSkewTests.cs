using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Summary;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using static GossipSim.Analysis.Tests.Stats.TracedNodes;

namespace GossipSim.Analysis.Tests.Stats;

/// <summary>
/// A first receipt timed before its message's creation (hosts whose clocks differ) counts as latency 0 and is said in the summary,
/// not hidden in it: two of three receipts come 4 ms and 25 ms early, one 10 ms late.
/// </summary>
public class ClockSkewTests
{
    private static readonly NodeAddress Origin = Peer(0), A = Peer(1), B = Peer(2);

    private static RunSummary Summary(params double[] receivedAfterCreation)
    {
        var stats = new RunStatistics();
        foreach (var n in new[] { Origin, A, B }) stats.Write(new TraceEvent(S(0), TraceKind.NodeStarted, n, A: 1, Detail: "peer"));
        int number = 0;
        foreach (double after in receivedAfterCreation)
        {
            var id = new MessageId(Origin, ++number);
            stats.Write(new TraceEvent(S(number), TraceKind.GossipCreated, Origin, Message: id));
            stats.Write(new TraceEvent(S(number + after), TraceKind.GossipDelivered, number % 2 == 0 ? A : B, Origin, id, A: 1,
                B: S(number).Ticks));
        }
        var summary = new RunSummary { Scenario = "skew", Runtime = "real", Seed = 1, Peers = 3 };
        stats.FillSummary(summary);
        return summary;
    }

    [Test]
    public void ReceiptsBeforeTheirCreation_AreCountedAndTheWorstSaid_TheirLatencyZero()
    {
        var s = Summary(-0.004, 0.010, -0.025);
        Assert.That(s.Gossip.ReceivedBeforeCreated, Is.Not.Null);
        Assert.That(s.Gossip.ReceivedBeforeCreated!.Receipts, Is.EqualTo(2));
        Assert.That(s.Gossip.ReceivedBeforeCreated.WorstSeconds, Is.EqualTo(0.025).Within(1e-6));
        Assert.That(s.Gossip.LatencySeconds.Max, Is.EqualTo(0.010).Within(1e-3));
        Assert.That(s.Gossip.LatencySeconds.Mean, Is.EqualTo(0.010 / 3).Within(1e-4), "the early ones count as 0, not as negative");
    }

    [Test]
    public void ReceiptsAfterTheirCreation_LeaveItOut() =>
        Assert.That(Summary(0.004, 0.010).Gossip.ReceivedBeforeCreated, Is.Null);
}

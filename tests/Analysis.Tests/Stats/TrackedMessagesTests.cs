using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Summary;
using GossipSim.Analysis.Trace;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.Stats;

/// <summary>A message's share during a failure counts the receivers its denominator counts: peers up at the end and linked by its
/// creation. A receiver that crashed later, or linked after the message was made, is in neither.</summary>
public class TrackedMessagesTests
{
    private static NodeAddress Peer(int i) => new((uint)(0x0A010001 + i), 7000);
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>Five peers all linked; peer 4 crashes at 60 s (never removed: the failure lasts). Peer 0's message of 61 s reaches
    /// peers 1 and 3, not 2; peer 3 crashes at 70 s; peer 5, linked at 63 s, receives it at 64 s. Owed at the end to peers 1 and 2.</summary>
    private static GossipSummary Run()
    {
        var stats = new RunStatistics();
        for (int i = 0; i < 5; i++) stats.Write(new TraceEvent(S(1), TraceKind.NodeStarted, Peer(i), Detail: "peer"));
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++)
                if (i != j) stats.Write(new TraceEvent(S(2), TraceKind.LinkUp, Peer(i), Peer(j)));
        stats.Write(new TraceEvent(S(60), TraceKind.CrashInjected, Peer(4), A: 4, Detail: "peer"));
        var id = new MessageId(Peer(0), 1);
        stats.Write(new TraceEvent(S(61), TraceKind.GossipCreated, Peer(0), Message: id));
        stats.Write(new TraceEvent(S(61.05), TraceKind.GossipDelivered, Peer(1), Peer(0), id, A: 1, B: S(61).Ticks));
        stats.Write(new TraceEvent(S(61.06), TraceKind.GossipDelivered, Peer(3), Peer(0), id, A: 1, B: S(61).Ticks));
        stats.Write(new TraceEvent(S(62), TraceKind.NodeStarted, Peer(5), Detail: "peer"));
        stats.Write(new TraceEvent(S(63), TraceKind.LinkUp, Peer(5), Peer(1)));
        stats.Write(new TraceEvent(S(63), TraceKind.LinkUp, Peer(1), Peer(5)));
        stats.Write(new TraceEvent(S(64), TraceKind.GossipDelivered, Peer(5), Peer(1), id, A: 2, B: S(61).Ticks));
        stats.Write(new TraceEvent(S(70), TraceKind.CrashInjected, Peer(3), A: 4, Detail: "peer"));
        var summary = new RunSummary { Scenario = "tracked", Runtime = "sim", Seed = 1, Peers = 6 };
        stats.FillSummary(summary);
        return summary.Gossip;
    }

    [Test]
    public void AMessagesShare_CountsOnlyTheReceiversItWasOwedTo()
    {
        var g = Run();
        // Three receipts against two peers owed: counted, they made 1.5, shown as 1. Peer 2 missed it: half.
        Assert.That((g.DuringFailure?.Messages, g.DuringFailure?.Reliability, g.DuringFailure?.Lowest), Is.EqualTo(((int?)1, (double?)0.5, (double?)0.5)));
        Assert.That((g.FirstAfterCrash?.Messages, g.FirstAfterCrash?.Reliability), Is.EqualTo(((int?)1, (double?)0.5)));
        Assert.That(g.DuringFailure!.NotMeasured, Is.Null);
    }

    [Test]
    public void PastTheBudget_AMessageIsCountedAsNotMeasured()
    {
        const int nodes = 1 << 28; // 32 MiB of bits a message
        var tracked = new TrackedMessages();
        for (int n = 1; n <= 3; n++) tracked.Created(new MessageId(Peer(0), n), S(n).Ticks, Peer(0), nodes);
        var r = tracked.Reliability(new TraceFold(), []);
        Assert.That((r?.Messages, r?.NotMeasured, tracked.Count), Is.EqualTo(((int?)2, (int?)1, 3)));
    }

    [Test]
    public void TheCap_EndsTheMessagesCounted()
    {
        var tracked = new TrackedMessages(cap: 2);
        for (int n = 1; n <= 5; n++) tracked.Created(new MessageId(Peer(0), n), S(n).Ticks, Peer(0), 10);
        Assert.That(tracked.Count, Is.EqualTo(2));
    }
}

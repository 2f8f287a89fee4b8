using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Summary;
using GossipSim.Analysis.Trace;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using static GossipSim.Analysis.Tests.Stats.TracedNodes;

namespace GossipSim.Analysis.Tests.Stats;

/// <summary>
/// The papers' mass-failure figure: the first 50 broadcasts made from the first crash on, each measured by the share of the live peers
/// (linked by its creation, its origin excluded) it reached; messages made before the crash or after those 50 do not count. Here too the
/// messages made during a failure (<see cref="TrackedMessages"/>): a share counts the receivers its denominator counts, and no other.
/// </summary>
public class FirstAfterCrashTests
{
    /// <summary>Five peers all linked; peer 4 crashes at 60 s; peer 0 makes one message at 50 s and 60 from 61 s on, the first 50 of
    /// those reaching peers 1 and 2 only, the others and the one before the crash every live peer.</summary>
    private static RunSummary Run(bool crash = true)
    {
        var stats = new RunStatistics();
        for (int i = 0; i < 5; i++) stats.Write(new TraceEvent(S(1), TraceKind.NodeStarted, Peer(i), Detail: "peer"));
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++)
                if (i != j) stats.Write(new TraceEvent(S(2), TraceKind.LinkUp, Peer(i), Peer(j)));
        void Message(int number, double at, params int[] reached)
        {
            var id = new MessageId(Peer(0), number);
            stats.Write(new TraceEvent(S(at), TraceKind.GossipCreated, Peer(0), Message: id));
            foreach (int r in reached) stats.Write(new TraceEvent(S(at + 0.05), TraceKind.GossipDelivered, Peer(r), Peer(0), id, A: 1, B: S(at).Ticks));
        }
        Message(1, 50, 1, 2, 3);
        if (crash) stats.Write(new TraceEvent(S(60), TraceKind.CrashInjected, Peer(4), A: 4, Detail: "peer"));
        for (int n = 0; n < 60; n++) Message(2 + n, 61 + n * 0.1, n < RunStatistics.FirstAfterCrashMessages ? [1, 2] : [1, 2, 3]);
        var summary = new RunSummary { Scenario = "first-after-crash", Runtime = "sim", Seed = 1, Peers = 5 };
        stats.FillSummary(summary);
        return summary;
    }

    [Test]
    public void TheFirstFiftyBroadcastsFromTheCrashOn_AreMeasured_AndNoOthers()
    {
        var first = Run().Gossip.FirstAfterCrash;
        Assert.That(first, Is.Not.Null);
        Assert.That(first!.Messages, Is.EqualTo(50));
        Assert.That(first.Reliability, Is.EqualTo(2.0 / 3).Within(1e-12), "each of the 50 reached 2 of the 3 live peers it was owed to");
        Assert.That(first.Lowest, Is.EqualTo(2.0 / 3).Within(1e-12));
    }

    [Test]
    public void ARunWithNoCrash_HasNoSuchFigure() => Assert.That(Run(crash: false).Gossip.FirstAfterCrash, Is.Null);

    /// <summary>Five peers all linked; peer 4 crashes at 60 s (never removed: the failure lasts). Peer 0's message of 61 s reaches
    /// peers 1 and 3, not 2; peer 3 crashes at 70 s; peer 5, linked at 63 s, receives it at 64 s. Owed at the end to peers 1 and 2.</summary>
    private static GossipSummary RunWithALaterCrashAndANewcomer()
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
        var g = RunWithALaterCrashAndANewcomer();
        // Three receipts against two peers owed: counted, they made 1.5, shown as 1. Peer 2 missed it: half.
        Assert.That((g.DuringFailure?.Messages, g.DuringFailure?.Reliability, g.DuringFailure?.Lowest), Is.EqualTo(((int?)1, (double?)0.5, (double?)0.5)));
        Assert.That((g.FirstAfterCrash?.Messages, g.FirstAfterCrash?.Reliability), Is.EqualTo(((int?)1, (double?)0.5)));
        Assert.That(g.DuringFailure!.NotMeasured, Is.Null);
    }

    /// <summary>An origin that starts again numbers its messages from 1 again: (origin, 1) of its second life is another message than
    /// that of its first, as receipts tell them by their creation.</summary>
    [Test]
    public void ARestartedOriginsMessage_OfTheSameNumber_IsAnotherMessage()
    {
        var tracked = new TrackedMessages();
        var id = new MessageId(Peer(0), 1);
        var fold = new TraceFold();
        foreach (int i in new[] { 1, 2 })
        {
            fold.Apply(new TraceEvent(S(1), TraceKind.NodeStarted, Peer(i), Detail: "peer"));
            fold.Apply(new TraceEvent(S(2), TraceKind.LinkUp, Peer(i), Peer(3 - i)));
        }
        tracked.Created(id, S(10).Ticks, Peer(0), 3);
        tracked.Created(id, S(20).Ticks, Peer(0), 3);
        tracked.Received(id, S(10).Ticks, fold, Peer(1));
        tracked.Received(id, S(10).Ticks, fold, Peer(2));
        tracked.Received(id, S(20).Ticks, fold, Peer(1));
        var r = tracked.Reliability(fold, [S(2).Ticks, S(2).Ticks]);
        Assert.That((r?.Messages, r?.Reliability, r?.Lowest), Is.EqualTo(((int?)2, (double?)0.75, (double?)0.5)));
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

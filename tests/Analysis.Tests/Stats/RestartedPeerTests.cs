using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Summary;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using static GossipSim.Analysis.Tests.Stats.TracedNodes;

namespace GossipSim.Analysis.Tests.Stats;

/// <summary>A peer that crashes and starts again is a new process: its counters, its crash's record and what the seeds do to its new
/// life are its new life's, not its old one's.</summary>
public class RestartedPeerTests
{
    /// <summary>Peer 1 (incarnation 1, listed by the seed) receives 4 messages first hand, crashes at 10 s (no counters: it was
    /// killed), starts again at 12 s as incarnation 2 (the seed lists it in its place), receives 2 more, and the seed removes the new
    /// life at 20 s while it is up; at 30 s it stops, its process having taken 4 copies (2 of them duplicates).</summary>
    private static (RunSummary Summary, RunStatistics Stats) Run()
    {
        var stats = new RunStatistics();
        stats.Write(new TraceEvent(S(0), TraceKind.NodeStarted, Seed, A: 1, Detail: "seed"));
        for (int i = 0; i < 3; i++) stats.Write(new TraceEvent(S(0), TraceKind.NodeStarted, Peer(i), A: 1, Detail: "peer"));
        stats.Write(new TraceEvent(S(1), TraceKind.MemberAdded, Seed, Peer(1), A: 1, B: 1));
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                if (i != j) stats.Write(new TraceEvent(S(1), TraceKind.LinkUp, Peer(i), Peer(j)));
        void Deliver(double at, int number)
        {
            var id = new MessageId(Peer(0), number);
            stats.Write(new TraceEvent(S(at - 0.1), TraceKind.GossipCreated, Peer(0), Message: id));
            stats.Write(new TraceEvent(S(at), TraceKind.GossipDelivered, Peer(1), Peer(0), id, A: 1, B: S(at - 0.1).Ticks));
        }
        for (int n = 1; n <= 4; n++) Deliver(2 + n, n);
        stats.Write(new TraceEvent(S(10), TraceKind.CrashInjected, Peer(1), A: 2, Detail: "peer"));
        stats.Write(new TraceEvent(S(12), TraceKind.NodeStarted, Peer(1), A: 2, Detail: "peer"));
        stats.Write(new TraceEvent(S(12.5), TraceKind.MemberAdded, Seed, Peer(1), A: 2, B: 1));
        stats.Write(new TraceEvent(S(13), TraceKind.LinkUp, Peer(1), Peer(0)));
        stats.Write(new TraceEvent(S(13), TraceKind.LinkUp, Peer(0), Peer(1)));
        for (int n = 5; n <= 6; n++) Deliver(9 + n, n);
        stats.Write(new TraceEvent(S(20), TraceKind.MemberRemoved, Seed, Peer(1), A: 2, B: 0));
        stats.Write(new TraceEvent(S(30), TraceKind.GossipCounters, Peer(1), A: 4, B: 8));
        var summary = new RunSummary { Scenario = "restart", Runtime = "sim", Seed = 1, Peers = 3 };
        stats.FillSummary(summary);
        return (summary, stats);
    }

    /// <summary>Its 4 copies against the 2 receipts of the same life: 1 more copy a receipt. Against all 6 receipts, -0.33.</summary>
    [Test]
    public void Redundancy_SetsALifesCopiesAgainstThatLifesReceipts() =>
        Assert.That(Run().Summary.Gossip.Redundancy, Is.EqualTo(1.0).Within(1e-12));

    [Test]
    public void TheCrash_EndsWithTheRestart_AndTheNewLifesRemovalIsALiveOne()
    {
        var (summary, stats) = Run();
        var crash = summary.Failures.Single();
        Assert.That((crash.RestartedAt, crash.RemovedAt, crash.RemovedBySeeds), Is.EqualTo(((double?)12, (double?)null, 0)),
            "the removal of incarnation 2 is not the crash's");
        Assert.That(summary.FalseRemovals, Is.EqualTo(1));
        Assert.That(stats.FirstFalseRemoval, Does.Contain("incarnation 2"));
    }
}

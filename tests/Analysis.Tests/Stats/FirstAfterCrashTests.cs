using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Summary;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.Stats;

/// <summary>
/// The papers' mass-failure figure: the first 50 broadcasts made from the first crash on, each measured by the share of the live peers
/// (linked by its creation, its origin excluded) it reached; messages made before the crash or after those 50 do not count.
/// </summary>
public class FirstAfterCrashTests
{
    private static NodeAddress Peer(int i) => new((uint)(0x0A010001 + i), 7000);
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

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
            foreach (int r in reached) stats.Write(new TraceEvent(S(at + 0.05), TraceKind.GossipDelivered, Peer(r), Peer(0), id, A: 1));
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
}

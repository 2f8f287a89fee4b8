using GossipSim.Analysis.Stats;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using static GossipSim.Analysis.Tests.Stats.TracedNodes;

namespace GossipSim.Analysis.Tests.Stats;

/// <summary>
/// A message's latency goes to the phase of its creation (before the first crash, during a failure, after it was repaired), not of
/// its receipt: peer 3 crashes at 5 s and the seed removes it at 8 s; peer 2 crashes at 10 s and starts again at 12 s. Message 3 is
/// created in the calm spell between (9 s) and received after the second crash (10.5 s); message 4 is created during the second
/// failure (11 s) and received after the restart (12.7 s). Read at their receipt, the two swapped phases.
/// </summary>
public class LatencyPhaseTests
{
    [Test]
    public void EachLatency_CountsInThePhaseOfItsMessagesCreation()
    {
        var stats = new RunStatistics();
        stats.Write(new TraceEvent(S(0), TraceKind.NodeStarted, Seed, A: 1, Detail: "seed"));
        for (int i = 0; i < 4; i++) stats.Write(new TraceEvent(S(0), TraceKind.NodeStarted, Peer(i), A: 1, Detail: "peer"));
        for (int i = 0; i < 4; i++) stats.Write(new TraceEvent(S(0.5), TraceKind.MemberAdded, Seed, Peer(i), A: 1, B: i + 1));
        void Created(int n, double at) => stats.Write(new TraceEvent(S(at), TraceKind.GossipCreated, Peer(0), Message: new MessageId(Peer(0), n)));
        void Received(int n, double created, double at)
        {
            stats.Write(new TraceEvent(S(at), TraceKind.GossipDelivered, Peer(1), Peer(0), new MessageId(Peer(0), n), A: 1, B: S(created).Ticks));
        }
        Created(1, 1); Received(1, 1, 1.1);
        stats.Write(new TraceEvent(S(5), TraceKind.CrashInjected, Peer(3), A: 1, Detail: "peer"));
        Created(2, 6); Received(2, 6, 6.1);
        stats.Write(new TraceEvent(S(8), TraceKind.MemberRemoved, Seed, Peer(3), A: 1, B: 3));
        Created(3, 9);
        stats.Write(new TraceEvent(S(10), TraceKind.CrashInjected, Peer(2), A: 1, Detail: "peer"));
        Received(3, 9, 10.5);
        Created(4, 11);
        stats.Write(new TraceEvent(S(12), TraceKind.NodeStarted, Peer(2), A: 2, Detail: "peer"));
        Received(4, 11, 12.7);
        Created(5, 13); Received(5, 13, 13.1);

        Assert.That((stats.BeforeCrash.Count, stats.DuringFailure.Count, stats.AfterRemoval.Count), Is.EqualTo((1L, 2L, 2L)));
        Assert.That(stats.DuringFailure.MaxSeconds, Is.EqualTo(1.7).Within(0.01), "message 4 (1.7 s), created during the second failure");
        Assert.That(stats.AfterRemoval.MaxSeconds, Is.EqualTo(1.5).Within(0.01), "message 3 (1.5 s), created in the calm spell");
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Soak;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Soak;

/// <summary>Short scripts of trace events: who was up and linked when a message was made, and whom it reached.</summary>
public class OwedDeliveriesTests
{
    private static readonly NodeAddress Origin = new((127u << 24) | 1, 1000), A = new((127u << 24) | 1, 1001),
        B = new((127u << 24) | 1, 1002), Seed = new((127u << 24) | 1, 900);
    private static readonly MessageId M = new(Origin, 1);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>Origin, A and B start at 0, register and link by 2 s; the origin makes M at 10 s; the run ends at 100 s.</summary>
    private static List<TraceEvent> Base()
    {
        var events = new List<TraceEvent>();
        foreach (var p in new[] { Origin, A, B })
        {
            events.Add(new TraceEvent(S(0), TraceKind.NodeStarted, p, Detail: "peer"));
            events.Add(new TraceEvent(S(1), TraceKind.Registered, p, A: 3));
            events.Add(new TraceEvent(S(2), TraceKind.LinkUp, p, Peer: Origin == p ? A : Origin));
        }
        events.Add(new TraceEvent(S(10), TraceKind.GossipCreated, Origin, Message: M));
        return events;
    }

    private static OwedResult Fold(IEnumerable<TraceEvent> events)
    {
        var fold = new OwedDeliveries();
        foreach (var e in events.Append(new TraceEvent(S(100), TraceKind.RunEnded, default)).OrderBy(e => e.Time)) fold.Write(e);
        return fold.Result();
    }

    private static TraceEvent Delivered(NodeAddress to, double at) =>
        new(S(at), TraceKind.GossipDelivered, to, Peer: Origin, Message: M, A: 1, B: S(10).Ticks);

    [Test]
    public void AMessageReachingEveryLinkedPeer_IsAllDelivered()
    {
        var r = Fold(Base().Append(Delivered(A, 10.1)).Append(Delivered(B, 10.2)));
        Assert.That((r.Messages, r.Owed, r.Delivered, r.AllDelivered), Is.EqualTo((1, 2L, 2L, true)));
    }

    [Test]
    public void APeerUpThroughoutThatNeverGetsIt_IsAMissedDelivery()
    {
        var r = Fold(Base().Append(Delivered(A, 10.1)));
        Assert.That((r.Owed, r.Delivered, r.AllDelivered), Is.EqualTo((2L, 1L, false)));
        Assert.That(r.FirstMissed, Does.Contain(B.ToString()));
    }

    [TestCase(TraceKind.CrashInjected, 25.0)]
    [TestCase(TraceKind.NodeStopped, 39.0)]
    public void APeerThatCrashesOrLeavesWithinTheWindow_IsNotOwedIt(TraceKind end, double at)
    {
        var r = Fold(Base().Append(Delivered(A, 10.1)).Append(new TraceEvent(S(at), end, B)));
        Assert.That((r.Owed, r.AllDelivered), Is.EqualTo((1L, true)));
    }

    [Test]
    public void APeerThatJoinedAfterTheMessage_OrHadNoLinkYet_IsNotOwedIt()
    {
        var c = new NodeAddress((127u << 24) | 1, 1003);
        var events = Base().Append(Delivered(A, 10.1)).Append(Delivered(B, 10.2))
            .Append(new TraceEvent(S(5), TraceKind.NodeStarted, c, Detail: "peer"))
            .Append(new TraceEvent(S(6), TraceKind.Registered, c, A: 3))
            .Append(new TraceEvent(S(11), TraceKind.LinkUp, c, Peer: A));
        Assert.That(Fold(events).Owed, Is.EqualTo(2L), "registered before, linked only after: not yet a member");
    }

    [Test]
    public void AMessageWhoseOriginDiesAtOnce_OrThatTheEndCutsShort_IsOwedToNoOne()
    {
        Assert.That(Fold(Base().Append(new TraceEvent(S(10.5), TraceKind.CrashInjected, Origin))).Messages, Is.Zero);
        var late = Base().Append(new TraceEvent(S(80), TraceKind.GossipCreated, Origin, Message: new MessageId(Origin, 2)))
            .Append(Delivered(A, 10.1)).Append(Delivered(B, 10.2));
        Assert.That(Fold(late).Messages, Is.EqualTo(1), "made 20 s before the end: its window runs past it");
    }

    [Test]
    public void APeerRestartedBeforeTheMessage_IsOwedIt_InItsNewLife()
    {
        var events = Base().Append(Delivered(A, 10.1))
            .Append(new TraceEvent(S(3), TraceKind.CrashInjected, B))
            .Append(new TraceEvent(S(4), TraceKind.NodeStarted, B, Detail: "peer"))
            .Append(new TraceEvent(S(5), TraceKind.Registered, B, A: 3))
            .Append(new TraceEvent(S(6), TraceKind.LinkUp, B, Peer: A));
        var r = Fold(events);
        Assert.That((r.Owed, r.Delivered), Is.EqualTo((2L, 1L)));
    }
}

using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Stats;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;

namespace GossipSim.Analysis.Tests.Checks;

/// <summary>The checkers read what a node is from the statistics' fold: roles, crashes, which seeds list whom.</summary>
public class TraceChecksTests
{
    private static readonly NodeAddress SeedA = NodeAddress.Parse("10.0.0.1:5000");
    private static readonly NodeAddress SeedB = NodeAddress.Parse("10.0.0.2:5000");
    private static readonly NodeAddress Peer = NodeAddress.Parse("10.1.0.1:7000");
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static readonly CheckBounds Bounds = new() { SeedCount = 2, FaultsEndSeconds = 10, RemovalBoundSeconds = 20, RunEndSeconds = 100, MessageListCapacity = 1000 };

    private static CheckResult Run(IEnumerable<TraceEvent> events, string check)
    {
        var stats = new RunStatistics();
        var checks = new TraceChecks(Bounds, stats);
        foreach (var e in events) { stats.Write(e); checks.Write(e); }
        return checks.Results().Single(r => r.Name == check);
    }

    private static IEnumerable<TraceEvent> Start(bool listedByA, bool listedByB)
    {
        yield return new(S(0), TraceKind.NodeStarted, SeedA, A: 1, Detail: "seed");
        yield return new(S(0), TraceKind.NodeStarted, SeedB, A: 1, Detail: "seed");
        yield return new(S(1), TraceKind.NodeStarted, Peer, A: 1, Detail: "peer");
        if (listedByA) yield return new(S(2), TraceKind.MemberAdded, SeedA, Peer, A: 1, B: 1);
        if (listedByB) yield return new(S(2), TraceKind.MemberAdded, SeedB, Peer, A: 1, B: 1);
    }

    private const string Removal = "liveness: crashed peers removed in time";

    [TestCase(true, false, false, false, Description = "listed, crashed, never removed")]
    [TestCase(false, false, false, true, Description = "never listed: nothing to remove")]
    [TestCase(true, false, true, true, Description = "its only seed crashed first: no list holds it")]
    [TestCase(true, true, true, false, Description = "the other seed still lists it")]
    public void ACrashedPeer_MustBeRemoved_OnlyWhileALiveSeedListsIt(bool listedByA, bool listedByB, bool seedACrashesFirst, bool passes)
    {
        var events = Start(listedByA, listedByB).ToList();
        if (seedACrashesFirst) events.Add(new(S(5), TraceKind.CrashInjected, SeedA, Detail: "seed"));
        events.Add(new(S(10), TraceKind.CrashInjected, Peer, A: 3, Detail: "peer"));
        Assert.That(Run(events, Removal).Passed, Is.EqualTo(passes));
    }

    [Test]
    public void SeedsAgree_LeavesOutACrashedSeedsDigest_UntilItStartsAgain()
    {
        var events = Start(true, true).ToList();
        events.Add(new(S(5), TraceKind.CrashInjected, SeedB, Detail: "seed"));
        events.Add(new(S(99), TraceKind.SeedDigest, SeedA, A: 1, B: 42));
        events.Add(new(S(99), TraceKind.SeedDigest, SeedB, A: 7, B: 7));
        Assert.That(Run(events, "heal: live seeds agree").Passed, Is.True);

        events.Insert(events.Count - 2, new(S(50), TraceKind.NodeStarted, SeedB, A: 2, Detail: "seed"));
        Assert.That(Run(events, "heal: live seeds agree").Passed, Is.False, "restarted, its digest counts again");
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Run.Narration;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Run.Narration;

/// <summary>Which trace event gives which line of the manager's narration, and how a burst of one kind is held back.</summary>
public class RunNarratorTests
{
    private static readonly NodeAddress SeedA = NodeAddress.Parse("10.0.0.1:5000");
    private static readonly NodeAddress SeedB = NodeAddress.Parse("10.0.0.2:5000");
    private static readonly NodeAddress Hub = NodeAddress.Parse("10.1.0.1:7000");
    private static readonly NodeAddress P2 = NodeAddress.Parse("10.1.0.2:7000");
    private static readonly NodeAddress P3 = NodeAddress.Parse("10.1.0.3:7000");
    private static readonly NodeAddress P4 = NodeAddress.Parse("10.1.0.4:7000");
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>Two seeds, four peers all listed by both; the hub linked to P2 and P3. Gives the two joins of P2 and P3 only when
    /// <paramref name="registered"/>.</summary>
    private static List<TraceEvent> Network(bool registered = false)
    {
        var e = new List<TraceEvent>
        {
            new(S(0), TraceKind.NodeStarted, SeedA, A: 1, Detail: "seed"),
            new(S(0), TraceKind.NodeStarted, SeedB, A: 1, Detail: "seed"),
        };
        foreach (var p in new[] { Hub, P2, P3, P4 })
        {
            e.Add(new(S(1), TraceKind.NodeStarted, p, A: 1, Detail: "peer"));
            e.Add(new(S(1), TraceKind.MemberAdded, SeedA, p, A: 1, B: 1));
            e.Add(new(S(1), TraceKind.MemberAdded, SeedB, p, A: 1, B: 1));
        }
        if (registered)
        {
            e.Add(new(S(2), TraceKind.Registered, P2, A: 2));
            e.Add(new(S(2), TraceKind.Registered, P3, A: 1));
        }
        foreach (var p in new[] { P2, P3 })
        {
            e.Add(new(S(3), TraceKind.LinkUp, Hub, p));
            e.Add(new(S(3), TraceKind.LinkUp, p, Hub));
        }
        return e;
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(Network(registered: true)) { TestName = "Start_UpToLinked_TellsEachJoinOnce" }
            .Returns(new[] { "t=2.0 peer 10.1.0.2:7000 joined: registered with 2 seeds", "t=2.0 peer 10.1.0.3:7000 joined: registered with 1 seed" });

        var again = Network();
        again.Add(new(S(4), TraceKind.Registered, P2, A: 2));
        again.Add(new(S(9), TraceKind.Registered, P2, A: 2)); // a refresh in the same life
        again.Add(new(S(20), TraceKind.CrashInjected, P2, Detail: "peer"));
        again.Add(new(S(30), TraceKind.NodeStarted, P2, A: 2, Detail: "peer"));
        again.Add(new(S(31), TraceKind.Registered, P2, A: 2));
        yield return new TestCaseData(again) { TestName = "ARegistration_IsAJoinOncePerLife_AndARestartedPeerJoinsAgain" }
            .Returns(new[] { "t=4.0 peer 10.1.0.2:7000 joined: registered with 2 seeds", "t=31.0 peer 10.1.0.2:7000 joined again: registered with 2 seeds" });

        var crash = Network();
        crash.Add(new(S(10), TraceKind.CrashInjected, Hub, A: 2, Detail: "peer"));
        crash.Add(new(S(50), TraceKind.Suspected, P2, Hub, A: 2));
        crash.Add(new(S(50.5), TraceKind.Suspected, P3, Hub));
        crash.Add(new(S(53), TraceKind.DeadReported, P2, Hub, A: 1, B: 2));
        crash.Add(new(S(56), TraceKind.MemberRemoved, SeedA, Hub, A: 1, B: 3));
        crash.Add(new(S(56.1), TraceKind.MemberRemoved, SeedB, Hub, A: 1, B: 3));
        crash.Add(new(S(56.2), TraceKind.MemberRemoved, SeedB, Hub, A: 1, B: 3)); // the same seed again (anti-entropy): no change
        yield return new TestCaseData(crash) { TestName = "AKilledHub_IsSuspectedReportedAndRemoved_NotNamingTheCrashTheRuntimeSaid" }
            .Returns(new[]
            {
                "t=50.0 peer 10.1.0.2:7000 suspects peer 10.1.0.1:7000 and asks 2 witnesses",
                "t=50.5 peer 10.1.0.3:7000 suspects peer 10.1.0.1:7000, with no witness to ask",
                "t=53.0 peer 10.1.0.2:7000 reports peer 10.1.0.1:7000 dead to the seeds (1 of 2 witnesses agree)",
                "t=56.0 seed 10.0.0.1:5000 removed peer 10.1.0.1:7000; 1 more seed lists it",
                "t=56.1 peer 10.1.0.1:7000 removed by all 2 seeds that listed it",
            });

        var heal = Network();
        heal.Add(new(S(10), TraceKind.CrashInjected, Hub, A: 2, Detail: "peer"));
        heal.Add(new(S(56), TraceKind.LinkDown, P2, Hub, Detail: "removed by the seeds"));
        heal.Add(new(S(56.1), TraceKind.LinkUp, P2, P4));
        heal.Add(new(S(56.1), TraceKind.LinkUp, P4, P2));
        heal.Add(new(S(56.2), TraceKind.LinkUp, P3, P4)); // before it dropped the hub, and P4's side not traced yet: a link all the same
        heal.Add(new(S(56.3), TraceKind.LinkDown, P3, Hub, Detail: "removed by the seeds"));
        heal.Add(new(S(57), TraceKind.LinkUp, P3, P2));
        yield return new TestCaseData(heal) { TestName = "TheOverlayHealed_OnceThePeersLinkedToTheCrashedOneDroppedItAndAreConnectedWithoutIt" }
            .Returns(new[] { "t=56.3 overlay healed: the 2 peers that were linked to peer 10.1.0.1:7000 have dropped it and are connected again "
                + "without it (2 new links), 46.3 s after it crashed" });

        var gone = Network();
        gone.Add(new(S(10), TraceKind.CrashInjected, Hub, A: 2, Detail: "peer"));
        gone.Add(new(S(20), TraceKind.CrashInjected, P3, Detail: "peer"));
        gone.Add(new(S(56), TraceKind.LinkDown, P2, Hub));
        gone.Add(new(S(57), TraceKind.LinkUp, P2, P4));
        gone.Add(new(S(60), TraceKind.NodeStarted, Hub, A: 2, Detail: "peer"));
        gone.Add(new(S(61), TraceKind.LinkDown, P4, Hub)); // the restarted hub needs no heal
        yield return new TestCaseData(gone) { TestName = "AHeal_DoesNotWaitForANeighbourThatCrashedToo_NorCountAPeerLeftWithNoLink" }
            .Returns(new[] { "t=57.0 overlay healed: the peer that was linked to peer 10.1.0.1:7000 has dropped it and is linked again (1 new link), "
                + "47.0 s after it crashed" });

        var alive = Network();
        alive.Add(new(S(30), TraceKind.MemberRemoved, SeedA, P4, A: 1, B: 3));
        alive.Add(new(S(31), TraceKind.MemberRemoved, SeedB, P4, A: 1, B: 3));
        alive.Add(new(S(40), TraceKind.Rejoined, P4, A: 2));
        alive.Add(new(S(40), TraceKind.SuspicionCleared, P2, P4, Detail: "it answered"));
        yield return new TestCaseData(alive) { TestName = "ALivePeerRemoved_IsSaidSo_AndItsRejoin" }
            .Returns(new[]
            {
                "t=30.0 seed 10.0.0.1:5000 removed peer 10.1.0.4:7000, although it is alive (it will rejoin); 1 more seed lists it",
                "t=31.0 peer 10.1.0.4:7000 removed by all 2 seeds that listed it, although it is alive (it will rejoin)",
                "t=40.0 peer 10.1.0.4:7000 learnt the seeds had removed it while it was alive, and rejoined",
                "t=40.0 peer 10.1.0.2:7000 no longer suspects peer 10.1.0.4:7000 (it answered)",
            });

        var leave = Network();
        leave.Add(new(S(20), TraceKind.NodeStopped, P4));
        leave.Add(new(S(20), TraceKind.RegistrationFailed, P2, Detail: "no seed answered"));
        leave.Add(new(S(90), TraceKind.RunEnded, default));
        leave.Add(new(S(90), TraceKind.NodeStopped, P3)); // stopping at the end is not leaving
        leave.Add(new(S(90), TraceKind.NodeStopped, SeedA));
        yield return new TestCaseData(leave) { TestName = "APeerThatLeaves_IsSaid_ButNotEveryNodeStoppingAtTheEnd" }
            .Returns(new[] { "t=20.0 peer 10.1.0.4:7000 left", "t=20.0 peer 10.1.0.2:7000 could not register: no seed answered" });

        var runtime = Network();
        runtime.Add(new(S(20), TraceKind.Partitioned, default, Detail: "[peer:0] | [everyone else]"));
        runtime.Add(new(S(25), TraceKind.Healed, default));
        runtime.Add(new(S(26), TraceKind.LossChanged, default, Detail: "0.1"));
        runtime.Add(new(S(27), TraceKind.Restarted, P2, Detail: "peer"));
        runtime.Add(new(S(28), TraceKind.GossipCreated, P2));
        runtime.Add(new(S(28), TraceKind.PingMissed, P2, P3, A: 1));
        yield return new TestCaseData(runtime) { TestName = "TheRuntimesOwnEventsAndTheRoutine_GiveNoLine" }
            .Returns(Array.Empty<string>());
    }

    [TestCaseSource(nameof(Cases))]
    public string[] EachEvent_GivesItsLine(List<TraceEvent> events)
    {
        var narrator = new RunNarrator();
        return events.SelectMany(e => narrator.Apply(e)).Select(Text).ToArray();
    }

    private static string Text(NarrationLine n) => $"t={n.At.TotalSeconds:F1} {n.Text}";

    [Test]
    public void ABurstOfOneKind_ShowsTheFirstLines_ThenOneLineForTheRest_WhenItsWindowCloses()
    {
        var narrator = new RunNarrator(linesPerWindow: 2, window: S(5));
        var lines = new List<NarrationLine>();
        foreach (var e in Network()) lines.AddRange(narrator.Apply(e));
        // Five suspicions in 2 s, then a report inside the window (its own kind: shown), then quiet until a tick after the window.
        for (int i = 0; i < 5; i++) lines.AddRange(narrator.Apply(new TraceEvent(S(10 + 0.5 * i), TraceKind.Suspected, P2, Hub, A: 1)));
        lines.AddRange(narrator.Apply(new TraceEvent(S(13), TraceKind.DeadReported, P2, Hub, A: 1, B: 1)));
        lines.AddRange(narrator.Tick(S(14.9)));
        Assert.That(lines.Count(l => l.Text.StartsWith("...", StringComparison.Ordinal)), Is.Zero, "the window is still open at 14.9 s");
        lines.AddRange(narrator.Tick(S(15)));
        lines.AddRange(narrator.Apply(new TraceEvent(S(16), TraceKind.Suspected, P3, Hub, A: 1)));
        Assert.That(lines.Select(Text), Is.EqualTo(new[]
        {
            "t=10.0 peer 10.1.0.2:7000 suspects peer 10.1.0.1:7000 and asks 1 witness",
            "t=10.5 peer 10.1.0.2:7000 suspects peer 10.1.0.1:7000 and asks 1 witness",
            "t=13.0 peer 10.1.0.2:7000 reports peer 10.1.0.1:7000 dead to the seeds (1 of 1 witnesses agree)",
            "t=15.0 ... and 3 more suspicions in the last 5 s",
            "t=16.0 peer 10.1.0.3:7000 suspects peer 10.1.0.1:7000 and asks 1 witness",
        }));
    }

    // Times of lines of one kind, 3 a window of 5 s: which are shown, and the summaries (at the window's end) of those held.
    [TestCase(new[] { 0.0, 1, 2 }, "shown,shown,shown", "")]
    [TestCase(new[] { 0.0, 1, 2, 3, 4 }, "shown,shown,shown,held,held", "5:2")]
    [TestCase(new[] { 0.0, 1, 2, 3, 5 }, "shown,shown,shown,held,shown", "5:1")]
    [TestCase(new[] { 0.0, 1, 2, 3, 5, 6, 7, 8, 9.9 }, "shown,shown,shown,held,shown,shown,shown,held,held", "5:1,10:2")]
    [TestCase(new[] { 0.0, 20 }, "shown,shown", "")]
    public void TheLimit_ShowsSoManyAWindow_AndSummarisesTheRestWhenItCloses(double[] times, string shown, string summaries)
    {
        var limit = new NarrationLimit(3, S(5));
        var closed = new List<NarrationLine>();
        var admitted = times.Select(t => limit.Admit(new NarrationKind("suspicion", "suspicions"), S(t), closed) ? "shown" : "held").ToList();
        limit.Close(S(1000), closed);
        Assert.That(string.Join(",", admitted), Is.EqualTo(shown));
        Assert.That(string.Join(",", closed.Select(c => $"{c.At.TotalSeconds:0.#}:{c.Text.Split(' ')[2]}")), Is.EqualTo(summaries));
    }
}

using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Tests.Support;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Run.Faults;

/// <summary>The schedule's order is kept: a fault does not overtake one planned before it that waits for its trigger.</summary>
public class FaultOrderTests
{
    private static FaultOrder.Planned P(double at, int position) => new(at, position);

    // waiting: the faults waiting now, as (at, position); the fault due: (at, position); held by: the position, or -1 for none.
    [TestCase(new double[0], 20, 1, -1, Description = "nothing waits")]
    [TestCase(new double[] { 10, 0 }, 20, 1, 0, Description = "an earlier fault waits: held by it")]
    [TestCase(new double[] { 30, 0 }, 20, 1, -1, Description = "the waiting one is planned later: not held")]
    [TestCase(new double[] { 20, 0 }, 20, 1, 0, Description = "the same time, earlier in the list: held")]
    [TestCase(new double[] { 20, 2 }, 20, 1, -1, Description = "the same time, later in the list: not held")]
    [TestCase(new double[] { 15, 3, 10, 2 }, 20, 4, 2, Description = "two wait: held by the earliest")]
    public void HeldBy_TheEarliestWaitingFaultPlannedBefore(double[] waiting, double at, int position, int heldBy)
    {
        var w = Enumerable.Range(0, waiting.Length / 2).Select(i => P(waiting[2 * i], (int)waiting[2 * i + 1]));
        Assert.That(FaultOrder.HeldBy(P(at, position), w)?.Position ?? -1, Is.EqualTo(heldBy));
    }

    private static IReadOnlyList<Fault> Schedule(params FaultSpec[] faults)
    {
        var s = new Scenario { Seeds = 3, Peers = 3 };
        s.Faults.AddRange(faults);
        return FaultParser.Parse(s);
    }

    [Test]
    public void AFaultDueWhileAnEarlierOneWaits_FollowsIt_AfterThePlannedGap()
    {
        // The hub's crash (9 s) waits for peer 1 to link; peer 0's crash (12 s) and peer 1's (14 s) come due meanwhile. Before,
        // they were carried out at once, before the hub's (seed-move.json on a loaded machine: the crashes before the move). Now
        // each follows the one before it after the gap the plan left: 3 s, then 2 s.
        var schedule = Schedule(
            new FaultSpec { At = 9, Action = "crash", Target = "hub", After = "allLinked" },
            new FaultSpec { At = 12, Action = "crash", Target = "peer", Index = 0 },
            new FaultSpec { At = 14, Action = "crash", Target = "peer", Index = 1 });
        var runtime = new FakeFaultRuntime([true, false, true]);
        var interpreter = new FaultInterpreter(runtime, 1);
        interpreter.Apply(schedule[0], 0);
        interpreter.Apply(schedule[1], 1);
        interpreter.Apply(schedule[2], 2);
        Assert.That(runtime.Crashed, Is.Empty, "the later crashes wait for the hub's");
        Assert.That(runtime.Said, Has.Some.Contains("fault 'crash peer #0' waits for 'crash hub', planned before it, which waits for its trigger"));
        Assert.That(interpreter.WaitingForTrigger, Is.EquivalentTo(schedule), "all three are still to come, the run's end waits for them");
        Assert.That(interpreter.WaitsForItsTrigger(schedule[1]), Is.False);
        runtime.RunPending();
        Assert.That(runtime.Crashed, Is.Empty, "peer 1 not linked yet");
        runtime.Linked[1] = true;
        runtime.Delays.Clear();
        runtime.RunPending();
        Assert.That(runtime.Crashed, Is.EqualTo(new[] { NodeRef.Peer(2) }), "the hub (highest degree) first");
        Assert.That(runtime.Delays, Is.EqualTo(new[] { 3.0 }), "peer 0's crash follows 3 s later, as planned");
        Assert.That(interpreter.AnyWaiting, Is.True, "peer 1's crash still waits behind peer 0's");
        runtime.RunPending();
        Assert.That(runtime.Crashed, Is.EqualTo(new[] { NodeRef.Peer(2), NodeRef.Peer(0) }));
        Assert.That(runtime.Delays, Is.EqualTo(new[] { 3.0, 2.0 }), "then peer 1's, 2 s after peer 0's");
        runtime.RunPending();
        Assert.That(runtime.Crashed, Is.EqualTo(new[] { NodeRef.Peer(2), NodeRef.Peer(0), NodeRef.Peer(1) }));
        Assert.That(runtime.Waits, Is.EqualTo(schedule), "all three came late: a real run moves its end for each");
        Assert.That(interpreter.AnyWaiting, Is.False);
    }

    [Test]
    public void AFaultPlannedBeforeTheWaitingOne_ARestart_AndAManagersCommand_AreNotHeld()
    {
        var schedule = Schedule(
            new FaultSpec { At = 10, Action = "crash", Target = "peer", Index = 0 },
            new FaultSpec { At = 12, Action = "crash", Target = "hub", After = "allLinked" },
            new FaultSpec { At = 13, Action = "restart", Target = "crashed" });
        var runtime = new FakeFaultRuntime([true, false, true]);
        var interpreter = new FaultInterpreter(runtime, 1);
        interpreter.Apply(schedule[1], 1); // a slow loop came to the hub's crash first; it waits
        interpreter.Apply(schedule[0], 0);
        Assert.That(runtime.Crashed, Is.EqualTo(new[] { NodeRef.Peer(0) }), "planned before the waiting crash: not held");
        interpreter.Apply(schedule[2], 2);
        Assert.That(runtime.Said, Has.None.Contains("waits for 'crash hub'"), "a restart may be what the waiting fault needs");
        interpreter.Apply(new CrashFault(20, new VictimSelector(VictimKind.Peer, Index: 2)), -1);
        Assert.That(runtime.Crashed, Is.EqualTo(new[] { NodeRef.Peer(0), NodeRef.Peer(2) }), "the manager's kill is carried out at once");
    }

    [Test]
    public void TheChurnsLeaves_KeepTheirOwnTimes_WhileAFaultWaits()
    {
        var schedule = Schedule(new FaultSpec { At = 1, Action = "crash", Target = "hub", After = "allLinked" });
        var runtime = new FakeFaultRuntime([true, false, true]);
        var interpreter = new FaultInterpreter(runtime, 1);
        var leaves = interpreter.ChurnLeaves(new ChurnSettings { From = 2, Until = 60, LeavesPerSecond = 0.2, Graceful = true });
        interpreter.Apply(schedule[0], 0);
        interpreter.Apply(leaves[0], 1);
        Assert.That(runtime.Left, Has.Count.EqualTo(1), "the churn's leave was carried out while the crash waits");
        Assert.That(runtime.Crashed, Is.Empty);
    }
}

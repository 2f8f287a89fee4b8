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
    public void AFaultDueWhileAnEarlierOneWaits_IsAppliedAfterIt_InTheSchedulesOrder()
    {
        // The hub's crash waits for peer 1 to link; peer 0's crash, planned 3 s later, comes due meanwhile. Before, it was
        // carried out at once, and the hub crashed after it (seed-move.json on a loaded machine: the crashes before the move).
        var schedule = Schedule(
            new FaultSpec { At = 9, Action = "crash", Target = "hub", After = "allLinked" },
            new FaultSpec { At = 12, Action = "crash", Target = "peer", Index = 0 });
        var runtime = new FakeFaultRuntime([true, false, true]);
        var interpreter = new FaultInterpreter(runtime, 1);
        interpreter.Apply(schedule[0], 0);
        interpreter.Apply(schedule[1], 1);
        Assert.That(runtime.Crashed, Is.Empty, "peer 0's crash waits for the hub's");
        Assert.That(runtime.Said, Has.Some.Contains("fault 'crash peer #0' waits for 'crash hub', before it in the schedule"));
        Assert.That(interpreter.WaitingForTrigger, Is.EqualTo(schedule), "both are still to come, the run's end waits for them");
        Assert.That(interpreter.WaitsForItsTrigger(schedule[1]), Is.False);
        runtime.RunPending();
        Assert.That(runtime.Crashed, Is.Empty, "peer 1 not linked yet");
        runtime.Linked[1] = true;
        runtime.RunPending();
        Assert.That(runtime.Crashed, Is.EqualTo(new[] { NodeRef.Peer(2), NodeRef.Peer(0) }), "the hub (highest degree) first, then peer 0");
        Assert.That(runtime.Waits, Is.EqualTo(schedule), "both came late: a real run moves its end for each");
        Assert.That(interpreter.WaitingForTrigger, Is.Empty);
    }

    [Test]
    public void AFaultPlannedBeforeTheWaitingOne_AndAManagersCommand_AreNotHeld()
    {
        var schedule = Schedule(
            new FaultSpec { At = 12, Action = "crash", Target = "hub", After = "allLinked" },
            new FaultSpec { At = 10, Action = "crash", Target = "peer", Index = 0 });
        var runtime = new FakeFaultRuntime([true, false, true]);
        var interpreter = new FaultInterpreter(runtime, 1);
        interpreter.Apply(schedule[0], 0); // its time came first on a slow loop; peer 0's is planned earlier
        interpreter.Apply(schedule[1], 1);
        Assert.That(runtime.Crashed, Is.EqualTo(new[] { NodeRef.Peer(0) }));
        interpreter.Apply(new CrashFault(0, new VictimSelector(VictimKind.Peer, Index: 2)), -1);
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

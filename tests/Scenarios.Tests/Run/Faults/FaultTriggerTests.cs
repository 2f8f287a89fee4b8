using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Run.Faults;

/// <summary>A fault with "after": "allLinked" waits, on any runtime, until every peer has registered and linked.</summary>
public class FaultTriggerTests
{
    private static Fault HubCrash(string? after)
    {
        var s = new Scenario { Seeds = 3, Peers = 3 };
        s.Faults.Add(new FaultSpec { At = 9, Action = "crash", Target = "hub", After = after });
        return FaultParser.Parse(s).Single();
    }

    [Test]
    public void AfterAllLinked_IsParsed_AndNamedInThePlan()
    {
        Assert.That(HubCrash("allLinked").After, Is.EqualTo(FaultTrigger.AllLinked));
        Assert.That(HubCrash("allLinked").PlanLine(), Is.EqualTo("fault at 9 s or later, once every peer has linked: crash hub"));
        Assert.That(HubCrash(null).After, Is.EqualTo(FaultTrigger.None));
    }

    [Test]
    public void AnUnknownTrigger_IsRefusedNamingTheField()
    {
        var ex = Assert.Throws<ScenarioException>(() => HubCrash("whenever"));
        Assert.That(ex!.Message, Does.Contain("faults[0].after: expected \"allLinked\""));
    }

    // linked: which of the 3 peers are linked when the fault is due; then the last one links after `polls` looks.
    [TestCase(true, true, true, 0, Description = "all linked: the crash happens at once")]
    [TestCase(true, false, true, 3, Description = "one peer links late: the crash waits for it")]
    public void TheCrashWaits_UntilEveryPeerIsLinked(bool p0, bool p1, bool p2, int polls)
    {
        var runtime = new FakeFaultRuntime([p0, p1, p2]);
        var interpreter = new FaultInterpreter(runtime, 1);
        interpreter.Apply(HubCrash("allLinked"), 0);
        for (int i = 0; i < polls; i++)
        {
            Assert.That(runtime.Crashed, Is.Empty, $"look {i}: a peer is not linked yet");
            if (i == polls - 1) runtime.Linked[1] = true;
            runtime.RunPending();
        }
        Assert.That(runtime.Crashed, Is.EqualTo(new[] { NodeRef.Peer(2) }), "the hub (highest degree)");
        // A fault that waited tells the runtime so once, when it is applied (a real run moves its end by the wait).
        Assert.That(runtime.Waits, Has.Count.EqualTo(polls > 0 ? 1 : 0));
    }

    [Test]
    public void APeerThatLinkedAndLostItsLinks_BeforeTheLastWaiterLinks_StillHoldsTheCrash()
    {
        // Each look starts where the last found a waiter (peer 2 here), so this checks that the look also goes back over the
        // peers before it: peer 0 had linked, then lost its links.
        var runtime = new FakeFaultRuntime([true, true, false]);
        var interpreter = new FaultInterpreter(runtime, 1);
        interpreter.Apply(HubCrash("allLinked"), 0);
        Assert.That(runtime.Said, Has.Some.Contains("waits until every peer has linked (1 of 3 not yet)"));
        runtime.Linked[0] = false;
        runtime.Linked[2] = true;
        runtime.RunPending();
        Assert.That(runtime.Crashed, Is.Empty, "peer 0 waits again");
        runtime.Linked[0] = true;
        runtime.RunPending();
        Assert.That(runtime.Crashed, Has.Count.EqualTo(1));
    }

    [Test]
    public void WithoutATrigger_TheCrashDoesNotWait()
    {
        var runtime = new FakeFaultRuntime([true, false, true]);
        new FaultInterpreter(runtime, 1).Apply(HubCrash(null), 0);
        Assert.That(runtime.Crashed, Is.EqualTo(new[] { NodeRef.Peer(2) }));
    }
}

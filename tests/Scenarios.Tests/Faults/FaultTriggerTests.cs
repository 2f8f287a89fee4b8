using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Faults;

namespace GossipSim.Scenarios.Tests.Faults;

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
        var runtime = new FakeRuntime([p0, p1, p2]);
        var interpreter = new FaultInterpreter(runtime, 1);
        interpreter.Apply(HubCrash("allLinked"), 0);
        for (int i = 0; i < polls; i++)
        {
            Assert.That(runtime.Crashed, Is.Empty, $"look {i}: a peer is not linked yet");
            if (i == polls - 1) runtime.Linked[1] = true;
            runtime.RunPending();
        }
        Assert.That(runtime.Crashed, Is.EqualTo(new[] { NodeRef.Peer(2) }), "the hub (highest degree)");
    }

    [Test]
    public void WithoutATrigger_TheCrashDoesNotWait()
    {
        var runtime = new FakeRuntime([true, false, true]);
        new FaultInterpreter(runtime, 1).Apply(HubCrash(null), 0);
        Assert.That(runtime.Crashed, Is.EqualTo(new[] { NodeRef.Peer(2) }));
    }

    /// <summary>Three running peers of degrees 1, 2, 3; which are linked is set by the test; After queues its action.</summary>
    private sealed class FakeRuntime(bool[] linked) : IFaultRuntime
    {
        private readonly List<Action> _pending = new();
        public bool[] Linked { get; } = linked;
        public List<NodeRef> Crashed { get; } = new();

        public void RunPending()
        {
            var due = _pending.ToList();
            _pending.Clear();
            foreach (var a in due) a();
        }

        public NetworkEffects Supports => NetworkEffects.None;
        public IReadOnlyCollection<int> LivePeers() => [0, 1, 2];
        public int DegreeOf(int peer) => peer + 1;
        public int PeerCount => Linked.Length;
        public bool IsLinked(int peer) => Linked[peer];
        public NodeState StateOf(NodeRef node) => Crashed.Contains(node) ? NodeState.Down : NodeState.Running;
        public string AddressOf(NodeRef node) => node.ToString();
        public void Crash(NodeRef node, int degree) => Crashed.Add(node);
        public void Restart(NodeRef node) { }
        public void Partition(PartitionFault partition) { }
        public void Heal() { }
        public double Loss => 0;
        public void SetLoss(double rate) { }
        public double Duplication => 0;
        public void SetDuplication(double rate) { }
        public void SetLatencySpike(double factor, double extraMs) { }
        public void After(double seconds, Action action) => _pending.Add(action);
        public void Say(string line) { }
    }
}

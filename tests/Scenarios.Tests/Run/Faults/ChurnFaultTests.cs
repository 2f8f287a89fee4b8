using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Run.Faults;

/// <summary>Churn as faults of the schedule (leave, join, restart of the crashed peers longest down), the same on every runtime.</summary>
public class ChurnFaultTests
{
    private static IReadOnlyList<Fault> Parse(params FaultSpec[] faults)
    {
        var s = new Scenario { Seeds = 3, Peers = 10 };
        s.Faults.AddRange(faults);
        return FaultParser.Parse(s);
    }

    [Test]
    public void LeaveJoinAndACountedRestart_BecomeTheirTypedFaults()
    {
        var faults = Parse(
            new FaultSpec { At = 1, Action = "leave", Target = "random-peers", Count = 2 },
            new FaultSpec { At = 2, Action = "leave", Target = "peer", Index = 4 },
            new FaultSpec { At = 3, Action = "join", Count = 3 },
            new FaultSpec { At = 4, Action = "restart", Target = "crashed", Count = 1 });
        Assert.That(faults, Is.EqualTo(new Fault[]
        {
            new LeaveFault(1, new VictimSelector(VictimKind.RandomPeers, Count: 2)),
            new LeaveFault(2, new VictimSelector(VictimKind.Peer, Index: 4)),
            new JoinFault(3, 3),
            new RestartFault(4, RestartKind.Crashed, Count: 1),
        }));
        Assert.That(faults.Select(f => f.Describe()), Is.EqualTo(new[]
            { "leave random-peers x2", "leave peer #4", "join x3", "restart crashed peers x1 (longest down first)" }));
    }

    [TestCase("leave", "hub", null, null, "faults[0].target: expected \"random-peers\" (+\"count\") or \"peer\" (+\"index\")")]
    [TestCase("leave", "random-peers", 11, null, "faults[0].count: expected 1 to 10 peers")]
    [TestCase("join", null, 0, null, "faults[0].count: expected 1 to 50 new peers")]
    [TestCase("join", null, null, null, "faults[0].count: expected 1 to 50 new peers")]
    [TestCase("restart", "seed", 1, 0, "faults[0].count: expected with target \"crashed\" only")]
    public void ABadChurnFault_IsRefusedNamingTheField(string action, string? target, int? count, int? index, string expected)
    {
        var ex = Assert.Throws<ScenarioException>(() => Parse(new FaultSpec { At = 1, Action = action, Target = target, Count = count, Index = index }));
        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [Test]
    public void ALeftPeer_IsNotRestartedWithTheCrashed_AndACountedRestartTakesTheLongestDownPeerFirst()
    {
        var runtime = new FakeFaultRuntime([true, true, true, true, true]);
        var faults = new FaultInterpreter(runtime, 1);
        faults.Apply(new CrashFault(1, new VictimSelector(VictimKind.Peer, Index: 3)), 0);
        faults.Apply(new CrashFault(2, new VictimSelector(VictimKind.Seed, Index: 0)), 1);
        faults.Apply(new CrashFault(3, new VictimSelector(VictimKind.Peer, Index: 1)), 2);
        faults.Apply(new LeaveFault(4, new VictimSelector(VictimKind.Peer, Index: 2)), 3);
        Assert.That(runtime.Left, Is.EqualTo(new[] { NodeRef.Peer(2) }));
        faults.Apply(new RestartFault(5, RestartKind.Crashed, Count: 1), 4);
        Assert.That(runtime.Said.Last(), Does.Contain("restarted peer 3"), "the peer longest down, not the seed crashed after it");
        faults.Apply(new JoinFault(6, 2), 5);
        Assert.That(runtime.Joined, Is.EqualTo(2));
        Assert.That(runtime.Said.TakeLast(2), Is.EqualTo(new[] { "joined: new peer 5", "joined: new peer 6" }));
    }

    /// <summary>A scenario's churn leaves are faults the interpreter carries out, drawn as the simulator drew them before: every
    /// leave's time from the leavers stream, then, as each comes, a live peer from the same stream.</summary>
    [TestCase(true)]
    [TestCase(false)]
    public void AScenariosChurnLeaves_AreFaultsOfTheInterpreter_WithTheLeaversStreamsTimesAndVictims(bool graceful)
    {
        var churn = new ChurnSettings { From = 10, Until = 60, LeavesPerSecond = 0.2, Graceful = graceful };
        var runtime = new FakeFaultRuntime(Enumerable.Repeat(true, 10).ToArray());
        var faults = new FaultInterpreter(runtime, 42);
        var leaves = faults.ChurnLeaves(churn);
        var stream = FaultStreams.Leavers(42);
        var times = new List<double>();
        for (double t = churn.From; (t += -Math.Log(1 - stream.NextDouble()) / churn.LeavesPerSecond) < churn.Until;) times.Add(t);
        var drawn = times.Select(_ => NodeRef.Peer(stream.NextInt(10))).ToList(); // the fake keeps every peer in its live list
        Assert.That(times, Has.Count.GreaterThan(3), "enough leaves to test their order");
        Assert.That(leaves.Select(f => f.At), Is.EqualTo(times));
        for (int i = 0; i < leaves.Count; i++) faults.Apply(leaves[i], i);
        Assert.That(graceful ? runtime.Left : runtime.Crashed, Is.EqualTo(drawn.Distinct()));
        Assert.That(faults.Victims, Is.EqualTo(graceful ? Array.Empty<NodeRef>() : drawn.Distinct()), "a churn crash is a victim like any other");
    }

    [Test]
    public void OnTheSimulator_PeersLeaveAndJoin_AndEveryCheckHolds()
    {
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve("crash-hub.json"));
        s.Runtime = "sim";
        s.Faults.Clear();
        s.Faults.Add(new FaultSpec { At = 8, Action = "leave", Target = "random-peers", Count = 3 });
        s.Faults.Add(new FaultSpec { At = 9, Action = "join", Count = 4 });
        s.Faults.Add(new FaultSpec { At = 10, Action = "crash", Target = "random-peers", Count = 2 });
        s.Faults.Add(new FaultSpec { At = 12, Action = "restart", Target = "crashed", Count = 1 });
        ScenarioLoader.Validate(s, "test");
        string dir = Path.Combine(Path.GetTempPath(), $"gossipsim-churnfaults-{Guid.NewGuid():N}");
        try
        {
            var r = RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = false }, dir, _ => { });
            var checks = r.Summary.Checks!;
            Assert.That(checks.Where(c => c.Failed).Select(c => c.Line()), Is.Empty);
            Assert.That(r.Summary.FalseRemovals, Is.Zero, "a clean leave is no false removal");
            Assert.That(checks.Single(c => c.Name == Analysis.Checks.TraceChecks.ListsLivePeers).Detail,
                Does.StartWith("30 live peers"), "30 - 3 left + 4 joined - 2 crashed + 1 restarted");
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }
}

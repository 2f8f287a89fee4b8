using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Runtimes.Docker;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Run.Faults;

/// <summary>
/// A host's crash as the machine dies: the interpreter hands the runtime the host and its running nodes before any of them is
/// crashed (the docker runtime over several engines kills the engine then, so each node's degree is read first), and crashes
/// each after; any other crash never asks it. When the docker runtime kills the engine rather than its containers is a pure rule.
/// </summary>
public class HostDeathTests
{
    [Test]
    public void AHostsCrash_HandsTheRuntimeTheHostAndItsRunningNodes_BeforeAnyOfThemCrashes()
    {
        var runtime = new FakeFaultRuntime([true, true, true, true, true, true]);
        var faults = new FaultInterpreter(runtime, 1);
        faults.Apply(new CrashFault(1, new VictimSelector(VictimKind.Peer, Index: 5)), 0); // down already: not handed over
        Assert.That(runtime.HostDeaths, Is.Empty, "a peer's crash is no host's death");
        faults.Apply(new CrashFault(2, new VictimSelector(VictimKind.Host, Count: 3, Index: 2, Seeds: 3)), 1);
        Assert.That(runtime.HostDeaths, Is.EqualTo(new[] { (2, $"{NodeRef.Seed(2)} {NodeRef.Peer(2)}", 1) }),
            "host 2 of 3 holds seed 2 and peers 2 and 5; peer 5 was down; none of them had crashed yet");
        Assert.That(runtime.Crashed, Is.EqualTo(new[] { NodeRef.Peer(5), NodeRef.Seed(2), NodeRef.Peer(2) }), "then each crashed");
        Assert.That(runtime.Said.TakeLast(2), Is.EqualTo(new[] { "crashed seed 2 seed:2", "crashed peer 2 peer:2" }));
    }

    private static readonly VictimSelector Host2 = new(VictimKind.Host, Count: 3, Index: 2, Seeds: 3);

    [TestCase(1, 2, true, true, "one engine runs every node")]
    [TestCase(3, 2, true, false, "its nodes are not exactly one engine's containers")]
    [TestCase(3, 0, true, true, "the first engine is the run's manager (its network is made and asked there): it stays up")]
    [TestCase(3, 2, false, true, "GOSSIPSIM_DOCKER_HOST_KILLER names no command that kills an engine (deploy/engines/kill.sh for "
        + "deploy/engines/up.sh's engines)")]
    [TestCase(3, 2, true, true, null)]
    [TestCase(3, 1, true, true, null)]
    public void TheEngineDies_OnlyWhenItIsExactlyTheHost_NotTheManager_AndSomethingCanKillIt(int engines, int host, bool killer,
        bool exactlyOneEngines, string? refusal)
    {
        Assert.That(EngineDeath.Refusal(Host2 with { Index = host }, engines, killer, exactlyOneEngines), Is.EqualTo(refusal));
    }
}

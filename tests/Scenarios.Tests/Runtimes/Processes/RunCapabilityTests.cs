using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>What each runtime's manager can do is one value derived from its network; the rest is refused in one line.</summary>
public class RunCapabilityTests
{
    [TestCase(NetworkEffects.None, "list,add,kill,restart,quit", TestName = "loopback processes and in-process hosting: no partition")]
    [TestCase(NetworkEffects.Partition | NetworkEffects.Loss | NetworkEffects.LatencySpike, "list,add,kill,restart,partition,heal,quit", TestName = "netns bed")]
    [TestCase(NetworkEffects.Partition | NetworkEffects.Loss | NetworkEffects.Duplication | NetworkEffects.LatencySpike, "list,add,kill,restart,partition,heal,quit", TestName = "simulator")]
    [TestCase(NetworkEffects.Loss, "list,add,kill,restart,quit", TestName = "loss alone does not cut a network")]
    public void TheCommandsOfARuntime_FollowFromWhatItsNetworkCanDo(NetworkEffects network, string commands) =>
        Assert.That(string.Join(",", RunCapability.Names(RunCapability.Of(network))), Is.EqualTo(commands));

    [TestCase(NetworkEffects.None, false, "list,add,kill,restart,quit", TestName = "the netns bed (its namespaces are built before the run): no seed-set change while running")]
    [TestCase(NetworkEffects.SeedSetVote, false, "list,add,kill,restart,quit", TestName = "the simulator: its seeds are made before its first event")]
    [TestCase(NetworkEffects.SeedSetVote, true, "list,add,kill,restart,quit,seed-set", TestName = "loopback processes, in-process hosting and docker: seed-set")]
    public void TheSeedSetCommand_IsOfferedWhereTheRuntimeStartsSeedsWhileItRuns(NetworkEffects network, bool whileRunning, string commands) =>
        Assert.That(string.Join(",", RunCapability.Names(RunCapability.Of(network, whileRunning))), Is.EqualTo(commands));

    private static readonly RunCommand[] Every =
    {
        new ListNodes(), new AddPeers(1), new KillNode(NodeTarget.TheHub), new RestartNode(NodeTarget.Of(NodeRef.Peer(0))),
        new PartitionNetwork(new[] { new[] { "seed:0" } }, false), new HealNetwork(), new QuitRun(),
    };

    [TestCase("list", null)]
    [TestCase("add", null)]
    [TestCase("kill", null)]
    [TestCase("restart", null)]
    [TestCase("partition", "partition needs control of the network between nodes: loopback processes has none (use \"runtime\": \"netns\", or the simulator with --dashboard)")]
    [TestCase("heal", "heal needs control of the network between nodes: loopback processes has none (use \"runtime\": \"netns\", or the simulator with --dashboard)")]
    [TestCase("quit", null)]
    public void WithoutNetworkControl_PartitionAndHealAreRefusedInOneLine(string command, string? refusal)
    {
        var c = Every.Single(x => x.Name == command);
        Assert.That(RunCapability.Refusal(c, RunCapability.Of(NetworkEffects.None), "loopback processes"), Is.EqualTo(refusal));
        Assert.That(RunCapability.Refusal(c, RunCapability.Of(NetworkEffects.Partition), "the netns bed"), Is.Null, "with network control everything is carried out");
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Runtimes.Docker;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Scenarios.Runtimes.Sim;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Network;

namespace GossipSim.Scenarios.Tests.Runtimes;

/// <summary>
/// One rule seeds a node's stream on every runtime: a scenario's seed or peer draws the same values on the simulator as a node
/// process (loopback or the namespace bed) or a container given its --seed, and as an in-process node given its seed.
/// </summary>
public class NodeSeedsTests
{
    private const ulong RunSeed = 42;

    /// <summary>Records its stream's first draw at each start.</summary>
    private sealed class Draws(List<ulong> into) : Node
    {
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart() => into.Add(Ctx.Random.NextUInt64());
        public override void OnMessage(NodeAddress from, Message message) { }
        public override void OnTimer(TimerTag tag) { }
    }

    [Test]
    public void EveryNodeOfAScenario_DrawsOnTheSimulator_AsItsProcessAndContainerDo_AndARestartDrawsTheSame()
    {
        var s = new Scenario { Name = "seeds", Seeds = 3, Peers = 4 };
        var nodes = Enumerable.Range(0, s.Seeds).Select(NodeRef.Seed).Concat(Enumerable.Range(0, s.Peers).Select(NodeRef.Peer)).ToList();
        var net = new SimNetwork(RunSeed, new UniformLatency(10, 50), NullTraceSink.Instance) { NodeSeeds = SimNodeSeeds.Of(s.Seeds, RunSeed) };
        var drawn = nodes.Select(_ => new List<ulong>()).ToList();
        for (int i = 0; i < nodes.Count; i++)
        {
            var into = drawn[i];
            net.AddNode(new NodeAddress((10u << 24) | (uint)(i + 1), 5000), _ => new Draws(into), TimeSpan.Zero);
        }
        net.RunUntil(TimeSpan.FromSeconds(1));
        net.Crash(s.Seeds + 2);
        net.Restart(s.Seeds + 2);
        net.RunUntil(TimeSpan.FromSeconds(2));

        for (int i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            ulong seed = RngStreams.NodeSeed(RunSeed, node.Role, node.Index);
            ulong process = ulong.Parse(Value(NodeArguments.Common(default, "seeds.txt", "out", RunSeed, node.RoleName, node.Index, 1), "--seed"));
            ulong container = ulong.Parse(Value(DockerLauncher.NodeCommand(s, node, default, RunSeed, originates: false), "--seed"));
            Assert.That((process, container), Is.EqualTo((seed, seed)), $"{node}: the seed a node process and a container are given");
            // A real node's stream from its seed: what NodeAssembly hands its host (an in-process node gets the same seed).
            Assert.That(drawn[i][0], Is.EqualTo(RngStreams.Node(seed).NextUInt64()), $"{node} on the simulator");
        }
        Assert.That(drawn[s.Seeds + 2], Has.Count.EqualTo(2).And.All.EqualTo(drawn[s.Seeds + 2][0]), "a restarted node draws as its process, started again with its --seed, does");
        Assert.That(drawn.Select(d => d[0]), Is.Unique, "every node its own stream");
    }

    private static string Value(IReadOnlyList<string> args, string option) => args[args.ToList().IndexOf(option) + 1];
}

using System.Reflection;
using GossipSim.Analysis.PowerLaw;
using GossipSim.Bench.Flood;
using GossipSim.Bench.Phold;
using GossipSim.DelayRelay;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Swarm;
using GossipSim.Simulator;

namespace GossipSim.Scenarios.Tests.Layering;

/// <summary>
/// Each project names its own random streams, in a class named <c>…Streams</c>; this project
/// sees every project, so here no two of them may share a stream, and none may be left out.
/// </summary>
public class NamedStreamsTests
{
    private const ulong Seed = 42;

    /// <summary>Each named stream's first draw, from the arguments a run gives it (a node's stream from its seed in a run).</summary>
    private static readonly (string Method, string Case, ulong First)[] FirstDraws =
    [
        (nameof(RngStreams) + "." + nameof(RngStreams.Node), "seed 0", RngStreams.Node(RngStreams.NodeSeed(Seed, NodeRole.Seed, 0)).NextUInt64()),
        (nameof(RngStreams) + "." + nameof(RngStreams.Node), "peer 0", RngStreams.Node(RngStreams.NodeSeed(Seed, NodeRole.Peer, 0)).NextUInt64()),
        (nameof(RngStreams) + "." + nameof(RngStreams.Node), "a node process's --seed 42", RngStreams.Node(Seed).NextUInt64()),
        (nameof(SimStreams) + "." + nameof(SimStreams.NodeNetwork), "node 0", SimStreams.NodeNetwork(Seed, 0, 1 << 16).NextUInt64()),
        (nameof(SimStreams) + "." + nameof(SimStreams.NodeNetwork), "an open port 0", SimStreams.NodeNetwork(Seed, 0, 0).NextUInt64()),
        (nameof(SimStreams) + "." + nameof(SimStreams.LatencySalt), "", SimStreams.LatencySalt(Seed)),
        (nameof(RunStreams) + "." + nameof(RunStreams.Originators), "", RunStreams.Originators(Seed).NextUInt64()),
        (nameof(RunStreams) + "." + nameof(RunStreams.Churn), "", RunStreams.Churn(Seed).NextUInt64()),
        (nameof(FaultStreams) + "." + nameof(FaultStreams.Leavers), "", FaultStreams.Leavers(Seed).NextUInt64()),
        (nameof(FaultStreams) + "." + nameof(FaultStreams.Victims), "fault 0", FaultStreams.Victims(Seed, 0).NextUInt64()),
        (nameof(FaultStreams) + "." + nameof(FaultStreams.Victims), "fault 1", FaultStreams.Victims(Seed, 1).NextUInt64()),
        (nameof(SwarmStreams) + "." + nameof(SwarmStreams.Run), "run 0", SwarmStreams.Run(Seed, 0).NextUInt64()),
        (nameof(FloodStreams) + "." + nameof(FloodStreams.Graph), "", FloodStreams.Graph(Seed).NextUInt64()),
        (nameof(FloodStreams) + "." + nameof(FloodStreams.Latency), "", FloodStreams.Latency(Seed).NextUInt64()),
        (nameof(PholdStreams) + "." + nameof(PholdStreams.Events), "", PholdStreams.Events(Seed).NextUInt64()),
        (nameof(BootstrapStreams) + "." + nameof(BootstrapStreams.Replicate), "replicate 0", BootstrapStreams.Replicate(Seed, 0).NextUInt64()),
        (nameof(RelayStreams) + "." + nameof(RelayStreams.Direction), "connection 0 forward", RelayStreams.Direction(Seed, 0, back: false).NextUInt64()),
        (nameof(RelayStreams) + "." + nameof(RelayStreams.Direction), "connection 0 back", RelayStreams.Direction(Seed, 0, back: true).NextUInt64()),
    ];

    /// <summary>Methods of a <c>…Streams</c> class that hand a seed on to a run or a node (which then names its streams), not a draw.</summary>
    private static readonly string[] SeedsHandedOn =
    [
        nameof(RngStreams) + "." + nameof(RngStreams.NodeSeed),
        nameof(RngStreams) + "." + nameof(RngStreams.Child),
        nameof(SwarmStreams) + "." + nameof(SwarmStreams.RunSeed),
    ];

    [Test]
    public void EveryNamedStreamOfARun_IsItsOwn()
    {
        var shared = FirstDraws.GroupBy(d => d.First).Where(g => g.Count() > 1)
            .Select(g => string.Join(" = ", g.Select(d => $"{d.Method}({d.Case})")));
        Assert.That(shared, Is.Empty, "two named streams draw the same values");
    }

    [Test]
    public void EveryProjectsNamedStreams_AreAllInTheCheck()
    {
        var named = LayeringTests.Projects.Select(p => Assembly.Load(p.Project))
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.Name.EndsWith("Streams", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => $"{t.Name}.{m.Name}"))
            .ToHashSet();
        var accounted = FirstDraws.Select(d => d.Method).Concat(SeedsHandedOn).ToHashSet();
        Assert.That(named.Except(accounted), Is.Empty, "a named stream the collision check does not draw from: add it to FirstDraws");
        Assert.That(accounted.Except(named), Is.Empty, "the check names a stream no project has");
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class RngStreamsTests
{
    [Test]
    public void EveryNamedStreamOfARun_IsItsOwn()
    {
        const ulong seed = 42;
        var firsts = new Dictionary<string, ulong>
        {
            ["network"] = RngStreams.Network(seed).NextUInt64(),
            ["faults"] = RngStreams.Faults(seed).NextUInt64(),
            ["victims of fault 0"] = RngStreams.Victims(seed, 0).NextUInt64(),
            ["victims of fault 1"] = RngStreams.Victims(seed, 1).NextUInt64(),
            ["originators"] = RngStreams.Originators(seed).NextUInt64(),
            ["churn"] = RngStreams.Churn(seed).NextUInt64(),
            ["relay 0 forward"] = RngStreams.RelayDirection(seed, 0, back: false).NextUInt64(),
            ["relay 0 back"] = RngStreams.RelayDirection(seed, 0, back: true).NextUInt64(),
            ["swarm run 0"] = RngStreams.SwarmRun(seed, 0).NextUInt64(),
            ["flood graph"] = RngStreams.FloodGraph(seed).NextUInt64(),
            ["flood latency"] = RngStreams.FloodLatency(seed).NextUInt64(),
            ["phold"] = RngStreams.Phold(seed).NextUInt64(),
            ["bootstrap 0"] = RngStreams.BootstrapReplicate(seed, 0).NextUInt64(),
            ["sim node 0"] = RngStreams.SimNode(seed, 0, 1 << 16).NextUInt64(),
            ["sim node 0, restarted"] = RngStreams.SimNode(seed, 0, 2 << 16).NextUInt64(),
            ["real node"] = RngStreams.RealNode(seed, new NodeAddress(0x7F000001, 7000)).NextUInt64(),
        };
        var shared = firsts.GroupBy(kv => kv.Value).Where(g => g.Count() > 1).Select(g => string.Join(" = ", g.Select(kv => kv.Key)));
        Assert.That(shared, Is.Empty);
    }

    /// <summary>The seeds handed on to a real node and to a swarm run: the values the committed real runs used.</summary>
    [TestCase(true, 2, 7_000_023UL)]
    [TestCase(false, 3, 7_001_024UL)]
    public void ARealNodesSeed_IsTheRunSeedsChild_PeersFrom1000(bool isSeed, int index, ulong expected) =>
        Assert.That(RngStreams.RealNodeSeed(7, isSeed, index), Is.EqualTo(expected));

    [Test]
    public void ASwarmRunsSeed_IsTheSwarmSeedsChild() => Assert.That(RngStreams.SwarmRunSeed(5, 4), Is.EqualTo(5_000_019UL));
}

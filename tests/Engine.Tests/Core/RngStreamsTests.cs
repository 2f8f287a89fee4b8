using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>A node's seed handed on; that every named stream of every project is its own is checked in Scenarios.Tests (it sees them all).</summary>
public class RngStreamsTests
{
    /// <summary>A node's seed in a run is the run seed's child: seeds by their index, peers from 2^32.</summary>
    [TestCase(NodeRole.Seed, 2, 7_000_023UL)]
    [TestCase(NodeRole.Peer, 3, 7_000_021UL + (1UL << 32) + 3)]
    public void ANodesSeed_IsTheRunSeedsChild_PeersFrom2To32(NodeRole role, int index, ulong expected) =>
        Assert.That(RngStreams.NodeSeed(7, role, index), Is.EqualTo(expected));

    [Test]
    public void ASeedAndAPeerOfOneIndex_DrawApart()
    {
        for (int i = 0; i < 3000; i += 997)
            Assert.That(RngStreams.Node(RngStreams.NodeSeed(7, NodeRole.Seed, i)).NextUInt64(),
                Is.Not.EqualTo(RngStreams.Node(RngStreams.NodeSeed(7, NodeRole.Peer, i)).NextUInt64()), $"index {i}");
    }
}

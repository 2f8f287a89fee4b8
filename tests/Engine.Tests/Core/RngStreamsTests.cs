using GossipSim.Engine.Core;

namespace GossipSim.Engine.Tests;

/// <summary>A node's seed handed on; that every named stream of every project is its own is checked in Scenarios.Tests (it sees them all).</summary>
public class RngStreamsTests
{
    /// <summary>The seeds handed on to a real node: the values the committed real runs used.</summary>
    [TestCase(true, 2, 7_000_023UL)]
    [TestCase(false, 3, 7_001_024UL)]
    public void ARealNodesSeed_IsTheRunSeedsChild_PeersFrom1000(bool isSeed, int index, ulong expected) =>
        Assert.That(RngStreams.RealNodeSeed(7, isSeed, index), Is.EqualTo(expected));
}

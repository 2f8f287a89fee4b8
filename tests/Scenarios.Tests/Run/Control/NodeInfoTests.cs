using GossipSim.Engine.Core;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Run.Control;

/// <summary>How the manager's list names a node: a Plumtree peer's links by mode, a HyParView peer's passive view, other peers by degree
/// alone.</summary>
public class NodeInfoTests
{
    private static readonly NodeAddress Address = new((127u << 24) | 1, 4000);

    [TestCase(true, 5, null, null, "peer 3 127.0.0.1:4000 up, degree 5")]
    [TestCase(true, 5, 2, null, "peer 3 127.0.0.1:4000 up, degree 5 (2 tree, 3 lazy)")]
    [TestCase(true, 0, 0, null, "peer 3 127.0.0.1:4000 up, degree 0 (0 tree, 0 lazy)")]
    [TestCase(true, 5, null, 27, "peer 3 127.0.0.1:4000 up, degree 5 (passive 27)")]
    [TestCase(true, 0, null, 0, "peer 3 127.0.0.1:4000 up, degree 0 (passive 0)")]
    [TestCase(true, 4, 3, 12, "peer 3 127.0.0.1:4000 up, degree 4 (3 tree, 1 lazy, passive 12)")]
    [TestCase(false, 0, null, null, "peer 3 127.0.0.1:4000 DOWN")]
    [TestCase(false, 0, null, 27, "peer 3 127.0.0.1:4000 DOWN")]
    public void APeer_IsListedWithItsDegree_AndItsLinksByMode_AndItsPassiveView_WhereItsProtocolsHaveThem(bool up, int degree, int? tree,
        int? passive, string expected) =>
        Assert.That(new NodeInfo(NodeRef.Peer(3), Address, up, degree, tree, passive).ToString(), Is.EqualTo(expected));
}

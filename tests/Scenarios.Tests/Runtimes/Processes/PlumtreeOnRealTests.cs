using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>
/// The headline scenario with Plumtree on real node processes on loopback: the choice reaches every node (its IHAVE, GRAFT and
/// PRUNE travel over TCP through the one codec), the hub is killed, and every check of crash-hub holds, delivery to every live
/// peer after the heal included. About half a minute.
/// </summary>
public class PlumtreeOnRealTests : RunFolder
{
    [Test]
    public void CrashHub_WithPlumtree_OnLoopbackProcesses_PassesEveryCheck()
    {
        var summary = CrashHubUnder.OnLoopback(Dir, Engine.Config.BroadcastProtocol.Plumtree, Engine.Config.FailureDetector.Classic);
        var tree = summary.Gossip.Plumtree;
        Assert.That(tree, Is.Not.Null, "every node ran Plumtree and counted it");
        Assert.That(tree!.IhavesSent, Is.GreaterThan(0), "the lazy links carried IHAVE over TCP");
        Assert.That(tree.PrunesSent, Is.GreaterThan(0), "duplicates pruned the links off the tree");
        Assert.That(summary.Gossip.Redundancy, Is.LessThan(1), "far under the flood's 3.7 extra copies a receipt");
    }
}

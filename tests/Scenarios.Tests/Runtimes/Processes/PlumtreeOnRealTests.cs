using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>
/// The headline scenario with Plumtree on real node processes on loopback: the choice reaches every node (its IHAVE, GRAFT and
/// PRUNE travel over TCP through the one codec), the hub is killed, and every check of crash-hub holds, delivery to every live
/// peer after the heal included. About a minute.
/// </summary>
public class PlumtreeOnRealTests : RunFolder
{
    [Test]
    public void CrashHub_WithPlumtree_OnLoopbackProcesses_PassesEveryCheck()
    {
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve("crash-hub.json"));
        s.Protocol["broadcast"] = (double)Engine.Config.BroadcastProtocol.Plumtree;
        var r = RealRunner.Run(s, new RunOptions { Quiet = true, TraceFile = true, Logs = false }, Dir, TestContext.Progress.WriteLine);
        var checks = r.Summary.CheckCounts!;
        Assert.That(checks.AllPassed, Is.True, checks.Sentence() + ": " + string.Join("; ",
            r.Summary.Checks!.Where(c => c.Verdict != Analysis.Checks.CheckVerdict.Passed).Select(c => $"{c.Name}: {c.Detail} {c.FirstViolation}")));
        Assert.That(r.Summary.Failures, Has.Count.EqualTo(1), "the hub was killed");
        Assert.That(r.Summary.Gossip.DeliveryRatio, Is.EqualTo(1.0));
        var tree = r.Summary.Gossip.Plumtree;
        Assert.That(tree, Is.Not.Null, "every node ran Plumtree and counted it");
        Assert.That(tree!.IhavesSent, Is.GreaterThan(0), "the lazy links carried IHAVE over TCP");
        Assert.That(tree.PrunesSent, Is.GreaterThan(0), "duplicates pruned the links off the tree");
        Assert.That(r.Summary.Gossip.Redundancy, Is.LessThan(1), "far under the flood's 3.7 extra copies a receipt");
    }
}

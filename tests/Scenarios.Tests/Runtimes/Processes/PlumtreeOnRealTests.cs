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
        // A machine that holds nodes up for seconds makes Plumtree's missing-message timers fire late, together, and graft from
        // several announcers at once: a local CI's four lanes held nodes up to 8.8 s (861 held-up lines) and the run made 1.25
        // extra copies a receipt. There the tree must still save half the flood's copies.
        long heldUpMs = Analysis.Trace.TraceFile.Read(Path.Combine(Dir, "trace.jsonl.gz"))
            .Where(e => e.Kind == Engine.Trace.TraceKind.HeldUp).Select(e => e.A).DefaultIfEmpty(0).Max();
        Assert.That(summary.Gossip.Redundancy, Is.LessThan(heldUpMs >= 1000 ? 3.7 / 2 : 1),
            $"far under the flood's 3.7 extra copies a receipt (a node was held up {heldUpMs} ms at most)");
    }
}

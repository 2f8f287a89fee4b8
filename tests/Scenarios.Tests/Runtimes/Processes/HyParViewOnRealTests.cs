using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>
/// The headline scenario on HyParView's overlay on real node processes on loopback, under each broadcast: the choice reaches every
/// node, newcomers join through one contact and FORWARDJOIN walks, no peer holds more links than its active view, the hub is killed
/// and removed by the seeds' majority, and every check of crash-hub holds. About 45 s each.
/// </summary>
public class HyParViewOnRealTests : RunFolder
{
    [TestCase(Engine.Config.BroadcastProtocol.Flood, Engine.Config.FailureDetector.Classic)]
    [TestCase(Engine.Config.BroadcastProtocol.Plumtree, Engine.Config.FailureDetector.Classic)]
    [TestCase(Engine.Config.BroadcastProtocol.Flood, Engine.Config.FailureDetector.Swim)]
    [TestCase(Engine.Config.BroadcastProtocol.Plumtree, Engine.Config.FailureDetector.Swim)]
    public void CrashHub_OnHyParView_OnLoopbackProcesses_PassesEveryCheck(Engine.Config.BroadcastProtocol broadcast,
        Engine.Config.FailureDetector detector)
    {
        var summary = CrashHubUnder.OnLoopback(Dir, broadcast, detector, Engine.Config.Overlay.Hyparview);
        Assert.That(summary.Failures[0].RemovedAt, Is.Not.Null, "the hub was removed");
        var view = summary.Membership.HyParView;
        Assert.That(view, Is.Not.Null, "every node ran HyParView and counted it");
        Assert.That(view!.ForwardJoins, Is.GreaterThan(0), "contacts walked newcomers through their links");
        Assert.That(view.PassiveEntries, Is.GreaterThan(0), "the passive views hold peers to replace lost links with");
        Assert.That(summary.Degree.Max, Is.LessThanOrEqualTo(5), "no peer holds more links than its active view (5)");
    }
}

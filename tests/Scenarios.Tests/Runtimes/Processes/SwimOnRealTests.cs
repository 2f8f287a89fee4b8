using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>
/// The headline scenario with SWIM on real node processes on loopback, under each broadcast: the choice reaches every node, the
/// hub is killed, SWIM's probes find it, the seeds' majority removes it, and every check of crash-hub holds. About 40 s each.
/// </summary>
public class SwimOnRealTests : RunFolder
{
    [TestCase(Engine.Config.BroadcastProtocol.Flood)]
    [TestCase(Engine.Config.BroadcastProtocol.Plumtree)]
    public void CrashHub_WithSwim_OnLoopbackProcesses_PassesEveryCheck(Engine.Config.BroadcastProtocol broadcast)
    {
        var summary = CrashHubUnder.OnLoopback(Dir, broadcast, Engine.Config.FailureDetector.Swim);
        Assert.That(summary.Failures[0].RemovedAt, Is.Not.Null, "the hub was removed");
        var swim = summary.Membership.Swim;
        Assert.That(swim, Is.Not.Null, "every node ran SWIM and counted it");
        Assert.That(swim!.ProbesSent, Is.GreaterThan(0));
        Assert.That(swim.Suspicions, Is.GreaterThan(0), "the hub's neighbours suspected it");
    }
}

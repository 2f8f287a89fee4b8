using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>
/// The headline scenario with SWIM on real node processes on loopback, under each broadcast: the choice reaches every node, the
/// hub is killed, SWIM's probes find it, the seeds' majority removes it, and every check of crash-hub holds. About a minute each.
/// </summary>
public class SwimOnRealTests : RunFolder
{
    [TestCase(Engine.Config.BroadcastProtocol.Flood)]
    [TestCase(Engine.Config.BroadcastProtocol.Plumtree)]
    public void CrashHub_WithSwim_OnLoopbackProcesses_PassesEveryCheck(Engine.Config.BroadcastProtocol broadcast)
    {
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve("crash-hub.json"));
        s.Protocol["broadcast"] = (double)broadcast;
        s.Protocol["failureDetector"] = (double)Engine.Config.FailureDetector.Swim;
        var r = RealRunner.Run(s, new RunOptions { Quiet = true, TraceFile = true, Logs = false }, Dir, TestContext.Progress.WriteLine);
        var checks = r.Summary.CheckCounts!;
        Assert.That(checks.AllPassed, Is.True, checks.Sentence() + ": " + string.Join("; ",
            r.Summary.Checks!.Where(c => c.Verdict != Analysis.Checks.CheckVerdict.Passed).Select(c => $"{c.Name}: {c.Detail} {c.FirstViolation}")));
        Assert.That(r.Summary.Failures, Has.Count.EqualTo(1), "the hub was killed");
        Assert.That(r.Summary.Failures[0].RemovedAt, Is.Not.Null, "and removed");
        Assert.That(r.Summary.Gossip.DeliveryRatio, Is.EqualTo(1.0));
        var swim = r.Summary.Membership.Swim;
        Assert.That(swim, Is.Not.Null, "every node ran SWIM and counted it");
        Assert.That(swim!.ProbesSent, Is.GreaterThan(0));
        Assert.That(swim.Suspicions, Is.GreaterThan(0), "the hub's neighbours suspected it");
    }
}

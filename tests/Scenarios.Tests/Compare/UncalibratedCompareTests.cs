using GossipSim.Scenarios.Compare;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Compare;

/// <summary>
/// An uncalibrated comparison on loopback (issue 54, item 6) at a size the shipped model was not measured at: crash-hub with 10
/// peers, a third of the load a core serves in the model's own run. The simulator draws the shipped model at this run's load, and
/// its latencies land near the real nodes' (the model as measured at 30 peers put 5.5 ms against 1.4 ms real here; the wire alone
/// 0.004 ms). About a minute: the real run, then 19 runs of the model for the Monte Carlo test.
/// </summary>
public class UncalibratedCompareTests : RunFolder
{
    [Test]
    public void ASmallerRun_GetsTheModelAtItsOwnLoad_AndLatenciesNearTheRealOnes()
    {
        string path = ScenarioLoader.Resolve("crash-hub.json");
        var s = ScenarioLoader.Load(path);
        s.Peers = 10;
        var report = CompareCommand.Compare(s, path, "loopback", 21, Dir, "matched", alpha: 0.05, quiet: true, TestContext.Progress.WriteLine,
            modelRuns: 19);

        double load = HopLoad.CopiesPerCoreSecond(s, Environment.ProcessorCount);
        Assert.That(report.Extra["hopCost"] as string, Does.StartWith($"load {load:0} copies of gossip a core a second")
            .And.Contain("every gossip delay of the model times"));
        Assert.That(report.ModelRuns, Is.EqualTo(19), "the Monte Carlo test, not the naive one");
        var byKey = report.Metrics.ToDictionary(m => m.Key);
        foreach (var key in new[] { "latency", "latencyPerHop" })
        {
            var m = byKey[key];
            // Above: at most twice the real (the model unscaled put 3.9 times). Below, wide: a machine busy with other work (CI runs
            // test assemblies side by side) slows the real nodes, never the simulator's draw.
            Assert.That(m.SimMedian / m.RealMedian, Is.InRange(0.15, 2.0), $"{m.Verdict}; {report.Extra["hopCost"]}");
        }
        // Real floods take longer paths on a busy machine (a run with the cores 60 % busy: 2.94 hops against 2.28 on a quiet one of
        // its size).
        Assert.That(byKey["hops"].SimMean, Is.EqualTo(byKey["hops"].RealMean).Within(1.0), byKey["hops"].Verdict);
    }
}

using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>The wan model on threads: a node's country and a pair's base are pure functions of the run and the nodes, so partitions
/// side by side draw what one thread draws, and its floor (1 ms) lets them run side by side at all.</summary>
public class WanThreadCountTests
{
    [Test]
    public void ASmallWanCrashHub_GivesOneTrace_On1And2Threads()
    {
        var s = ScenarioLoader.Load(Path.Combine(GoldenTraceHashTests.ScenariosFolder(), "wan-crash-hub-small.json"));
        var one = Run(s, threads: 1);
        var two = Run(s, threads: 2);
        Assert.That(two.Summary.Extra!["threads"], Is.EqualTo(2), "the run did not split across threads: nothing here tested partitions");
        Assert.That(two.Summary.Extra!["timeWindows"], Is.GreaterThan(0L));
        Assert.That(two.Summary.TraceHash, Is.EqualTo(one.Summary.TraceHash), "2 threads gave another trace than one thread");
        Assert.That(two.Summary.Events, Is.EqualTo(one.Summary.Events));
        Assert.That(one.Summary.Checks!.Where(c => c.Verdict == Analysis.Summary.CheckVerdict.Failed).Select(c => c.Name), Is.Empty);
    }

    [Test]
    public void WithAHopCostOnTop_AsCompareOnTheBedDrawsIt_OneTraceOn1And2Threads_AndTheFloorIsBothFloors()
    {
        var s = ScenarioLoader.Load(Path.Combine(GoldenTraceHashTests.ScenariosFolder(), "wan-crash-hub-small.json"));
        s.Network.Latency.NodeHop = GossipSim.Scenarios.Compare.LoopbackModel.Shipped()!.At(300).Latency;
        var model = (Simulator.Latency.PlusNodeHopLatency)ScenarioConfig.LatencyOf(s).ForRun(s.Seed);
        Assert.That(model.MinTicks, Is.EqualTo(ScenarioConfig.WireLatencyOf(s).ForRun(s.Seed).MinTicks + model.NodeHop.MinTicks));
        var plain = Run(ScenarioLoader.Load(Path.Combine(GoldenTraceHashTests.ScenariosFolder(), "wan-crash-hub-small.json")), threads: 1);
        var one = Run(s, threads: 1);
        var two = Run(s, threads: 2);
        Assert.That(two.Summary.TraceHash, Is.EqualTo(one.Summary.TraceHash), "2 threads gave another trace than one thread");
        Assert.That(one.Summary.TraceHash, Is.Not.EqualTo(plain.Summary.TraceHash), "the hop's cost moved the run");
        Assert.That(one.Summary.Gossip.LatencySeconds.P50, Is.GreaterThan(plain.Summary.Gossip.LatencySeconds.P50), "and slowed it");
        Assert.That(one.Summary.Checks!.Where(c => c.Verdict == Analysis.Summary.CheckVerdict.Failed).Select(c => c.Name), Is.Empty);
    }

    private static RunResult Run(Scenario s, int threads)
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-wan-threads-").FullName;
        try
        {
            return RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = false, Threads = threads }, dir, _ => { });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

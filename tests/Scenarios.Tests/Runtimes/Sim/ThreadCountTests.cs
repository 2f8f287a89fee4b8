using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>
/// A simulated run is the same trace, byte for byte, on any number of threads: every fault the
/// scenarios have (loss, duplication, reordering, a hub crash, churn's joins, leaves and crashes)
/// crosses partitions here. The shipped scenarios' known hashes on 2 and 4 threads are in
/// <see cref="GoldenTraceHashTests"/>.
/// </summary>
public class ThreadCountTests
{
    /// <summary>sim-loss with a latency that has a floor, so its windows run side by side: loss, duplication and reordering on every thread count.</summary>
    [Test]
    public void LossDuplicationAndReordering_GiveOneTrace_On1_2And4Threads()
    {
        var s = Load("sim-loss.json");
        s.Network.Latency = new LatencySpec { Model = "uniform", MinMs = 5, MaxMs = 60 };
        AssertOneTrace(s);
    }

    [Test]
    public void ChurnJoinsLeavesAndCrashes_GiveOneTrace_On1_2And4Threads()
    {
        var s = Load("sim-churn.json");
        s.Peers = 80;
        AssertOneTrace(s);
    }

    [Test]
    public void ALatencyThatCanBeZero_RunsOnOneThread_AndSaysWhy()
    {
        var s = Load("sim-loss.json"); // log-normal: no smallest delay above 0
        s.DurationSeconds = 30;
        var said = new List<string>();
        var run = Run(s, threads: 2, said.Add);
        Assert.That(run.Summary.Extra!["threads"], Is.EqualTo(1));
        Assert.That(said, Has.Some.Contains("threads: 1, though more were asked for").And.Some.Contains("0 ms"));
    }

    private static void AssertOneTrace(Scenario s)
    {
        var one = Run(s, threads: 1, _ => { });
        foreach (int threads in new[] { 2, 4 })
        {
            var many = Run(s, threads, _ => { });
            Assert.That(many.Summary.Extra!["threads"], Is.EqualTo(threads), "the run did not split across threads: nothing here tested partitions");
            Assert.That(many.Summary.Extra!["timeWindows"], Is.GreaterThan(0L));
            Assert.That(many.Summary.TraceHash, Is.EqualTo(one.Summary.TraceHash), $"{threads} threads gave another trace than one thread");
            Assert.That(many.Summary.Events, Is.EqualTo(one.Summary.Events));
        }
        Assert.That(one.Summary.Checks!.Where(c => c.Verdict == Analysis.Summary.CheckVerdict.Failed).Select(c => c.Name), Is.Empty);
    }

    private static RunResult Run(Scenario s, int threads, Action<string> say)
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-threads-").FullName;
        try
        {
            return RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = false, Threads = threads }, dir, say);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Scenario Load(string name) => ScenarioLoader.Load(Path.Combine(GoldenTraceHashTests.ScenariosFolder(), name));
}

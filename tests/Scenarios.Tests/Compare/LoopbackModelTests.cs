using System.Text.Json;
using GossipSim.Scenarios.Compare;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;

namespace GossipSim.Scenarios.Tests.Compare;

/// <summary>What a hop costs on loopback (issue 54, item 6): the model a calibration writes, and the one this build ships.</summary>
public class LoopbackModelTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("loopback-model-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void ACalibrationsModel_ReadsBackFromItsFolder_WithWhereAndOnWhatItWasMeasured()
    {
        var scenario = ScenarioLoader.Load(ScenarioLoader.Resolve("crash-hub.json"));
        var latency = new LatencySpec
        {
            Model = "empirical", QuantilesMs = [0.4, 0.9, 1.3, 2.5, 9.0], ReceiverQuantilesMs = [0.1, 0.5, 0.8, 1.9, 6.0],
            MessageFactorMedian = 1.1, MessageFactorSigma = 0.6,
        };
        LoopbackModel.Of(scenario, 9, "JIT nodes", "calibrated: a line", latency, "0.42").WriteTo(_dir);

        var read = JsonSerializer.Deserialize<LoopbackModel>(File.ReadAllText(Path.Combine(_dir, LoopbackModel.FileName)),
            Scenario.JsonOptions)!;
        Assert.That(read.Measured, Does.Contain("crash-hub (30 peers, 3 seeds), seed 9").And.Contain("1-minute load 0.42"));
        Assert.That(read.Calibration, Is.EqualTo("calibrated: a line"));
        Assert.That(read.Latency.QuantilesMs, Is.EqualTo(latency.QuantilesMs));
        Assert.That(read.Latency.ReceiverQuantilesMs, Is.EqualTo(latency.ReceiverQuantilesMs));
        Assert.That((read.Latency.MessageFactorMedian, read.Latency.MessageFactorSigma), Is.EqualTo((1.1, 0.6)));
    }

    /// <summary>The shipped model is what a real hop costs, the nodes' work included: the simulator running the headline with it
    /// takes milliseconds from a message's creation to a peer's first receipt (the real run it was fitted to: 5.1 ms at the
    /// median), not the loopback wire's microseconds (the probe's model: 0.01 ms); and it says how it follows the load.</summary>
    [Test]
    public void TheShippedModel_IsARealHopsCost_ThatTheSimulatorDraws()
    {
        var shipped = LoopbackModel.Shipped();
        Assert.That(shipped, Is.Not.Null, "Scenarios/Compare/loopback-model.json is embedded in the build");
        Assert.That(shipped!.Measured, Does.Contain("seed").And.Contain("cores"));
        Assert.That(shipped.ByLoad, Is.Not.Null, "fitted on runs at several sizes");
        Assert.That(shipped.ByLoad!.FactorAt(shipped.ByLoad.ReferenceLoad / 9), Is.LessThan(shipped.ByLoad.FactorAt(shipped.ByLoad.ReferenceLoad * 2)),
            "a hop costs more on busier cores");
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve("crash-hub.json"));
        s.Runtime = RuntimeNames.Sim;
        s.Network.Latency = shipped.Latency;
        var result = RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = false }, _dir, _ => { });
        double p50Ms = result.Summary.Gossip.LatencySeconds.P50 * 1000;
        Assert.That(p50Ms, Is.InRange(1.0, 30.0), "a real hop's cost, in ms at the median of creation to first receipt");
        Assert.That(result.Summary.Checks!.Where(c => c.Failed).Select(c => c.Line()), Is.Empty);
    }

    [Test]
    public void TheProbe_IsRefusedOnTheBed_WhereTheRelayAppliesTheScenariosModel()
    {
        var ex = Assert.Throws<ScenarioException>(() => CompareCommand.CheckSimLatency("netns", "probe"));
        Assert.That(ex!.Message, Does.StartWith("--sim-latency probe: only with --bed loopback"));
        Assert.DoesNotThrow(() => CompareCommand.CheckSimLatency("loopback", "probe"));
        Assert.DoesNotThrow(() => CompareCommand.CheckSimLatency("netns", "matched"));
    }
}

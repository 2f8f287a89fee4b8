using GossipSim.Simulator.Latency;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;

using GossipSim.TestSupport;

namespace GossipSim.Scenarios.Tests.Definition;

/// <summary>network.latency with "model": "empirical": a quantile table, or a real run's trace to measure.</summary>
public class EmpiricalLatencyScenarioTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("gossipsim-emp-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private string Write(string latency)
    {
        string path = Path.Combine(_dir, "s.json");
        File.WriteAllText(path, "{\n  \"peers\": 5,\n  \"network\": {\n    \"latency\": " + latency + "\n  }\n}\n");
        return path;
    }

    // Every error names the file, the line, the field and what was expected.
    [TestCase("{ \"model\": \"empirical\" }", "line 4: field network.latency: expected either from", TestName = "NeitherTableNorTrace")]
    [TestCase("{ \"model\": \"empirical\", \"from\": \"x\", \"quantilesMs\": [1, 2] }", "line 4: field network.latency.quantilesMs: expected either from", TestName = "BothTableAndTrace")]
    [TestCase("{ \"model\": \"empirical\", \"quantilesMs\": [3, 1] }", "line 4: field network.latency.quantilesMs: expected quantiles that never decrease, but entry 1 (1) is below entry 0 (3)", TestName = "ADecreasingTable")]
    [TestCase("{ \"model\": \"empirical\", \"quantilesMs\": [1] }", "line 4: field network.latency.quantilesMs: expected at least two quantiles", TestName = "AOneEntryTable")]
    [TestCase("{ \"model\": \"empirical\", \"quantilesMs\": [1, 2], \"receiverQuantilesMs\": [-1, 2] }", "field network.latency.receiverQuantilesMs: expected delays of 0 ms or more, but entry 0 is -1", TestName = "ANegativeReceiverDelay")]
    [TestCase("{ \"model\": \"empirical\", \"from\": \"no-such-run/trace.jsonl.gz\" }", "line 4: field network.latency.from: expected a trace file (trace.jsonl.gz) or a results folder that holds one; no-such-run/trace.jsonl.gz is neither", TestName = "AMissingTrace")]
    [TestCase("{ \"model\": \"uniform\", \"quantilesMs\": [1, 2] }", "field network.latency.quantilesMs: expected only with model \"empirical\"", TestName = "ATableForAnotherModel")]
    [TestCase("{ \"model\": \"empirical\", \"quantilesMs\": [1, 2], \"messageFactorSigma\": -0.5 }", "field network.latency.messageFactorSigma: expected a sigma from 0 to 5 (the spread of the log of the factor drawn once per gossip message; 0: the same factor for every message), but it is -0.5", TestName = "ANegativeMessageSigma")]
    [TestCase("{ \"model\": \"empirical\", \"quantilesMs\": [1, 2], \"messageFactorSigma\": 9 }", "field network.latency.messageFactorSigma: expected a sigma from 0 to 5", TestName = "AHugeMessageSigma")]
    [TestCase("{ \"model\": \"empirical\", \"quantilesMs\": [1, 2], \"messageFactorMedian\": 0 }", "field network.latency.messageFactorMedian: expected a positive median of the factor drawn once per gossip message (1: the delays as the tables give them), but it is 0", TestName = "AZeroMessageMedian")]
    [TestCase("{ \"model\": \"lognormal\", \"medianMs\": 5, \"messageFactorSigma\": 0.5 }", "field network.latency.messageFactorSigma: expected only with model \"empirical\"", TestName = "AMessageSigmaForAnotherModel")]
    [TestCase("{ \"model\": \"empirical\", \"quantilesMs\": [1, 2], \"slotQuantilesMs\": [4, 3] }", "field network.latency.slotQuantilesMs: expected quantiles that never decrease, but entry 1 (3) is below entry 0 (4)", TestName = "ADecreasingSlotTable")]
    [TestCase("{ \"model\": \"constant\", \"ms\": 5, \"slotQuantilesMs\": [1, 2] }", "field network.latency.slotQuantilesMs: expected only with model \"empirical\"", TestName = "ASlotTableForAnotherModel")]
    [TestCase("{ \"model\": \"empirical\", \"quantilesMs\": [1, 2], \"nodeHop\": { \"model\": \"empirical\", \"quantilesMs\": [1, 2] } }", "field network.latency.nodeHop: expected absent under the empirical model", TestName = "ANodeHopOnARealRunsDelays")]
    [TestCase("{ \"model\": \"uniform\", \"nodeHop\": { \"model\": \"constant\", \"ms\": 1 } }", "field network.latency.nodeHop: expected an empirical model with quantilesMs", TestName = "ANodeHopThatIsNoTable")]
    [TestCase("{ \"model\": \"uniform\", \"nodeHop\": { \"model\": \"empirical\", \"quantilesMs\": [4, 3] } }", "field network.latency.nodeHop.quantilesMs: expected quantiles that never decrease", TestName = "ANodeHopWithADecreasingTable")]
    public void ABadEmpiricalLatency_NamesTheFileLineFieldAndWhatWasExpected(string latency, string expected)
    {
        string path = Write(latency);
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.That(ex!.Message, Does.StartWith(path + ":"));
        Assert.That(ex.Message, Does.Contain(expected));
    }

    [Test]
    public void ANodeHop_IsAddedByTheSimulator_AndNotByTheBedsRelay()
    {
        var s = ScenarioLoader.Load(Write("{ \"model\": \"constant\", \"ms\": 10, \"nodeHop\": { \"model\": \"empirical\", \"quantilesMs\": [2, 2] } }"));
        var model = (PlusNodeHopLatency)ScenarioConfig.LatencyOf(s);
        Assert.That(model.Wire, Is.EqualTo(new ConstantLatency(10)));
        Assert.That(model.SampleTicks(new Engine.Vocabulary.Rng(1)), Is.EqualTo(LatencyModel.TicksOfMs(12)), "the wire's 10 ms and the nodes' 2");
        Assert.That(model.MinTicks, Is.EqualTo(LatencyModel.TicksOfMs(12)), "the window's floor is both floors");
        Assert.That(ScenarioConfig.WireLatencyOf(s), Is.EqualTo(new ConstantLatency(10)), "the relay applies the wire alone");
        Assert.That(model.Describe(), Is.EqualTo("constant 10 ms; plus at each hop the nodes' own cost: " + model.NodeHop.Describe()));
    }

    [Test]
    public void ATable_IsTheModelTheSimulatorDrawsFrom()
    {
        var s = ScenarioLoader.Load(Write("{ \"model\": \"empirical\", \"quantilesMs\": [0.5, 1, 8] }"));
        var model = (EmpiricalLatency)ScenarioConfig.LatencyOf(s);
        Assert.That(model.QuantilesMs, Is.EqualTo(new[] { 0.5, 1, 8 }));
        Assert.That(model.MsAt(0.5), Is.EqualTo(1));
    }

    [Test]
    public void ACommittedRealRun_IsMeasured_BesideTheScenarioOrFromTheWorkingDirectory()
    {
        string trace = RepositoryFiles.Path("tests", "fixtures", "crash-hub", "trace.jsonl.gz");
        File.Copy(trace, Path.Combine(_dir, "trace.jsonl.gz"));
        var s = ScenarioLoader.Load(Write("{ \"model\": \"empirical\", \"from\": \"trace.jsonl.gz\", \"receiverQuantilesMs\": [0, 1] }"));
        MeasuredLatencies.Measure(s);
        var model = (ReceiverDelayLatency)ScenarioConfig.LatencyOf(s);
        var link = (EmpiricalLatency)model.Link;
        Assert.That(link.QuantilesMs, Has.Count.EqualTo(Analysis.Stats.HopDelayFit.DefaultQuantiles));
        Assert.That(link.MsAt(0.5), Is.InRange(0.01, 1000), "a loopback hop's median is milliseconds");
        Assert.That(link.Describe(), Does.Contain("trace.jsonl.gz"));
    }

    [Test]
    public void AComparisonsCopy_CarriesTheMeasuredTable_SoItsScenarioFileStandsAlone()
    {
        File.Copy(RepositoryFiles.Path("tests", "fixtures", "crash-hub", "trace.jsonl.gz"), Path.Combine(_dir, "trace.jsonl.gz"));
        var s = ScenarioLoader.Load(Write("{ \"model\": \"empirical\", \"from\": \"trace.jsonl.gz\" }"));
        MeasuredLatencies.Measure(s);
        var copy = Scenarios.Compare.CompareCommand.Copy(s);
        Assert.That(copy.Network.Latency.From, Is.Null);
        Assert.That(copy.Network.Latency.QuantilesMs, Is.EqualTo(s.Network.Latency.Measured));
        Assert.That(((EmpiricalLatency)ScenarioConfig.LatencyOf(copy)).QuantilesMs, Is.EqualTo(((EmpiricalLatency)ScenarioConfig.LatencyOf(s)).QuantilesMs));
        string written = Path.Combine(_dir, "copy.json");
        File.WriteAllText(written, System.Text.Json.JsonSerializer.Serialize(copy, Scenario.JsonOptions));
        Assert.DoesNotThrow(() => ScenarioLoader.Load(written), "the written copy loads without the trace beside it");
    }
}

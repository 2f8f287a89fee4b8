using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;

namespace GossipSim.Scenarios.Tests.Run;

/// <summary>An empirical latency's "from", measured by the run path once the loader has found it.</summary>
public class MeasuredLatenciesTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("gossipsim-measured-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private Scenario Load(string from)
    {
        string path = Path.Combine(_dir, "s.json");
        File.WriteAllText(path, "{\n  \"peers\": 5,\n  \"network\": {\n    \"latency\": { \"model\": \"empirical\", \"from\": \"" + from + "\" }\n  }\n}\n");
        return ScenarioLoader.Load(path);
    }

    [Test]
    public void ATraceThatIsNotOne_IsRefusedWithItsLine()
    {
        File.WriteAllText(Path.Combine(_dir, "trace.jsonl"), "not json\n");
        var s = Load(".");
        var ex = Assert.Throws<ScenarioException>(() => MeasuredLatencies.Measure(s));
        Assert.That(ex!.Message, Does.Contain("field network.latency.from: expected a real run's trace with gossip hops to measure").And.Contain("trace.jsonl:1"));
    }

    [Test]
    public void AFolderWithoutATrace_IsRefused()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "empty-run"));
        var s = Load("empty-run");
        var ex = Assert.Throws<ScenarioException>(() => MeasuredLatencies.Measure(s));
        Assert.That(ex!.Message, Does.Contain("field network.latency.from: expected a trace file (trace.jsonl.gz) or a results folder that holds one; empty-run holds none"));
    }
}

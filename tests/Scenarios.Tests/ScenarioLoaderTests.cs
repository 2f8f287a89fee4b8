using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Tests;

public class ScenarioLoaderTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("gossipsim-scn-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        string path = Path.Combine(_dir, "s.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Test]
    public void AMinimalFile_GetsTheClassicDefaults()
    {
        var s = ScenarioLoader.Load(Write("{ \"peers\": 5 }"));
        Assert.That(s.Name, Is.EqualTo("s"));
        Assert.That(s.Seeds, Is.EqualTo(3));
        var peer = ScenarioConfig.PeerConfigOf(s);
        Assert.That(peer.PingInterval, Is.EqualTo(TimeSpan.FromSeconds(13)));
        Assert.That(peer.GossipInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(ScenarioConfig.OriginsOf(s), Is.EqualTo(-1), "all peers originate by default");
    }

    [Test]
    public void AnUnknownField_IsNamed()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(Write("{ \"peers\": 5, \"pingInterval\": 3 }")));
        Assert.That(ex!.Message, Does.Contain("pingInterval").And.Contain("unknown field"));
    }

    [Test]
    public void AWrongType_NamesTheFieldAndLine()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(Write("{\n  \"peers\": 5,\n  \"peerSettings\": { \"pingIntervalSeconds\": \"soon\" }\n}")));
        Assert.That(ex!.Message, Does.Contain("peerSettings.pingIntervalSeconds").And.Contain("line 3").And.Contain("expected a number"));
    }

    [TestCase("{ \"runtime\": \"cloud\" }", "runtime")]
    [TestCase("{ \"seeds\": 0 }", "seeds")]
    [TestCase("{ \"gossip\": { \"origins\": \"some\" } }", "gossip.origins")]
    [TestCase("{ \"network\": { \"latency\": { \"model\": \"gaussian\" } } }", "network.latency.model")]
    [TestCase("{ \"network\": { \"loss\": 1.5 } }", "network.loss")]
    [TestCase("{ \"faults\": [ { \"at\": 3, \"action\": \"explode\" } ] }", "faults[0].action")]
    [TestCase("{ \"faults\": [ { \"at\": 3, \"action\": \"crash\", \"target\": \"seed\", \"index\": 7 } ] }", "faults[0].index")]
    [TestCase("{ \"faults\": [ { \"at\": 3, \"action\": \"partition\", \"groups\": [[\"peers:5-900\"]] } ] }", "faults[0].groups")]
    [TestCase("{ \"peerSettings\": { \"missesBeforeSuspect\": 0 } }", "MissesBeforeSuspect")]
    public void ABadValue_IsRefusedNamingTheField(string json, string field)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(Write(json)));
        Assert.That(ex!.Message, Does.Contain(field));
    }

    [Test]
    public void ABareName_IsFoundInTheScenariosFolder()
    {
        string path = ScenarioLoader.Resolve("sim-crash-hub-1k.json");
        Assert.That(File.Exists(path), Is.True);
        var s = ScenarioLoader.Load(path);
        Assert.That(s.Peers, Is.EqualTo(1000));
    }

    [Test]
    public void AMissingFile_SaysWhereItLooked()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Resolve("no-such-scenario.json"));
        Assert.That(ex!.Message, Does.Contain("no-such-scenario.json").And.Contain("Scenarios/scenarios"));
    }

    [Test]
    public void EveryShippedScenario_Loads()
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "scenarios");
        var files = Directory.GetFiles(dir, "*.json");
        Assert.That(files, Is.Not.Empty);
        foreach (var f in files) Assert.DoesNotThrow(() => ScenarioLoader.Load(f), f);
    }
}

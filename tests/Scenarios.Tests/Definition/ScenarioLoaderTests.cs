using System.Text.Json;
using GossipSim.Engine.Config;
using GossipSim.Scenarios.Definition;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Definition;

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

    [TestCase("{ \"runtime\": \"cloud\" }", "runtime")]
    [TestCase("{ \"seeds\": 0 }", "seeds")]
    [TestCase("{ \"gossip\": { \"origins\": \"some\" } }", "gossip.origins")]
    [TestCase("{ \"network\": { \"latency\": { \"model\": \"gaussian\" } } }", "network.latency.model")]
    [TestCase("{ \"network\": { \"loss\": 1.5 } }", "network.loss")]
    [TestCase("{ \"faults\": [ { \"at\": 3, \"action\": \"explode\" } ] }", "faults[0].action")]
    [TestCase("{ \"faults\": [ { \"at\": 3, \"action\": \"crash\", \"target\": \"seed\", \"index\": 7 } ] }", "faults[0].index")]
    [TestCase("{ \"faults\": [ { \"at\": 3, \"action\": \"partition\", \"groups\": [[\"peers:5-900\"]] } ] }", "faults[0].groups")]
    [TestCase("{ \"joinDoublingSeconds\": 0 }", "joinDoublingSeconds")]
    public void ABadValue_IsRefusedNamingTheField(string json, string field)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(Write(json)));
        Assert.That(ex!.Message, Does.Contain(field));
    }

    /// <summary>A file holding [1,2] was answered "field : expected an object" (an empty field name).</summary>
    [TestCase("[1,2]", "a list [...]")]
    [TestCase("\n  42\n", "a number", 2)]
    [TestCase("\"crash-hub\"", "a text")]
    [TestCase("null", "null")]
    public void AFileWhoseTopLevelIsNotAnObject_SaysThatItMustBeOne(string json, string holds, int line = 1)
    {
        string path = Write(json);
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.That(ex!.Message, Is.EqualTo($"{path}: line {line}: the file's top level must be an object {{ ... }} of scenario fields "
            + $"(e.g. {{ \"peers\": 30 }}), not {holds}"));
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
        var files = Directory.GetFiles(dir, "*.json", SearchOption.AllDirectories);
        Assert.That(files, Is.Not.Empty);
        Assert.That(files.Select(Path.GetFileName), Does.Contain("swim-first-detection.json"), "the papers' scenarios ship too");
        foreach (var f in files) Assert.DoesNotThrow(() => ScenarioLoader.Load(f), f);
    }

    /// <summary>Scenarios as runs wrote them (compare writes every gossip field; tests/fixtures keeps copies): their names still read.</summary>
    [Test]
    public void EveryScenarioAsARunWroteIt_Loads()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root != null && !File.Exists(Path.Combine(root.FullName, "GossipSim.sln"))) root = root.Parent;
        if (root == null) Assert.Ignore("not run from inside the repository");
        var files = Directory.GetFiles(Path.Combine(root.FullName, "tests", "fixtures"), "*scenario.json", SearchOption.AllDirectories);
        Assert.That(files, Is.Not.Empty);
        foreach (var f in files) Assert.DoesNotThrow(() => ScenarioLoader.Load(f), f);
    }

    private static IEnumerable<Tunable> ScenarioTunables =>
        PeerTunables.All.Concat<Tunable>(SeedTunables.All).Where(t => t.Source == TunableSource.Scenario);

    [Test]
    public void EveryScenarioTunable_IsReadFromItsField_IntoTheRecordTheSimulatorUses()
    {
        var s = ScenarioLoader.Load(Write(EveryTunableScenario.Json));
        var given = s.Gossip.Given.Concat(s.PeerSettings.Given).Concat(s.SeedSettings.Given).Concat(s.Protocol.Given).ToDictionary(g => g.Tunable.JsonName, g => g.Value);
        Assert.That(given.Keys, Is.EquivalentTo(ScenarioTunables.Select(t => t.JsonName)), "the file sets every tunable a scenario can set");
        var peer = ScenarioConfig.PeerConfigOf(s);
        var seed = ScenarioConfig.SeedConfigOf(s);
        foreach (var t in PeerTunables.All.Where(t => t.Source == TunableSource.Scenario))
        {
            Assert.That(t.Get(peer), Is.EqualTo(given[t.JsonName]), t.JsonName);
            Assert.That(t.Get(peer), Is.Not.EqualTo(t.Get(new PeerConfig())), $"{t.JsonName} differs from its default");
        }
        foreach (var t in SeedTunables.All)
        {
            Assert.That(t.Get(seed), Is.EqualTo(given[t.JsonName]), t.JsonName);
            Assert.That(t.Get(seed), Is.Not.EqualTo(t.Get(new SeedConfig())), $"{t.JsonName} differs from its default");
        }
    }

    [Test]
    public void AScenarioWrittenBack_ReadsAsTheSameSettings()
    {
        var s = ScenarioLoader.Load(Write(EveryTunableScenario.Json));
        var back = JsonSerializer.Deserialize<Scenario>(JsonSerializer.Serialize(s, Scenario.JsonOptions), Scenario.JsonOptions)!;
        Assert.That(ScenarioConfig.PeerConfigOf(back), Is.EqualTo(ScenarioConfig.PeerConfigOf(s)));
        Assert.That(ScenarioConfig.SeedConfigOf(back), Is.EqualTo(ScenarioConfig.SeedConfigOf(s)));
        Assert.That(ScenarioConfig.OriginsOf(back), Is.EqualTo(1));
    }

    [TestCase("peerSettings", "pingIntervalSeconds", "-1", "a positive number of seconds, got -1")]
    [TestCase("peerSettings", "pingIntervalSeconds", "\"soon\"", "a positive number of seconds, got \"soon\"")]
    [TestCase("peerSettings", "missesBeforeSuspect", "0", "a whole number of at least 1, got 0")]
    [TestCase("peerSettings", "messageListCapacity", "15", "a whole number of at least 16, got 15")]
    [TestCase("peerSettings", "reattachOnLoss", "1", "true or false, got 1")]
    [TestCase("gossip", "messagesPerPeer", "2.5", "a whole number of at least 0, got 2.5")]
    [TestCase("gossip", "intervalSeconds", "0", "a positive number of seconds, got 0")]
    [TestCase("seedSettings", "syncBatch", "0", "a whole number of at least 1, got 0")]
    [TestCase("seedSettings", "degreeRelayDelaySeconds", "{}", "a positive number of seconds, got an object")]
    public void ABadTunableValue_NamesTheFileLineFieldAndWhatWasExpected(string section, string field, string value, string expected)
    {
        string path = Write($"{{\n  \"peers\": 5,\n  \"{section}\": {{\n    \"{field}\": {value}\n  }}\n}}");
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.That(ex!.Message, Is.EqualTo($"{path}: line 4: field {section}.{field}: expected {expected}"));
    }

    [Test]
    public void AnUnknownSettingsField_IsNamed_WithTheFieldsThatExist()
    {
        string path = Write("{\n  \"seedSettings\": { \"expectedPeers\": 10 }\n}");
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.That(ex!.Message, Does.StartWith($"{path}: line 2: field seedSettings.expectedPeers: unknown field").And.Contain("syncBatch"));
    }

    [Test]
    public void AWaitShorterThanTheWaitInsideIt_NamesBothFields()
    {
        string path = Write("{ \"peerSettings\": { \"witnessProbeTimeoutSeconds\": 6 } }");
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        // The field is absent: the line is that of the object it belongs in.
        Assert.That(ex!.Message, Is.EqualTo($"{path}: line 1: field peerSettings.suspicionQueryTimeoutSeconds: expected longer than peerSettings.witnessProbeTimeoutSeconds (6 s)"));
    }

    [Test]
    public void AScenarioBuiltInCode_IsCheckedByTheSameTable()
    {
        var s = new Scenario { PeerSettings = { ["pingIntervalSeconds"] = 0 }, SeedSettings = { ["probeAttempts"] = 0 } };
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Validate(s, "built"));
        Assert.That(ex!.Message.Split(Environment.NewLine), Is.EqualTo(new[]
        {
            "built: field peerSettings.pingIntervalSeconds: expected a positive number of seconds, got 0",
            "built: field seedSettings.probeAttempts: expected a whole number of at least 1, got 0",
        }));
        Assert.That(() => s.PeerSettings["pingInterval"] = 1, Throws.ArgumentException.With.Message.Contain("pingIntervalSeconds"));
    }
}

using GossipSim.Scenarios.Definition;
using GossipSim.Simulator.Latency.Wan;

namespace GossipSim.Scenarios.Tests.Definition;

/// <summary>The wan model's fields as a scenario gives them: each bad one refused in one line naming the field and the code.</summary>
public class WanSpecTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("gossipsim-wan-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private Scenario Load(string latency)
    {
        string path = Path.Combine(_dir, "s.json");
        File.WriteAllText(path, $"{{ \"peers\": 5, \"network\": {{ \"latency\": {latency} }} }}");
        return ScenarioLoader.Load(path);
    }

    private string Refusal(string latency) => Assert.Throws<ScenarioException>(() => Load(latency))!.Message;

    // (latency, the field named, what the one line says)
    [TestCase("{ \"model\": \"wan\", \"countries\": { \"US\": 0.5, \"XX\": 0.5 } }", "network.latency.countries",
        "\"XX\" is not an ISO 3166 country code", TestName = "AnUnknownCountryCode")]
    [TestCase("{ \"model\": \"wan\", \"countries\": { \"AQ\": 1 } }", "network.latency.countries",
        "\"AQ\" (Antarctica) has no round trip measured to or from it", TestName = "ACountryWithNoDataEitherWay")]
    [TestCase("{ \"model\": \"wan\", \"countries\": { \"US\": 0, \"DE\": 0 } }", "network.latency.countries",
        "weights that sum to a positive number (they sum to 0)", TestName = "WeightsThatSumToNothing")]
    [TestCase("{ \"model\": \"wan\", \"countries\": { \"US\": -1, \"DE\": 2 } }", "network.latency.countries",
        "weights of 0 or more", TestName = "ANegativeWeight")]
    [TestCase("{ \"model\": \"wan\", \"countries\": { \"US\": \"lots\" } }", "network.latency.countries.US",
        "a weight (a number of 0 or more)", TestName = "AWeightThatIsNoNumber")]
    [TestCase("{ \"model\": \"wan\", \"countries\": \"everywhere\" }", "network.latency.countries",
        "a named mix (\"atlas\" or \"even\")", TestName = "AnUnknownNamedMix")]
    [TestCase("{ \"model\": \"wan\", \"seedCountries\": [\"DE\", \"ZZ\"] }", "network.latency.seedCountries[1]",
        "\"ZZ\" is not an ISO 3166 country code", TestName = "AnUnknownSeedCountry")]
    [TestCase("{ \"model\": \"wan\", \"seedCountries\": [\"DE\", \"US\", \"JP\", \"SG\"] }", "network.latency.seedCountries",
        "at most one country per seed (3 seeds), not 4", TestName = "MoreSeedCountriesThanSeeds")]
    [TestCase("{ \"model\": \"uniform\", \"countries\": \"atlas\" }", "network.latency.countries",
        "only with model \"wan\"", TestName = "CountriesUnderAnotherModel")]
    public void ABadWanField_IsOneLineNamingTheFieldAndTheCode(string latency, string field, string says)
    {
        string message = Refusal(latency);
        Assert.That(message.Split(Environment.NewLine), Has.Length.EqualTo(1), message);
        Assert.That(message, Does.Contain($"field {field}: expected").And.Contain(says));
        Assert.That(message, Does.Not.Contain("Exception").And.Not.Contain(" at GossipSim"), "no .NET type or stack in what a user reads");
    }

    [Test]
    public void ANodeCountriesFile_PlacesNodeIByItsIthCode_BesideTheScenario()
    {
        File.WriteAllText(Path.Combine(_dir, "nodes.txt"), "# seeds first\nDE\n\nUS # the second seed\nJP\nBR\n");
        var model = (WanLatency)ScenarioConfig.LatencyOf(Load("{ \"model\": \"wan\", \"countries\": { \"FR\": 1 }, \"nodeCountries\": \"nodes.txt\" }"))
            .ForRun(42);
        var atlas = WanAtlas.Shipped;
        Assert.That(Enumerable.Range(0, 6).Select(i => atlas.Codes[model.CountryOf(i)]), Is.EqualTo(new[] { "DE", "US", "JP", "BR", "FR", "FR" }),
            "the file's codes in order, the rest from the mix");
    }

    [TestCase("DE\nUS\nXX\n", "line 3 of nodes.txt: \"XX\" is not an ISO 3166 country code", TestName = "AnUnknownCodeInTheFile_NamesItsLine")]
    [TestCase("# nothing\n\n", "at least one country code; nodes.txt holds none", TestName = "AFileOfNoCodes")]
    public void ABadNodeCountriesFile_IsOneLine(string text, string says)
    {
        File.WriteAllText(Path.Combine(_dir, "nodes.txt"), text);
        string message = Refusal("{ \"model\": \"wan\", \"nodeCountries\": \"nodes.txt\" }");
        Assert.That(message.Split(Environment.NewLine), Has.Length.EqualTo(1), message);
        Assert.That(message, Does.Contain("field network.latency.nodeCountries: expected").And.Contain(says));
    }

    [Test]
    public void AMissingNodeCountriesFile_SaysWhereItLooked()
    {
        string message = Refusal("{ \"model\": \"wan\", \"nodeCountries\": \"nowhere.txt\" }");
        Assert.That(message, Does.Contain("field network.latency.nodeCountries: expected a text file of country codes").And.Contain("nowhere.txt"));
    }

    [Test]
    public void NamedMixesWeightsAndPins_BuildTheModelTheyName()
    {
        var atlas = WanAtlas.Shipped;
        var byDefault = (WanLatency)ScenarioConfig.LatencyOf(Load("{ \"model\": \"wan\" }"));
        Assert.That(byDefault.Mix.Name, Is.EqualTo("atlas"));
        Assert.That(byDefault.Nodes, Is.EqualTo(3 + 5), "every node at the start: the seeds and the peers");

        var weighted = (WanLatency)ScenarioConfig.LatencyOf(Load(
            "{ \"model\": \"wan\", \"countries\": { \"US\": 3, \"DE\": 1 }, \"seedCountries\": [\"JP\"] }"));
        atlas.TryIndex("US", out byte us);
        atlas.TryIndex("DE", out byte de);
        atlas.TryIndex("JP", out byte jp);
        Assert.That(weighted.Mix.Countries, Is.EquivalentTo(new[] { us, de }));
        Assert.That(weighted.Mix.ShareOf(us), Is.EqualTo(0.75).Within(1e-12));
        var run = (WanLatency)weighted.ForRun(42);
        Assert.That(run.CountryOf(0), Is.EqualTo(jp), "seed 0 pinned");
        Assert.That(Enumerable.Range(1, 7).Select(run.CountryOf), Has.All.AnyOf(us, de), "the others from the mix");
    }
}

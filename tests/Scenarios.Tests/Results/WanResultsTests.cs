using GossipSim.Analysis.Report;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Runtimes.Sim;
using GossipSim.Scenarios.Tests.Runtimes.Sim;
using GossipSim.Simulator.Latency.Wan;

namespace GossipSim.Scenarios.Tests.Results;

/// <summary>What a run on the measured Internet leaves: summary.json's wan section and the report's map and latency by distance.</summary>
public class WanResultsTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("gossipsim-wan-results-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private (RunResult Result, Scenario Scenario) Run(string file, int? peers = null)
    {
        string path = Path.Combine(GoldenTraceHashTests.ScenariosFolder(), file);
        var s = ScenarioLoader.Load(path);
        if (peers is { } n) s.Peers = n;
        s.Runtime = RuntimeNames.Sim;
        var options = new RunOptions { Quiet = true, Logs = false, TraceFile = false };
        var result = RunDoor.Run(s, options, _dir, _ => { }, r => ResultsWriter.Write(r, s, path, options));
        return (result, s);
    }

    [Test]
    public void ASmallWanRun_CountsItsNodesByCountry_AsTheModelPlacedThem_AndGivesLatencyByRegion()
    {
        var (result, s) = Run("wan-crash-hub-small.json");
        var wan = result.Summary.Wan ?? throw new AssertionException("a wan run's summary has no wan section");
        int nodes = s.Seeds + s.Peers;
        Assert.That(wan.Nodes, Is.EqualTo(nodes));
        Assert.That(wan.Countries.Values.Sum(), Is.EqualTo(nodes));
        Assert.That(wan.Continents.Values.Sum(), Is.EqualTo(nodes));
        // The same countries the network drew its delays from: the model of the run's seed, node by node.
        var model = (WanLatency)ScenarioConfig.LatencyOf(s).ForRun(result.Summary.Seed);
        var expected = Enumerable.Range(0, nodes).GroupBy(i => model.Atlas.Codes[model.CountryOf(i)]).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(wan.Countries, Is.EquivalentTo(expected));
        Assert.That(wan.Countries.Keys.Take(3), Has.Member("DE").Or.Member("US"), "most first");

        // Every first receipt is in one continent pair and one band.
        long receipts = result.Statistics.Latency.Count;
        Assert.That(wan.LatencyByContinents.Values.Sum(r => r.Deliveries), Is.EqualTo(receipts));
        Assert.That(wan.LatencyByDistance.Values.Sum(r => r.Deliveries), Is.EqualTo(receipts));
        // Light and cables: a message crosses Europe sooner than it goes from Europe to Asia, and near peers hear sooner than far ones.
        var pairs = wan.LatencyByContinents;
        Assert.That(pairs["Europe / Europe"].P50Seconds, Is.LessThan(pairs["Asia / Europe"].P50Seconds));
        Assert.That(pairs["Europe / Europe"].P50Seconds, Is.LessThan(pairs["Europe / North America"].P50Seconds));
        var bands = wan.LatencyByDistance;
        Assert.That(bands["under 1000 km"].P50Seconds, Is.LessThan(bands["over 5000 km"].P50Seconds));
        Assert.That(pairs.Values.All(p => p.P50Seconds > 0 && p.P50Seconds <= p.P99Seconds), "p50 above p99, or zero");

        string json = File.ReadAllText(Path.Combine(_dir, "summary.json"));
        Assert.That(json, Does.Contain("\"wan\": {").And.Contain("\"latencyByContinents\""));
        foreach (var plot in new[] { RunReport.WorldFile, RunReport.DistanceFile })
            foreach (var ext in new[] { ".png", ".svg" })
                Assert.That(new FileInfo(Path.Combine(_dir, plot + ext)).Length, Is.InRange(1_000, 400_000), plot + ext);
        string html = File.ReadAllText(Path.Combine(_dir, RunReport.HtmlFile));
        Assert.That(html, Does.Contain("<h2>Where the nodes are</h2>").And.Contain("<h2>Gossip latency by distance</h2>")
            .And.Contain("<h2>Degree distribution</h2>"));
    }

    /// <summary>
    /// <c>report</c> on the saved run: the scenarios' program places the nodes from the folder's scenario.json and seed
    /// (<see cref="GossipSim.Scenarios.Places.RunPlaces.OfResults"/>) and draws the same map and latency by distance as the run did, to the byte; the
    /// analysis tool alone, which reads no scenario, leaves them out and says where to get them.
    /// </summary>
    [Test]
    public void AReportRebuiltFromTheSavedTrace_DrawsTheSameMapAndDistances()
    {
        string path = Path.Combine(GoldenTraceHashTests.ScenariosFolder(), "wan-crash-hub-small.json");
        var s = ScenarioLoader.Load(path);
        s.Runtime = RuntimeNames.Sim;
        var options = new RunOptions { Quiet = true, Logs = false, TraceFile = true };
        RunDoor.Run(s, options, _dir, _ => { }, r => ResultsWriter.Write(r, s, path, options));
        string[] plots = [RunReport.WorldFile + ".svg", RunReport.DistanceFile + ".svg"];
        // The plotting library numbers its clip paths by a counter of the process: the same drawing under other ids.
        string Drawn(string plot) =>
            System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Path.Combine(_dir, plot)), "cl_[0-9a-f]+", "cl_");
        var drawnByTheRun = plots.Select(Drawn).ToArray();
        foreach (var p in plots) File.Delete(Path.Combine(_dir, p));

        Assert.That(Analysis.Cli.AnalysisCli.Run(["report", _dir, "--bootstrap", "0"]), Is.EqualTo(0));
        Assert.That(plots.Select(p => File.Exists(Path.Combine(_dir, p))), Has.All.False, "the analysis tool alone cannot place the nodes");
        Assert.That(File.ReadAllText(Path.Combine(_dir, RunReport.HtmlFile)), Does.Not.Contain("Where the nodes are"));

        Assert.That(GossipSim.Scenarios.Commands.ScenariosCli.Run(["report", _dir, "--bootstrap", "0"]), Is.EqualTo(0));
        for (int i = 0; i < plots.Length; i++)
            Assert.That(Drawn(plots[i]), Is.EqualTo(drawnByTheRun[i]), plots[i]);
        Assert.That(File.ReadAllText(Path.Combine(_dir, RunReport.HtmlFile)), Does.Contain("<h2>Where the nodes are</h2>")
            .And.Contain("<h2>Gossip latency by distance</h2>"));
    }

    [Test]
    public void AUniformRun_HasNoWanSection_NorItsPlots()
    {
        var (result, s) = Run("crash-hub.json", peers: 12);
        Assert.That(s.Network.Latency.Model, Is.EqualTo("uniform"), "the scenario is no longer a uniform one: pick another");
        Assert.That(result.Summary.Wan, Is.Null);
        Assert.That(File.ReadAllText(Path.Combine(_dir, "summary.json")), Does.Not.Contain("\"wan\""));
        Assert.That(File.Exists(Path.Combine(_dir, RunReport.WorldFile + ".svg")), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(_dir, RunReport.HtmlFile)), Does.Not.Contain("Where the nodes are"));
    }

    [TestCase(3, 0, 0)]
    [TestCase(3, 2, 2)]
    [TestCase(3, 70_000, 70_000)] // past 65,535 peers the address runs into the next octet
    public void ANodesAddress_GivesBackItsIndex(int seeds, int peer, int seed)
    {
        Assert.That(SimAddresses.IndexOf(SimAddresses.Peer(peer), seeds), Is.EqualTo(seeds + peer));
        Assert.That(SimAddresses.IndexOf(SimAddresses.Seed(Math.Min(seed, seeds - 1)), seeds), Is.EqualTo(Math.Min(seed, seeds - 1)));
        Assert.That(SimAddresses.IndexOf(SimAddresses.Seed(seeds), seeds), Is.EqualTo(-1), "a seed the run does not have");
        Assert.That(SimAddresses.IndexOf(new Engine.Vocabulary.NodeAddress(0x7F000001, 7000), seeds), Is.EqualTo(-1));
    }
}

using GossipSim.Dashboard.Frames;
using GossipSim.Dashboard.Model;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Places;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Runtimes.Sim;
using static GossipSim.Dashboard.Tests.Support.Trace;

namespace GossipSim.Dashboard.Tests.Events;

/// <summary>On the measured Internet the page is sent each peer's continent, so it can colour peers by it; other runs send none.</summary>
public class ContinentColoursTests
{
    private static FramePicture Picture(NetworkView view)
    {
        foreach (var e in Start(0, seeds: 0, peers: 3)) view.Apply(e);
        var builder = new FrameBuilder();
        builder.Build(view, new Analysis.Summary.RunSummary(), animateCrossings: false, eventsPerSecond: 0);
        return builder.Picture;
    }

    [Test]
    public void EachPeer_CarriesTheContinentTheRunGaveIt()
    {
        var continents = new Dictionary<string, string> { [Peer(0).ToString()] = "Europe", [Peer(1).ToString()] = "Asia" };
        var picture = Picture(new NetworkView { RegionOf = a => continents.GetValueOrDefault(a.ToString()) });
        var byId = picture.Nodes.Values.ToDictionary(n => n.Id, n => n.Rg);
        Assert.That(byId[Peer(0).ToString()], Is.EqualTo("Europe"));
        Assert.That(byId[Peer(1).ToString()], Is.EqualTo("Asia"));
        Assert.That(byId[Peer(2).ToString()], Is.Null, "a peer with no continent");
    }

    [Test]
    public void ARunOffTheMeasuredInternet_SendsNoContinent()
    {
        var picture = Picture(new NetworkView());
        Assert.That(picture.Nodes.Values.Select(n => n.Rg), Is.All.Null);
        Assert.That(System.Text.Json.JsonSerializer.Serialize(picture.Nodes.Values.First(), Frame.Json), Does.Not.Contain("\"rg\""));
    }

    [Test]
    public void ASimulatedWanRun_PlacesItsPeersOnTheContinentsOfTheirCountries()
    {
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve("wan-crash-hub-small.json"));
        var places = RuntimeDrivers.Simulator.PlacesOf(ScenarioConfig.LatencyOf(s), s.Seed, s.Seeds)!;
        var continentOf = RunPlaces.Continents(places)!;
        // The seeds are pinned to Germany, the United States and Singapore.
        Assert.That(Enumerable.Range(0, 3).Select(i => continentOf(SimAddresses.Seed(i))), Is.EqualTo(new[] { "Europe", "North America", "Asia" }));
        Assert.That(Enumerable.Range(0, s.Peers).Select(i => continentOf(SimAddresses.Peer(i))), Has.None.Null);
        Assert.That(RuntimeDrivers.Simulator.PlacesOf(new Simulator.Latency.UniformLatency(10, 50), 1, 3), Is.Null);
        Assert.That(RuntimeDrivers.Of("real").PlacesOf(ScenarioConfig.LatencyOf(s), s.Seed, s.Seeds), Is.Null, "loopback cannot apply wan");
    }

    [Test]
    public void ASavedWanRun_GivesItsContinentsToTheReplay_AndAnyOtherRunNone()
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-wan-replay-").FullName;
        try
        {
            File.Copy(ScenarioLoader.Resolve("wan-crash-hub-small.json"), Path.Combine(dir, "scenario.json"));
            var summary = new Analysis.Summary.RunSummary { Runtime = "sim", Seed = 42, Seeds = 3, Peers = 40, Wan = new() };
            File.WriteAllText(Path.Combine(dir, "summary.json"), summary.ToJson());
            var continentOf = RunPlaces.Continents(RunPlaces.OfResults(dir, RuntimeDrivers.Of))!;
            Assert.That(Enumerable.Range(0, 3).Select(i => continentOf(SimAddresses.Seed(i))), Is.EqualTo(new[] { "Europe", "North America", "Asia" }));

            summary.Runtime = "netns"; // the bed applies the model: its own address plan places the same nodes
            File.WriteAllText(Path.Combine(dir, "summary.json"), summary.ToJson());
            var onTheBed = RunPlaces.Continents(RunPlaces.OfResults(dir, RuntimeDrivers.Of))!;
            Assert.That(Enumerable.Range(0, 3).Select(i => onTheBed(Scenarios.Runtimes.Netns.BedAddresses.Seed(i))),
                Is.EqualTo(new[] { "Europe", "North America", "Asia" }));
            Assert.That(Enumerable.Range(0, 40).Select(i => onTheBed(Scenarios.Runtimes.Netns.BedAddresses.Peer(i))),
                Is.EqualTo(Enumerable.Range(0, 40).Select(i => continentOf(SimAddresses.Peer(i)))), "peer i where the simulator puts it");
            summary.Runtime = "real"; // loopback, which cannot apply the model: no places, whatever the summary holds
            File.WriteAllText(Path.Combine(dir, "summary.json"), summary.ToJson());
            Assert.That(RunPlaces.OfResults(dir, RuntimeDrivers.Of), Is.Null);
            summary.Runtime = "sim";
            summary.Wan = null; // a run under another model
            File.WriteAllText(Path.Combine(dir, "summary.json"), summary.ToJson());
            Assert.That(RunPlaces.OfResults(dir, RuntimeDrivers.Of), Is.Null);
            File.WriteAllText(Path.Combine(dir, "summary.json"), "{ not json");
            Assert.That(RunPlaces.OfResults(dir, RuntimeDrivers.Of), Is.Null, "a damaged summary: the replay goes on without continents");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

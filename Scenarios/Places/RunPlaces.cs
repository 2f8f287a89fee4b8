using GossipSim.Analysis.Summary;
using GossipSim.Analysis.Wan;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Latency.Wan;

namespace GossipSim.Scenarios.Places;

/// <summary>
/// Where a run's nodes are on the measured Internet, for its summary, its report and the dashboard's colours: the run's own model
/// with the run's seed (<see cref="WanLatency.CountryOf"/>, the one placement the network draws delays by), and the runtime's own
/// address plan for which node an address is. Below the runtimes, so the simulator, the namespace bed and the dashboard place nodes
/// by the same code.
/// </summary>
public static class RunPlaces
{
    /// <summary>The places of a run under <paramref name="latency"/> with <paramref name="seed"/>; null unless the model is wan.</summary>
    /// <param name="indexOf">The runtime's address plan read backwards: a node's index (seeds first, then peers), -1 for an address
    /// the run does not give.</param>
    public static NodePlaces? Of(LatencyModel latency, ulong seed, Func<NodeAddress, int> indexOf) =>
        (latency is PlusNodeHopLatency sum ? sum.Wire : latency) is WanLatency wan ? new NodePlaces((WanLatency)wan.ForRun(seed), indexOf) : null;

    /// <summary>The places of a results folder: its scenario.json's model with its summary.json's seed, placed by the runtime that
    /// ran it; null when the run had no wan section (another model, or a runtime that cannot apply it), or either file is missing or
    /// cannot be read (a replay goes on without continents).</summary>
    /// <param name="driverOf">The driver of a runtime's name (the runtime table).</param>
    public static NodePlaces? OfResults(string dir, Func<string, IRuntimeDriver> driverOf)
    {
        string scenarioPath = Path.Combine(dir, "scenario.json"), summaryPath = Path.Combine(dir, "summary.json");
        if (!File.Exists(scenarioPath) || !File.Exists(summaryPath)) return null;
        try
        {
            var summary = RunSummary.FromJson(File.ReadAllText(summaryPath));
            if (summary.Wan == null) return null;
            return driverOf(summary.Runtime).PlacesOf(ScenarioConfig.LatencyOf(ScenarioLoader.Load(scenarioPath)), summary.Seed, summary.Seeds);
        }
        catch (Exception ex) when (ex is ScenarioException or System.Text.Json.JsonException or IOException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A node's continent for the dashboard's colours, or null when it has none.</summary>
    public static Func<NodeAddress, string?>? Continents(NodePlaces? places) =>
        places == null ? null : a => places.CountryOf(a) is >= 0 and var c ? places.ContinentOf(c) : null;
}

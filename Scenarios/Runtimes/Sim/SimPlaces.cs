using GossipSim.Analysis.Wan;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Latency.Wan;

namespace GossipSim.Scenarios.Runtimes.Sim;

/// <summary>Where a simulated run's nodes are on the measured Internet, for its summary and its dashboard: the run's own model.</summary>
public static class SimPlaces
{
    /// <summary>The places of a run under <paramref name="latency"/> with <paramref name="seed"/>; null unless the model is wan.</summary>
    /// <param name="seeds">The run's seeds: its peers' indices follow them.</param>
    public static NodePlaces? Of(LatencyModel latency, ulong seed, int seeds) =>
        latency is WanLatency wan ? new NodePlaces((WanLatency)wan.ForRun(seed), a => SimAddresses.IndexOf(a, seeds)) : null;

    /// <summary>The places of a simulated run's results folder: its scenario.json's model with its summary.json's seed; null when the
    /// run was not simulated on wan, or either file is missing or cannot be read (a replay goes on without continents).</summary>
    public static NodePlaces? OfResults(string dir)
    {
        string scenarioPath = Path.Combine(dir, "scenario.json"), summaryPath = Path.Combine(dir, "summary.json");
        if (!File.Exists(scenarioPath) || !File.Exists(summaryPath)) return null;
        try
        {
            var summary = Analysis.Summary.RunSummary.FromJson(File.ReadAllText(summaryPath));
            if (summary.Runtime != Definition.RuntimeNames.Sim || summary.Wan == null) return null;
            return Of(Definition.ScenarioConfig.LatencyOf(Definition.ScenarioLoader.Load(scenarioPath)), summary.Seed, summary.Seeds);
        }
        catch (Exception ex) when (ex is Definition.ScenarioException or System.Text.Json.JsonException or IOException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A node's continent for the dashboard's colours, or null when it has none.</summary>
    public static Func<Engine.Vocabulary.NodeAddress, string?>? Continents(NodePlaces? places) =>
        places == null ? null : a => places.CountryOf(a) is >= 0 and var c ? places.ContinentOf(c) : null;
}

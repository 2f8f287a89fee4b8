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

    /// <summary>A node's continent for the dashboard's colours, or null when it has none.</summary>
    public static Func<Engine.Vocabulary.NodeAddress, string?>? Continents(NodePlaces? places) =>
        places == null ? null : a => places.CountryOf(a) is >= 0 and var c ? places.ContinentOf(c) : null;
}

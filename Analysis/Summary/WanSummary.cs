namespace GossipSim.Analysis.Summary;

/// <summary>
/// Where a run on the measured Internet (the wan latency model) put its nodes and how fast gossip crossed the distances: summary.json's
/// "wan" section, absent for any other latency model.
/// </summary>
public sealed class WanSummary
{
    /// <summary>The country mix the nodes were drawn from ("atlas", "even", "5 countries").</summary>
    public string Mix { get; set; } = "";
    /// <summary>Nodes placed (seeds and peers that started), the sum of <see cref="Countries"/>.</summary>
    public int Nodes { get; set; }
    /// <summary>ISO 3166 code → nodes placed there, most first.</summary>
    public Dictionary<string, int> Countries { get; set; } = new();
    /// <summary>Continent → nodes placed there, most first.</summary>
    public Dictionary<string, int> Continents { get; set; } = new();
    /// <summary>"Asia / Europe" (the two ends' continents in alphabetical order, the origin's and the receiver's) → first-receipt latency.</summary>
    public Dictionary<string, RegionLatency> LatencyByContinents { get; set; } = new();
    /// <summary>Distance band between the origin's and the receiver's country → first-receipt latency.</summary>
    public Dictionary<string, RegionLatency> LatencyByDistance { get; set; } = new();
}

/// <summary>First receipts of one group of (message, peer) pairs: how many, and the time from creation to first receipt.</summary>
public sealed class RegionLatency
{
    public long Deliveries { get; set; }
    public double P50Seconds { get; set; }
    public double P99Seconds { get; set; }
}

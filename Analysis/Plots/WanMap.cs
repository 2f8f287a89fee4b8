namespace GossipSim.Analysis.Plots;

/// <summary>A node on the world map: where it is drawn (degrees) and its continent.</summary>
public readonly record struct MapNode(double Lat, double Lon, string Continent);

/// <summary>A link of the overlay drawn between two nodes' places on the map.</summary>
public readonly record struct MapLink(double LatA, double LonA, double LatB, double LonB);

/// <summary>First receipts over a band of distances: how many, and their median and 99th percentile (seconds).</summary>
public sealed record DistanceBand(string Name, double FromKm, double ToKm, long Deliveries, double P50Seconds, double P99Seconds);

/// <summary>
/// What the report draws of a run on the measured Internet, as plain data: every node at its country's place, a sample of the
/// overlay's links, and first receipts by the distance between the message's origin and its receiver.
/// </summary>
/// <param name="Links">A few hundred links at most (the map's lines).</param>
/// <param name="Deliveries">A uniform sample of (distance km, latency s) first receipts.</param>
/// <param name="AllDeliveries">First receipts in all, of which <paramref name="Deliveries"/> is a sample.</param>
public sealed record WanMap(IReadOnlyList<MapNode> Nodes, IReadOnlyList<MapLink> Links, IReadOnlyList<(double Km, double Seconds)> Deliveries,
    long AllDeliveries, IReadOnlyList<DistanceBand> Bands);

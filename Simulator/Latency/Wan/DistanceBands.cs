namespace GossipSim.Simulator.Latency.Wan;

/// <summary>
/// The distance bands figures on the measured Internet are grouped by (summary.json's latency by distance, the report's plot, the
/// namespace bed's relay's delays applied): one set of edges, so a simulated run and a bed's run speak of the same bands.
/// </summary>
public static class DistanceBands
{
    /// <summary>The bands' upper edges (km): a continent's own neighbours (Frankfurt–Amsterdam 360 km, Frankfurt–Madrid 1,400 km),
    /// the rest of a continent and its nearest neighbours (Frankfurt–New York 6,200 km), and across oceans.</summary>
    public static readonly IReadOnlyList<(string Name, double UpToKm)> All =
        [("under 1000 km", 1000), ("1000 to 5000 km", 5000), ("over 5000 km", double.PositiveInfinity)];

    /// <summary>The band <paramref name="km"/> falls in (an index into <see cref="All"/>).</summary>
    public static int Of(double km)
    {
        int i = 0;
        while (km >= All[i].UpToKm) i++;
        return i;
    }
}

using System.Globalization;
using ScottPlot;

namespace GossipSim.Analysis.Plots;

/// <summary>
/// Where a run's nodes are: each node at its country's place (the mean of its time zones' principal cities, jittered a little so a
/// country's nodes show as a cloud), coloured by continent, on longitude and latitude axes, with a sample of the overlay's links
/// drawn faintly between them. No coastlines are shipped: the countries' places outline the continents.
/// </summary>
public static class WorldPlot
{
    public const int Width = 1200, Height = 720;
    /// <summary>Nodes drawn at most (evenly thinned): past a few thousand markers a country's cloud is one blot and the SVG grows.</summary>
    public const int MostNodes = 2000;

    public static Figure Figure(WanMap map) => new(Chart(map), Width, Height);

    public static Chart Chart(WanMap map)
    {
        var inv = CultureInfo.InvariantCulture;
        int stride = (map.Nodes.Count + MostNodes - 1) / Math.Max(1, MostNodes);
        var drawn = stride <= 1 ? map.Nodes : map.Nodes.Where((_, i) => i % stride == 0).ToList();
        var series = new List<ChartSeries>();
        var linkColor = OkabeIto.Muted.WithAlpha(0.45);
        foreach (var l in map.Links)
            series.Add(new([(l.LonA, l.LatA), (l.LonB, l.LatB)], linkColor) { LineWidth = 0.8f });
        if (map.Links.Count > 0)
            series.Add(new([], linkColor) { Legend = string.Create(inv, $"{map.Links.Count:N0} of the overlay's links at the end"), LineWidth = 1.5f });
        var continents = map.Nodes.GroupBy(n => n.Continent).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        for (int i = 0; i < continents.Count; i++)
        {
            string name = continents[i].Key;
            // A continent keeps its colour from run to run: by its place in the list of continents, not by its count.
            var color = OkabeIto.ForSeries(Math.Max(0, Simulator.Latency.Wan.Continents.All.ToList().IndexOf(name)));
            series.Add(new(drawn.Where(n => n.Continent == name).Select(n => (n.Lon, n.Lat)).ToList(), color)
            {
                Legend = string.Create(inv, $"{name}: {continents[i].Count():N0}"),
                Marker = MarkerShape.FilledCircle,
                MarkerSize = map.Nodes.Count > 1000 ? 3 : 6,
            });
        }
        string title = string.Create(inv, $"Where the nodes are: {map.Nodes.Count:N0} in {continents.Count} continents")
            + (stride > 1 ? string.Create(inv, $" (every {stride}th drawn)") : "");
        return new Chart(title, new ChartAxis("longitude (°)", Min: -180, Max: 180, TickStep: 30),
            new ChartAxis("latitude (°)", Min: -60, Max: 80, TickStep: 20))
        {
            Series = series,
            LegendInColumns = true,
            EmptyMessage = map.Nodes.Count == 0 ? "no node was placed" : null,
        };
    }
}

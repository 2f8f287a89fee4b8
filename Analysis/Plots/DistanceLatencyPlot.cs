using System.Globalization;
using ScottPlot;

namespace GossipSim.Analysis.Plots;

/// <summary>
/// Gossip latency by distance: each sampled first receipt at the great-circle distance between its message's origin's country and
/// its receiver's, with each distance band's median and 99th percentile (over every receipt, not the sample) drawn across the band.
/// A receipt's latency is its path's, over several hops, so the distance of its two ends sets a floor, not the time.
/// </summary>
public static class DistanceLatencyPlot
{
    public const int Width = 1000, Height = 640;

    public static Figure Figure(WanMap map) => new(Chart(map), Width, Height);

    public static Chart Chart(WanMap map)
    {
        var inv = CultureInfo.InvariantCulture;
        var chart = new Chart("Gossip latency by distance", new ChartAxis("distance between the origin's and the receiver's country (km)", Min: 0),
            new ChartAxis("time from creation to first receipt (ms)", Min: 0));
        if (map.Deliveries.Count == 0) return chart with { X = chart.X with { Max = 1 }, EmptyMessage = "no deliveries recorded" };
        double farthest = Math.Max(map.Deliveries.Max(d => d.Km), 1);
        var series = new List<ChartSeries>
        {
            new(map.Deliveries.Select(d => (d.Km, d.Seconds * 1000)).ToList(), OkabeIto.Blue.WithAlpha(0.35))
            {
                Legend = map.Deliveries.Count < map.AllDeliveries
                    ? string.Create(inv, $"first receipts: a sample of {map.Deliveries.Count:N0} of {map.AllDeliveries:N0}")
                    : string.Create(inv, $"first receipts ({map.AllDeliveries:N0})"),
                Marker = MarkerShape.FilledCircle,
                MarkerSize = 3,
            },
        };
        foreach (var (q, color, name) in new[] { (0, OkabeIto.Vermillion, "p50"), (1, OkabeIto.Orange, "p99") })
        {
            var bands = map.Bands.Where(b => b.Deliveries > 0 && b.FromKm < farthest).ToList();
            for (int i = 0; i < bands.Count; i++)
            {
                var b = bands[i];
                double ms = (q == 0 ? b.P50Seconds : b.P99Seconds) * 1000;
                series.Add(new([(b.FromKm, ms), (Math.Min(b.ToKm, farthest), ms)], color)
                {
                    LineWidth = 3,
                    Legend = i == 0 ? $"{name} of each distance band ({string.Join(", ", bands.Select(x => x.Name))})" : null,
                });
            }
        }
        return chart with { Series = series, X = chart.X with { Max = farthest * 1.02 } };
    }
}

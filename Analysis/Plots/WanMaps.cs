using GossipSim.Analysis.Trace;
using GossipSim.Analysis.Wan;
using GossipSim.Engine.Vocabulary;
using GossipSim.Simulator.Latency.Wan;

namespace GossipSim.Analysis.Plots;

/// <summary>The report's map and distance data of a run on the measured Internet, from its figures and its fold.</summary>
public static class WanMaps
{
    /// <summary>How far (degrees) a node is drawn from its country's place at most: the nodes of one country spread into a small
    /// cloud whose size shows their number, without leaving a small country's neighbourhood.</summary>
    public const double JitterDegrees = 1.5;

    public static WanMap Of(WanFigures figures, TraceFold nodes)
    {
        var places = figures.Places;
        var atlas = places.Atlas;
        (double Lat, double Lon)? Where(NodeAddress a)
        {
            int country = places.CountryOf(a);
            if (country < 0) return null;
            var (lat, lon) = atlas.PositionOf(country);
            // The jitter is a function of the node's index, so a link ends where its node is drawn and a run is drawn the same each time.
            ulong x = (ulong)places.IndexOf(a) * 0x9E3779B97F4A7C15UL;
            double u = Rng.SplitMix64(ref x) / (double)ulong.MaxValue, v = Rng.SplitMix64(ref x) / (double)ulong.MaxValue;
            return (lat + (2 * u - 1) * JitterDegrees, lon + (2 * v - 1) * JitterDegrees);
        }
        var map = new List<MapNode>();
        foreach (var (address, state) in nodes.Nodes)
            if (state.Started && Where(address) is { } at)
                map.Add(new MapNode(at.Lat, at.Lon, places.ContinentOf(places.CountryOf(address))));
        figures.TakeLinks(nodes);
        var links = figures.Links.Select(l => (Where(l.A), Where(l.B))).Where(l => l.Item1 != null && l.Item2 != null)
            .Select(l => new MapLink(l.Item1!.Value.Lat, l.Item1.Value.Lon, l.Item2!.Value.Lat, l.Item2.Value.Lon)).ToList();
        var bands = new List<DistanceBand>();
        double from = 0;
        for (int i = 0; i < DistanceBands.All.Count; i++)
        {
            var h = figures.Band(i);
            bands.Add(new DistanceBand(DistanceBands.All[i].Name, from, DistanceBands.All[i].UpToKm, h.Count,
                h.Quantile(0.5), h.Quantile(0.99)));
            from = DistanceBands.All[i].UpToKm;
        }
        return new WanMap(map, links, figures.Sample, figures.Deliveries, bands);
    }
}

using GossipSim.Analysis.Summary;
using GossipSim.Analysis.Trace;
using GossipSim.Engine.Vocabulary;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Latency.Wan;

namespace GossipSim.Analysis.Wan;

/// <summary>
/// Gossip on the measured Internet, folded from first receipts as they come: latency by the continents of a message's origin and of
/// its receiver, and by the distance between their countries. Histograms, not lists, so its memory does not grow with the deliveries
/// (a million peers); a fixed-size, evenly drawn sample of (distance, latency) is kept for the report's plot.
/// </summary>
public sealed class WanFigures
{
    /// <summary>Deliveries the plot's sample keeps: enough to see each band's spread, few enough for a small SVG.</summary>
    public const int SampleSize = 1500;

    private readonly LatencyHistogram[] _byContinents = new LatencyHistogram[Continents.All.Count * Continents.All.Count];
    private readonly LatencyHistogram[] _byBand = DistanceBands.All.Select(_ => new LatencyHistogram()).ToArray();
    private readonly int[] _continentIndex;
    /// <summary>Km between every two countries, computed once: the fold runs on the simulation's output thread, which a delivery's
    /// haversine would slow at millions of receipts.</summary>
    private readonly double[] _km;
    private readonly List<(double Km, double Seconds)> _sample = new(SampleSize);
    private readonly Rng _sampling = new(0x57414E53); // "WANS": a fixed stream, so the same trace gives the same sample
    private long _seen;

    public NodePlaces Places { get; }

    public WanFigures(NodePlaces places)
    {
        Places = places;
        _continentIndex = places.Atlas.Codes.Select((_, c) => Continents.IndexOf(places.ContinentOf(c))).ToArray();
        int n = places.Atlas.Count;
        _km = new double[n * n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) _km[a * n + b] = places.Atlas.KmBetween(a, b);
    }

    /// <summary>The (distance km, latency s) deliveries kept for the plot: a uniform sample of every first receipt (reservoir).</summary>
    public IReadOnlyList<(double Km, double Seconds)> Sample => _sample;

    public LatencyHistogram Band(int band) => _byBand[band];

    /// <summary>First receipts between two placed nodes, all of them (the sample's population).</summary>
    public long Deliveries => _seen;

    /// <summary>A first receipt of <paramref name="origin"/>'s message at <paramref name="receiver"/>, <paramref name="seconds"/> after
    /// its creation.</summary>
    public void Delivered(NodeAddress origin, NodeAddress receiver, double seconds)
    {
        int from = Places.CountryOf(origin), to = Places.CountryOf(receiver);
        if (from < 0 || to < 0) return;
        int a = _continentIndex[from], b = _continentIndex[to];
        (a, b) = a <= b ? (a, b) : (b, a);
        (_byContinents[a * Continents.All.Count + b] ??= new()).Add(seconds);
        double km = _km[from * Places.Atlas.Count + to];
        _byBand[DistanceBands.Of(km)].Add(seconds);
        // Reservoir sampling (Vitter's algorithm R): every delivery is kept with the same chance, whatever their number.
        if (_sample.Count < SampleSize) _sample.Add((km, seconds));
        else if (_sampling.NextUInt64((ulong)_seen + 1) is var slot && slot < SampleSize) _sample[(int)slot] = (km, seconds);
        _seen++;
    }

    /// <summary>Links the report's map draws at most: a few hundred show the overlay's reach without hiding the nodes.</summary>
    public const int MostLinks = 300;

    /// <summary>Nodes whose neighbour sets the fold keeps for the map: about this many, evenly spread over the run's indices.</summary>
    public const int LinkSampleNodes = 80;

    /// <summary>Whether the fold should keep this node's neighbours (<see cref="LinkSampleNodes"/> of <paramref name="nodes"/>).</summary>
    public bool KeepsLinksOf(NodeAddress node, int nodes) =>
        Places.IndexOf(node) is >= 0 and var i && i % Math.Max(1, nodes / LinkSampleNodes) == 0;

    /// <summary>The overlay's links at the end of the run among the sampled nodes' (both ends up), at most <see cref="MostLinks"/>
    /// evenly thinned; taken when the run ends, before the nodes' stops take their links down.</summary>
    public IReadOnlyList<(NodeAddress A, NodeAddress B)> Links { get; private set; } = [];
    private bool _linksTaken;

    public void TakeLinks(TraceFold nodes)
    {
        if (_linksTaken) return;
        _linksTaken = true;
        var all = new List<(NodeAddress, NodeAddress)>();
        foreach (var (address, state) in nodes.Nodes)
            if (state is { IsUp: true, Neighbours: { } neighbours })
                foreach (var peer in neighbours.Order())
                    if (nodes.Find(peer) is { IsUp: true } other && (other.Neighbours == null || address.CompareTo(peer) < 0))
                        all.Add((address, peer));
        int stride = (all.Count + MostLinks - 1) / MostLinks;
        Links = stride <= 1 ? all : all.Where((_, i) => i % stride == 0).ToList();
    }

    /// <summary>summary.json's section: the nodes that started, by country and continent, and the latency figures.</summary>
    public WanSummary Summary(TraceFold nodes)
    {
        TakeLinks(nodes);
        var countries = new Dictionary<int, int>();
        foreach (var (address, state) in nodes.Nodes)
            if (state.Started && Places.CountryOf(address) is >= 0 and var c) countries[c] = countries.GetValueOrDefault(c) + 1;
        var codes = Places.Atlas.Codes;
        var summary = new WanSummary
        {
            Mix = Places.Mix,
            Nodes = countries.Values.Sum(),
            Countries = countries.OrderByDescending(kv => kv.Value).ThenBy(kv => codes[kv.Key], StringComparer.Ordinal)
                .ToDictionary(kv => codes[kv.Key], kv => kv.Value),
            Continents = countries.GroupBy(kv => Places.ContinentOf(kv.Key)).Select(g => (g.Key, Count: g.Sum(kv => kv.Value)))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count),
        };
        int n = Continents.All.Count;
        for (int a = 0; a < n; a++)
            for (int b = a; b < n; b++)
                if (_byContinents[a * n + b] is { Count: > 0 } h)
                    summary.LatencyByContinents[Continents.PairName(Continents.All[a], Continents.All[b])] = Figures(h);
        for (int i = 0; i < DistanceBands.All.Count; i++)
            if (_byBand[i].Count > 0) summary.LatencyByDistance[DistanceBands.All[i].Name] = Figures(_byBand[i]);
        return summary;
    }

    private static RegionLatency Figures(LatencyHistogram h) => new()
    {
        Deliveries = h.Count,
        P50Seconds = Math.Round(h.Quantile(0.5), 6),
        P99Seconds = Math.Round(h.Quantile(0.99), 6),
    };
}

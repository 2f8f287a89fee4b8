using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Trace;
using GossipSim.Analysis.Wan;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using GossipSim.Simulator.Latency.Wan;

namespace GossipSim.Analysis.Tests.Wan;

/// <summary>Gossip on the measured Internet folded by region: continents, continent pairs, distance bands, the plot's sample.</summary>
public class WanFiguresTests
{
    private static NodeAddress Node(int i) => new((uint)(0x0A000001 + i), 7000);

    /// <summary>Nodes pinned to the given countries, in order (node i is <see cref="Node"/>(i)).</summary>
    private static NodePlaces Places(params string[] countries)
    {
        var atlas = WanAtlas.Shipped;
        var pinned = countries.Select(c => atlas.TryIndex(c, out byte b) ? b : throw new ArgumentException(c)).ToArray();
        var model = (WanLatency)new WanLatency(CountryMix.OfName("atlas", atlas), pinned, countries.Length).ForRun(7);
        return new NodePlaces(model, a => a.Port == 7000 && a.Ip - 0x0A000001u < (uint)countries.Length ? (int)(a.Ip - 0x0A000001u) : -1);
    }

    [TestCase("DE", Continents.Europe)]
    [TestCase("RU", Continents.Europe)] // its first zone, Kaliningrad; Moscow is in Europe too
    [TestCase("TR", Continents.Europe)]
    [TestCase("US", Continents.NorthAmerica)]
    [TestCase("MX", Continents.NorthAmerica)]
    [TestCase("BR", Continents.SouthAmerica)]
    [TestCase("AR", Continents.SouthAmerica)]
    [TestCase("JP", Continents.Asia)]
    [TestCase("SG", Continents.Asia)]
    [TestCase("ZA", Continents.Africa)]
    [TestCase("AU", Continents.Oceania)]
    [TestCase("NZ", Continents.Oceania)] // zone Pacific/Auckland
    [TestCase("IS", Continents.Europe)] // zone Atlantic/Reykjavik
    [TestCase("MU", Continents.Africa)] // zone Indian/Mauritius
    [TestCase("BM", Continents.NorthAmerica)]
    public void ACountry_IsOnItsContinent(string code, string continent) => Assert.That(Continents.Of(code), Is.EqualTo(continent));

    [Test]
    public void EveryMeasuredCountry_HasAContinent()
    {
        var codes = WanAtlas.Shipped.Codes;
        Assert.That(codes.Where(c => Continents.Of(c) == null), Is.Empty);
        Assert.That(codes.Select(Continents.Of).Distinct(), Is.SubsetOf(Continents.All));
    }

    [TestCase(0, 0)]
    [TestCase(999.9, 0)]
    [TestCase(1000, 1)]
    [TestCase(4999, 1)]
    [TestCase(5000, 2)]
    [TestCase(19_000, 2)]
    public void ADistance_FallsInItsBand(double km, int band) => Assert.That(DistanceBands.Of(km), Is.EqualTo(band));

    [Test]
    public void FirstReceipts_AreCountedByContinentPairEitherWay_AndByDistance()
    {
        var figures = new WanFigures(Places("DE", "FR", "JP"));
        figures.Delivered(Node(0), Node(1), 0.030); // Germany → France: Europe, under 1,000 km
        figures.Delivered(Node(2), Node(0), 0.200); // Japan → Germany
        figures.Delivered(Node(0), Node(2), 0.260); // Germany → Japan: the same pair
        figures.Delivered(Node(0), new NodeAddress(0x0B000001, 9), 1); // a node the run did not place: not counted
        var fold = new TraceFold();
        for (int i = 0; i < 3; i++) fold.Apply(new TraceEvent(TimeSpan.Zero, TraceKind.NodeStarted, Node(i), Detail: "peer"));
        var s = figures.Summary(fold);

        Assert.That(s.LatencyByContinents.Keys, Is.EquivalentTo(new[] { "Europe / Europe", "Asia / Europe" }));
        Assert.That(s.LatencyByContinents["Asia / Europe"].Deliveries, Is.EqualTo(2));
        Assert.That(s.LatencyByContinents["Europe / Europe"].P50Seconds, Is.EqualTo(0.030).Within(0.030 * 0.01)); // the histogram: < 0.8 %
        Assert.That(s.LatencyByContinents["Asia / Europe"].P99Seconds, Is.EqualTo(0.260).Within(0.260 * 0.01));
        Assert.That(s.LatencyByDistance.Keys, Is.EquivalentTo(new[] { "under 1000 km", "over 5000 km" }));
        Assert.That(s.LatencyByDistance["over 5000 km"].Deliveries, Is.EqualTo(2));
        Assert.That(figures.Deliveries, Is.EqualTo(3));
        Assert.That(s.Countries, Is.EqualTo(new Dictionary<string, int> { ["DE"] = 1, ["FR"] = 1, ["JP"] = 1 }));
        Assert.That(s.Continents, Is.EqualTo(new Dictionary<string, int> { [Continents.Europe] = 2, [Continents.Asia] = 1 }));
        Assert.That(s.Nodes, Is.EqualTo(3));
        Assert.That(s.Mix, Is.EqualTo("atlas"));
    }

    [Test]
    public void ThePlotsSample_IsCapped_AndDrawnFromEveryReceipt()
    {
        var figures = new WanFigures(Places("DE", "US"));
        const int n = 20_000;
        for (int i = 0; i < n; i++) figures.Delivered(Node(i % 2), Node(1 - i % 2), (double)i / n);
        Assert.That(figures.Sample, Has.Count.EqualTo(WanFigures.SampleSize));
        Assert.That(figures.Deliveries, Is.EqualTo(n));
        // Receipts later in the run are as likely to be kept as the first: a sample of the first 1,500 would average 0.04.
        Assert.That(figures.Sample.Average(d => d.Seconds), Is.EqualTo(0.5).Within(0.04));
        Assert.That(figures.Sample.Max(d => d.Seconds), Is.GreaterThan(0.95));
    }

    [Test]
    public void TheMap_DrawsEveryStartedNode_NearItsCountry_WithTheSampledNodesLinks()
    {
        var places = Places("DE", "DE", "US", "JP");
        var figures = new WanFigures(places);
        var fold = new TraceFold(neighboursOf: a => figures.KeepsLinksOf(a, 4));
        for (int i = 0; i < 4; i++) fold.Apply(new TraceEvent(TimeSpan.Zero, TraceKind.NodeStarted, Node(i), Detail: "peer"));
        fold.Apply(new TraceEvent(TimeSpan.Zero, TraceKind.LinkUp, Node(0), Node(2)));
        fold.Apply(new TraceEvent(TimeSpan.Zero, TraceKind.LinkUp, Node(2), Node(0)));
        fold.Apply(new TraceEvent(TimeSpan.Zero, TraceKind.LinkUp, Node(1), Node(3)));
        fold.Apply(new TraceEvent(TimeSpan.Zero, TraceKind.LinkUp, Node(3), Node(1)));
        var map = WanMaps.Of(figures, fold);

        Assert.That(map.Nodes, Has.Count.EqualTo(4));
        var us = WanAtlas.Shipped.PositionOf(places.CountryOf(Node(2)));
        Assert.That(map.Nodes[2].Lat, Is.EqualTo(us.Lat).Within(WanMaps.JitterDegrees));
        Assert.That(map.Nodes[2].Lon, Is.EqualTo(us.Lon).Within(WanMaps.JitterDegrees));
        Assert.That(map.Nodes.Select(n => n.Continent), Is.EqualTo(new[] { "Europe", "Europe", "North America", "Asia" }));
        // Four nodes, every one sampled: both links once each, ending where their nodes are drawn.
        Assert.That(map.Links, Has.Count.EqualTo(2));
        Assert.That(map.Links.Select(l => (l.LatA, l.LonA)), Has.Member((map.Nodes[0].Lat, map.Nodes[0].Lon)));

        var chart = WorldPlot.Chart(map);
        Assert.That(chart.LegendTexts, Is.EquivalentTo(new[] { "2 of the overlay's links at the end", "Europe: 2", "North America: 1", "Asia: 1" }));
        Assert.That(chart.X.Min, Is.EqualTo(-180));
        Assert.That(chart.X.Max, Is.EqualTo(180));
    }

    [Test]
    public void TheMap_ThinsManyNodesAndLinks()
    {
        var nodes = Enumerable.Range(0, 9000).Select(i => new MapNode(i % 50, i % 170, i % 3 == 0 ? "Asia" : "Europe")).ToList();
        var links = Enumerable.Range(0, 250).Select(i => new MapLink(0, 0, i % 50, i)).ToList();
        var chart = WorldPlot.Chart(new WanMap(nodes, links, [], 0, []));
        Assert.That(chart.Series.Where(s => s.Marker != ScottPlot.MarkerShape.None).Sum(s => s.Points.Count), Is.LessThanOrEqualTo(WorldPlot.MostNodes));
        Assert.That(chart.LegendTexts, Has.Member("Asia: 3,000").And.Member("Europe: 6,000"));
        Assert.That(chart.Series.Count(s => s.Points.Count == 2 && s.Marker == ScottPlot.MarkerShape.None), Is.EqualTo(250));
    }

    [Test]
    public void TheDistancePlot_DrawsEachBandsMedianAcrossTheBand()
    {
        var bands = new List<DistanceBand>
        {
            new("under 1000 km", 0, 1000, 10, 0.030, 0.080),
            new("1000 to 5000 km", 1000, 5000, 0, 0, 0),
            new("over 5000 km", 5000, double.PositiveInfinity, 20, 0.120, 0.200),
        };
        var chart = DistanceLatencyPlot.Chart(new WanMap([], [], [(300, 0.03), (9000, 0.12)], 30, bands));
        var lines = chart.Series.Where(s => s.LineWidth > 0).ToList();
        Assert.That(lines.Select(l => l.Points[0].Y), Is.EquivalentTo(new[] { 30.0, 120.0, 80.0, 200.0 }));
        Assert.That(lines.Max(l => l.Points[1].X), Is.EqualTo(9000), "the last band ends at the farthest receipt, not at infinity");
        Assert.That(chart.LegendTexts, Has.Member("first receipts: a sample of 2 of 30"));
    }
}

using GossipSim.Simulator.Latency.Wan;

namespace GossipSim.Simulator.Tests.Latency.Wan;

/// <summary>The shortest distance between two boxes on the sphere, checked against distances known by other means: the haversine
/// between two points, a degree of latitude, and boxes that overlap, touch or meet across 180°.</summary>
public class CountryBoxTests
{
    private const double KmPerDegree = Math.PI / 180 * DistanceFit.EarthRadiusKm;

    [TestCase(52.52, 13.40, 40.71, -74.01)] // Berlin, New York
    [TestCase(-33.87, 151.21, 51.51, -0.13)] // Sydney, London: more than a quarter of the way round
    [TestCase(0, 179.5, 0, -179.5)] // across 180°
    public void TwoPoints_AreTheirHaversineApart(double lat1, double lon1, double lat2, double lon2) =>
        Assert.That(CountryBox.Km(CountryBox.At(lat1, lon1), CountryBox.At(lat2, lon2)),
            Is.EqualTo(DistanceFit.Km((lat1, lon1), (lat2, lon2))).Within(1e-6));

    [TestCase(40, 50, 0, 10, 45, 60, 5, 20, 0)] // overlapping
    [TestCase(40, 50, 0, 10, 50, 60, 10, 20, 0)] // touching at a corner
    [TestCase(40, 50, 170, 180, 40, 50, -180, -170, 0)] // meeting across 180°
    [TestCase(10, 20, 0, 10, 30, 40, 5, 50, 10)] // one meridian in common: ten degrees of latitude
    [TestCase(-10, -5, -20, 20, 5, 10, 15, 30, 10)] // the same, across the equator
    public void Boxes_ThatShareAMeridian_AreTheirLatitudeGapApart(double latMin1, double latMax1, double lonMin1, double lonMax1,
        double latMin2, double latMax2, double lonMin2, double lonMax2, double degrees) =>
        Assert.That(CountryBox.Km(new CountryBox(latMin1, latMax1, lonMin1, lonMax1), new CountryBox(latMin2, latMax2, lonMin2, lonMax2)),
            Is.EqualTo(degrees * KmPerDegree).Within(1e-6));

    /// <summary>Two boxes side by side in the north: nearest at their poleward corners (a degree of longitude is shortest there), not
    /// at the equator's end or the middle.</summary>
    [Test]
    public void BoxesSideBySide_AreNearestAtTheirPolewardCorners()
    {
        var west = new CountryBox(0, 60, -10, 0);
        var east = new CountryBox(0, 60, 10, 20);
        Assert.That(CountryBox.Km(west, east), Is.EqualTo(DistanceFit.Km((60, 0), (60, 10))).Within(1e-6));
    }

    /// <summary>A point beside a tall box in longitude: the nearest point of the box's edge lies poleward of the point's own latitude
    /// (a great circle bows toward the pole), so nearer than the same-latitude point, and no farther than any sampled edge point.</summary>
    [Test]
    public void APointBesideATallBox_IsNearestToAPointInsideTheEdge()
    {
        var box = new CountryBox(0, 80, 40, 50);
        double km = CountryBox.Km(CountryBox.At(45, 0), box);
        double sampled = Enumerable.Range(0, 8001).Min(i => DistanceFit.Km((45, 0), (i / 100.0, 40)));
        Assert.That(km, Is.LessThan(DistanceFit.Km((45, 0), (45, 40))));
        Assert.That(km, Is.EqualTo(sampled).Within(0.5));
    }

    /// <summary>Random boxes: the closed form is never farther than any pair of points sampled on the two boxes, and equal to the
    /// nearest of a fine sample of their edges.</summary>
    [Test]
    public void RandomBoxes_TheClosedForm_IsTheSampledMinimum()
    {
        var rng = new Random(3);
        for (int k = 0; k < 200; k++)
        {
            var a = RandomBox(rng);
            var b = RandomBox(rng);
            double km = CountryBox.Km(a, b);
            double sampled = Edge(a).Min(p => Edge(b).Min(q => DistanceFit.Km(p, q)));
            Assert.That(km, Is.LessThanOrEqualTo(sampled + 1e-6), $"{a} {b}");
            Assert.That(km, Is.EqualTo(sampled).Within(30), $"{a} {b}"); // the sample's step, 0.25° of latitude or longitude
        }
    }

    private static CountryBox RandomBox(Random rng)
    {
        double lat = rng.NextDouble() * 160 - 80, lon = rng.NextDouble() * 340 - 180;
        return new CountryBox(lat, Math.Min(90, lat + rng.NextDouble() * 30), lon, Math.Min(180, lon + rng.NextDouble() * 40));
    }

    private static IEnumerable<(double Lat, double Lon)> Edge(CountryBox box)
    {
        for (double lat = box.LatMin; lat <= box.LatMax; lat += 0.25) { yield return (lat, box.LonMin); yield return (lat, box.LonMax); }
        for (double lon = box.LonMin; lon <= box.LonMax; lon += 0.25) { yield return (box.LatMin, lon); yield return (box.LatMax, lon); }
        foreach (double lat in new[] { box.LatMin, box.LatMax })
            foreach (double lon in new[] { box.LonMin, box.LonMax })
                yield return (lat, lon);
    }
}

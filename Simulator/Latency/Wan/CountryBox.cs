namespace GossipSim.Simulator.Latency.Wan;

/// <summary>
/// A box of latitudes and longitudes (degrees, <see cref="LonMin"/> ≤ <see cref="LonMax"/>: a country across 180° is two boxes) that
/// part of a country lies in, and the shortest great-circle distance between two countries' boxes: how close the two countries can
/// come, so the least distance light must cover between any two of their hosts. Boxes only ever hold more than the country, so the
/// distance is never more than the true one: a floor made of it never holds a pair of neighbours (US–CA, DE–NL) apart.
/// </summary>
public readonly record struct CountryBox(double LatMin, double LatMax, double LonMin, double LonMax)
{
    /// <summary>A box of one point: a place (a time zone's principal city) the map's boxes may miss (an island too small for it).</summary>
    public static CountryBox At(double lat, double lon) => new(lat, lat, lon, lon);

    public bool Holds(double lat, double lon) => lat >= LatMin && lat <= LatMax && lon >= LonMin && lon <= LonMax;

    /// <summary>The shortest great-circle distance (km) between two countries, each a set of boxes: 0 where two boxes overlap or touch,
    /// and where either country has no box (nothing known, so nothing to floor).</summary>
    public static double Km(IReadOnlyList<CountryBox> a, IReadOnlyList<CountryBox> b)
    {
        double km = a.Count == 0 || b.Count == 0 ? 0 : double.PositiveInfinity;
        foreach (var x in a)
            foreach (var y in b)
                km = Math.Min(km, Km(x, y));
        return km;
    }

    /// <summary>
    /// The shortest great-circle distance (km) between two boxes. Where their longitudes overlap, the closest points share a meridian:
    /// the gap in latitude (no two points are nearer than their latitudes' difference). Where they do not, the closest points lie on
    /// the boxes' edge meridians (along a parallel, a point only nears another as their longitudes near), and two meridian arcs are
    /// closest at an end of one of them: the nearest of the eight corners to the other box.
    /// </summary>
    public static double Km(CountryBox a, CountryBox b)
    {
        if (LongitudesMeet(a, b))
            return Math.Max(0, Math.Max(a.LatMin - b.LatMax, b.LatMin - a.LatMax)) * Math.PI / 180 * DistanceFit.EarthRadiusKm;
        double km = double.PositiveInfinity;
        foreach (var (lat, lon) in a.Corners()) km = Math.Min(km, b.KmFromOutside(lat, lon));
        foreach (var (lat, lon) in b.Corners()) km = Math.Min(km, a.KmFromOutside(lat, lon));
        return km;
    }

    /// <summary>Whether two longitude ranges share a meridian, 180° W and 180° E being one.</summary>
    private static bool LongitudesMeet(CountryBox a, CountryBox b) =>
        Meet(a.LonMin, a.LonMax, b.LonMin, b.LonMax) || Meet(a.LonMin + 360, a.LonMax + 360, b.LonMin, b.LonMax)
        || Meet(a.LonMin - 360, a.LonMax - 360, b.LonMin, b.LonMax);

    private static bool Meet(double min1, double max1, double min2, double max2) => min1 <= max2 && min2 <= max1;

    private (double Lat, double Lon)[] Corners() => [(LatMin, LonMin), (LatMin, LonMax), (LatMax, LonMin), (LatMax, LonMax)];

    /// <summary>From a point whose longitude is outside the box: the nearer of its two edge meridians.</summary>
    private double KmFromOutside(double lat, double lon) =>
        Math.Min(KmToMeridian(lat, lon, LonMin, LatMin, LatMax), KmToMeridian(lat, lon, LonMax, LatMin, LatMax));

    /// <summary>From a point to the meridian arc at <paramref name="meridian"/> between two latitudes: the cosine of the distance to
    /// the arc's point at φ is A sin φ + B cos φ, largest at φ* = atan2(A, B), so the nearest point is φ* where the arc holds it, or an
    /// end.</summary>
    private static double KmToMeridian(double lat, double lon, double meridian, double fromLat, double toLat)
    {
        double φp = Rad(lat), dλ = Rad(lon - meridian);
        double a = Math.Sin(φp), b = Math.Cos(φp) * Math.Cos(dλ);
        double best = Math.Max(CosAt(Rad(fromLat)), CosAt(Rad(toLat)));
        double φStar = Math.Atan2(a, b);
        if (φStar >= Rad(fromLat) && φStar <= Rad(toLat)) best = Math.Max(best, CosAt(φStar));
        return Math.Acos(Math.Clamp(best, -1, 1)) * DistanceFit.EarthRadiusKm;

        double CosAt(double φ) => a * Math.Sin(φ) + b * Math.Cos(φ);
    }

    private static double Rad(double degrees) => degrees * Math.PI / 180;
}

namespace GossipSim.Simulator.Latency.Wan;

/// <summary>
/// The round trip a pair of countries without a usable row is given: a line through the well-measured rows' mean RTT against the
/// great-circle distance between the countries (least squares, every row once), a spread in proportion to that mean (the measured rows'
/// median deviation per ms of mean), and a range that physics and the measurements bound: no faster than light in fibre there and back
/// over the countries' shortest distance (<see cref="WanAtlas.FloorMs"/>), no slower than <see cref="WidthInStd"/> spreads above the mean.
/// </summary>
public sealed record DistanceFit(double InterceptMs, double MsPerKm, double StdPerMean)
{
    /// <summary>Light in fibre covers about 200 km a millisecond (two thirds of c): a round trip over d km takes at least d / 100 ms.</summary>
    public const double KmPerMsRoundTrip = 100;
    /// <summary>How far above the fitted mean a fallback pair may draw, in its spreads.</summary>
    public const double WidthInStd = 4;
    public const double EarthRadiusKm = 6371;

    /// <summary>The row a pair of countries whose centres are <paramref name="km"/> apart is given, its range floored at
    /// <paramref name="floorMs"/> (<see cref="WanAtlas.FloorMs"/>: light over the countries' shortest distance, which the centres' is
    /// not).</summary>
    public RttRow RowAt(double km, double floorMs)
    {
        double lo = floorMs;
        double mean = Math.Max(InterceptMs + MsPerKm * km, lo * 1.25); // never at the floor itself: a line can fall under light's bound
        double std = StdPerMean * mean;
        return new RttRow(0, mean, std, lo, mean + WidthInStd * std);
    }

    /// <summary>The fit over (distance km, mean ms, deviation ms) of the rows to trust.</summary>
    public static DistanceFit Of(IReadOnlyList<(double Km, double MeanMs, double StdMs)> rows)
    {
        double n = rows.Count, sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (var (x, y, _) in rows) { sx += x; sy += y; sxx += x * x; sxy += x * y; }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        var ratios = rows.Where(r => r.MeanMs > 0).Select(r => r.StdMs / r.MeanMs).Order().ToArray();
        return new DistanceFit((sy - slope * sx) / n, slope, ratios[ratios.Length / 2]);
    }

    /// <summary>Great-circle distance (km) between two points in degrees (haversine).</summary>
    public static double Km((double Lat, double Lon) a, (double Lat, double Lon) b)
    {
        double φ1 = a.Lat * Math.PI / 180, φ2 = b.Lat * Math.PI / 180, dφ = φ2 - φ1, dλ = (b.Lon - a.Lon) * Math.PI / 180;
        double h = Math.Sin(dφ / 2) * Math.Sin(dφ / 2) + Math.Cos(φ1) * Math.Cos(φ2) * Math.Sin(dλ / 2) * Math.Sin(dλ / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}

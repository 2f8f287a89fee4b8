namespace GossipSim.Scenarios.Soak;

/// <summary>A least-squares line through (x, y) points: its slope and the slope's standard error, over <see cref="Points"/>.</summary>
public readonly record struct SlopeFit(double Slope, double StandardError, int Points, double Mean)
{
    /// <summary>The slope, and the line's standard error from the residuals (n − 2 degrees of freedom); fewer than 3 points or
    /// one x: slope 0 and an infinite error (nothing can be said).</summary>
    public static SlopeFit Of(IReadOnlyList<(double X, double Y)> points)
    {
        int n = points.Count;
        double mx = 0, my = 0;
        foreach (var (x, y) in points) { mx += x; my += y; }
        if (n == 0) return new SlopeFit(0, double.PositiveInfinity, 0, 0);
        mx /= n; my /= n;
        double sxx = 0, sxy = 0;
        foreach (var (x, y) in points) { sxx += (x - mx) * (x - mx); sxy += (x - mx) * (y - my); }
        if (n < 3 || sxx == 0) return new SlopeFit(0, double.PositiveInfinity, n, my);
        double slope = sxy / sxx, rss = 0;
        foreach (var (x, y) in points) { double r = y - my - slope * (x - mx); rss += r * r; }
        return new SlopeFit(slope, Math.Sqrt(rss / (n - 2) / sxx), n, my);
    }
}

/// <summary>Whether a resource held flat: its slope is under the stated bound, or not told apart from 0 by the noise.</summary>
/// <remarks><see cref="Falling"/>: a steady fall where only growth is a leak (sockets closing as links end), which passes.</remarks>
public enum Flatness { Flat, WithinNoise, Growing, Shrinking, TooFewSamples, Falling }

/// <summary>
/// The soak's verdict on one resource of one node's life, as a pure function of its fit: <see cref="Flatness.Flat"/> when
/// |slope| ≤ bound; <see cref="Flatness.WithinNoise"/> when above the bound but within two standard errors of 0 (about 95 %: the
/// samples cannot tell it from flat); growing or shrinking otherwise. Both directions count for a whole resource (memory that
/// falls steadily is as wrong as memory that climbs); for what is left of the descriptors once the links are taken out, only
/// growth is a leak (a socket kept after its use), and a steady fall is <see cref="Flatness.Falling"/>.
/// </summary>
public static class ResourceTrend
{
    /// <summary>Points a fit needs before it says anything.</summary>
    public const int MinPoints = 4;

    public static Flatness Judge(SlopeFit fit, double bound, bool onlyGrowthLeaks = false)
    {
        if (fit.Points < MinPoints || double.IsInfinity(fit.StandardError)) return Flatness.TooFewSamples;
        if (Math.Abs(fit.Slope) <= bound) return Flatness.Flat;
        if (Math.Abs(fit.Slope) <= 2 * fit.StandardError) return Flatness.WithinNoise;
        return fit.Slope > 0 ? Flatness.Growing : onlyGrowthLeaks ? Flatness.Falling : Flatness.Shrinking;
    }

    public static bool Passes(Flatness f) => f is Flatness.Flat or Flatness.WithinNoise or Flatness.Falling;

    /// <summary>
    /// Each point's value replaced by the lowest value at or before it within <paramref name="heldSeconds"/> (points in time order):
    /// a socket the transport closes after that long idle lifts none of these floors for good, while a socket never closed lifts
    /// every floor after it.
    /// </summary>
    public static IReadOnlyList<(double Seconds, double Value)> TrailingFloor(IReadOnlyList<(double Seconds, double Value)> points,
        double heldSeconds)
    {
        var floor = new List<(double, double)>(points.Count);
        for (int i = 0; i < points.Count; i++)
        {
            double low = points[i].Value;
            for (int j = i - 1; j >= 0 && points[j].Seconds > points[i].Seconds - heldSeconds; j--) low = Math.Min(low, points[j].Value);
            floor.Add((points[i].Seconds, low));
        }
        return floor;
    }

    /// <summary>
    /// The stretch a soak's slopes are taken over: the last 40 minutes, or the last two thirds of a shorter run (the first third
    /// is warm-up: the runtime compiles, heaps and connection pools grow to their working size).
    /// </summary>
    public static (double From, double To) Window(double runEndSeconds)
        => (runEndSeconds - Math.Min(40 * 60, runEndSeconds * 2 / 3), runEndSeconds);

    /// <summary>
    /// From when a process's samples count: from the window's start, and not before it has lived <paramref name="fillSeconds"/>, the
    /// time its state takes to reach its working size (a peer's Message List keeps every message for its lifetime, 5 minutes by
    /// default, so it grows that long by design). A peer restarted midway is a new process with its own warm-up.
    /// </summary>
    public static double CountedFrom(double runEndSeconds, double bornSeconds, double fillSeconds)
        => Math.Max(Window(runEndSeconds).From, bornSeconds + fillSeconds);
}

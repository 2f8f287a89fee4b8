namespace GossipSim.Simulator.Latency;

/// <summary>
/// Log-linear histogram of durations in microseconds (128 linear sub-buckets per power of two,
/// so every value is kept to within 0.8 %). Fixed memory whatever the number of deliveries:
/// a million peers times a hundred messages fits in a few kilobytes.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBits = 7;
    private const int Sub = 1 << SubBits;
    private readonly long[] _counts = new long[(64 - SubBits + 1) * Sub];

    public long Count { get; private set; }
    public double MaxSeconds { get; private set; }
    public double SumSeconds { get; private set; }

    public void Add(double seconds)
    {
        if (seconds < 0) seconds = 0;
        long micros = (long)Math.Round(seconds * 1e6);
        _counts[Index(micros)]++;
        Count++;
        SumSeconds += seconds;
        if (seconds > MaxSeconds) MaxSeconds = seconds;
    }

    public void Merge(LatencyHistogram other)
    {
        for (int i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Count += other.Count;
        SumSeconds += other.SumSeconds;
        MaxSeconds = Math.Max(MaxSeconds, other.MaxSeconds);
    }

    /// <summary>The q-quantile (0..1) in seconds: the upper edge's midpoint of the bucket holding that rank.</summary>
    public double Quantile(double q)
    {
        if (Count == 0) return 0;
        long rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return Math.Min(Mid(i) / 1e6, MaxSeconds);
        }
        return MaxSeconds;
    }

    /// <summary>(seconds, cumulative fraction) at each non-empty bucket: the CDF for plotting.</summary>
    public IReadOnlyList<(double seconds, double fraction)> Cdf()
    {
        var points = new List<(double, double)>();
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] == 0) continue;
            seen += _counts[i];
            points.Add((Math.Min(Mid(i) / 1e6, MaxSeconds), (double)seen / Count));
        }
        return points;
    }

    /// <summary>
    /// At most <paramref name="points"/> values with this histogram's distribution (evenly
    /// spaced quantiles), for CDF plots: a plot needs the shape, not ten million samples.
    /// </summary>
    public double[] ToSample(int points = 20_000)
    {
        if (Count == 0) return Array.Empty<double>();
        int n = (int)Math.Min(points, Count);
        var result = new double[n];
        long seen = 0;
        int next = 0;
        for (int i = 0; i < _counts.Length && next < n; i++)
        {
            if (_counts[i] == 0) continue;
            seen += _counts[i];
            double value = Math.Min(Mid(i) / 1e6, MaxSeconds);
            // quantile k/n (k = 1..n) falls in this bucket while its rank is within what we have seen
            while (next < n && (long)Math.Ceiling((next + 1) * (double)Count / n) <= seen) result[next++] = value;
        }
        return result;
    }

    private static int Index(long v)
    {
        if (v < Sub) return (int)v;
        int msb = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)v);
        int shift = msb - SubBits;
        return ((shift + 1) << SubBits) + (int)((v >> shift) & (Sub - 1));
    }

    private static double Mid(int index)
    {
        if (index < Sub) return index;
        int shift = (index >> SubBits) - 1;
        long lower = ((long)Sub + (index & (Sub - 1))) << shift;
        return lower + ((1L << shift) - 1) / 2.0;
    }
}

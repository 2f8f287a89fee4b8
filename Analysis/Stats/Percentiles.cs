namespace GossipSim.Analysis.Stats;

public static class Percentiles
{
    /// <summary>Nearest-rank percentile of an ascending array: the smallest value with at least q of the data at or below it.</summary>
    public static double Of(double[] sorted, double q)
    {
        if (sorted.Length == 0) throw new ArgumentException("no values");
        if (!(q > 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "q must be in (0, 1]");
        int rank = (int)Math.Ceiling(q * sorted.Length - 1e-9);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}

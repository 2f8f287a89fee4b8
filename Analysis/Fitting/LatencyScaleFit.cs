using GossipSim.Analysis.Stats;

namespace GossipSim.Analysis.Fitting;

/// <summary>
/// The level (one factor on every delay) and the spread of the per-message factor
/// (<see cref="Simulator.Latency.MessageFactorLatency"/>) that bring a simulator run's latencies
/// nearest the real ones by KS distance. Scaling all of one message's delays scales every latency
/// of its race and leaves its hop counts alone, so a candidate needs no simulator run: each
/// simulated latency is multiplied by the level and by exp(sigma · z), z being the standard normal
/// number the model draws for that latency's message in the run to come.
/// </summary>
public static class LatencyScaleFit
{
    /// <summary>Sigmas tried: 0 to 1.5 in steps of 0.02 (a factor of e^1.5 ≈ 4.5 per standard deviation is beyond any run
    /// measured).</summary>
    public static IEnumerable<double> Sigmas => Enumerable.Range(0, 76).Select(k => k * 0.02);

    /// <param name="normals">Per simulated latency, its message's standard normal number (same order as <paramref name="sim"/>).</param>
    /// <returns>The level, the sigma, and their KS distance to the real latencies.</returns>
    public static (double Level, double Sigma, double D) Of(double[] real, double[] sim, double[] normals, IEnumerable<double> sigmas)
    {
        if (normals.Length != sim.Length) throw new ArgumentException("one normal number per simulated latency", nameof(normals));
        double[] sortedReal = real.OrderBy(x => x).ToArray();
        (double Level, double Sigma, double D) best = (1, 0, double.MaxValue);
        foreach (double sigma in sigmas)
        {
            double[] scaled = sim.Select((x, i) => x * Math.Exp(sigma * normals[i])).OrderBy(x => x).ToArray();
            var (level, d) = ClosestLevel(sortedReal, scaled);
            if (d < best.D) best = (level, sigma, d);
        }
        return best;
    }

    /// <summary>
    /// The factor on every delay that brings sorted simulated latencies nearest sorted real ones
    /// (least KS distance), searched in 1 % steps within a factor of 2 around the ratio of the medians.
    /// A factor keeps the order, so both are sorted once.
    /// </summary>
    public static (double Level, double D) ClosestLevel(double[] sortedReal, double[] sortedSim)
    {
        double ratio = Median(sortedSim) > 0 ? Median(sortedReal) / Median(sortedSim) : 1;
        var scaled = new double[sortedSim.Length];
        (double Level, double D) best = (1, double.MaxValue);
        for (int k = -70; k <= 70; k++)
        {
            double level = Math.Round(ratio * Math.Exp(k * 0.01), 4);
            for (int i = 0; i < scaled.Length; i++) scaled[i] = sortedSim[i] * level;
            double d = KolmogorovSmirnov.Statistic(sortedReal, scaled);
            if (d < best.D) best = (level, d);
        }
        return best;
    }

    private static double Median(double[] sorted) => sorted.Length == 0 ? 0 : Percentiles.Of(sorted, 0.5);
}

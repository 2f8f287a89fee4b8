using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// Samples from the alternatives a power law is tested against, for tests and benchmarks:
/// the discrete exponential (a shifted geometric) and the discretised log-normal.
/// </summary>
public static class AlternativeSamplers
{
    /// <summary>P(X = xmin + k) = (1 - e^-λ) e^(-λk), k ≥ 0.</summary>
    public static long[] Geometric(int count, double rate, long xmin, Rng rng)
    {
        if (!(rate > 0)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "rate must be positive");
        var result = new long[count];
        for (int i = 0; i < count; i++)
        {
            double u = 1 - rng.NextDouble(); // (0, 1]
            result[i] = xmin + (long)Math.Floor(-Math.Log(u) / rate);
        }
        return result;
    }

    /// <summary>
    /// round(exp(μ + σZ)) conditioned on ≥ xmin: P(X = x) ∝ S(x - ½) - S(x + ½) with S the
    /// log-normal survival function, the same discretisation poweRlaw's dislnorm uses.
    /// </summary>
    public static long[] DiscreteLognormal(int count, double mu, double sigma, long xmin, Rng rng)
    {
        if (!(sigma > 0)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be positive");
        if (xmin < 1) throw new ArgumentOutOfRangeException(nameof(xmin), xmin, "xmin must be ≥ 1");
        var result = new long[count];
        for (int i = 0; i < count;)
        {
            double x = Math.Floor(Math.Exp(mu + sigma * rng.NextGaussian()) + 0.5);
            if (x >= xmin && x < long.MaxValue / 2) result[i++] = (long)x;
        }
        return result;
    }
}

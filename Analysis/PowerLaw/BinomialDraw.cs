using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// Exact draws from Binomial(n, p): the bootstrap counts a synthetic data set value by value
/// (how many of the m points left fall on this value) instead of drawing its points one by one.
/// Small means by inversion (walking the pmf from 0, one uniform a draw); large ones by
/// Hörmann's transformed rejection with squeeze, BTRS ("The generation of binomial random
/// variates", J. Stat. Comput. Simul. 46, 1993), whose cost does not grow with n.
/// </summary>
public static class BinomialDraw
{
    /// <summary>Below this mean inversion walks few terms; BTRS is valid from 10 on.</summary>
    private const double InversionMeanBelow = 10;

    public static long Next(Rng rng, long n, double p)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be ≥ 0");
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in [0, 1]");
        if (n == 0 || p == 0) return 0;
        if (p == 1) return n;
        // Both methods want p ≤ 1/2: the failures of the complement are the successes.
        if (p > 0.5) return n - Next(rng, n, 1 - p);
        return n * p < InversionMeanBelow ? Inversion(rng, n, p) : Btrs(rng, n, p);
    }

    private static long Inversion(Rng rng, long n, double p)
    {
        double q = 1 - p;
        double s = p / q, a = (n + 1) * s;
        double first = Math.Exp(n * Math.Log(q)); // P(0) ≥ e^-14 here: n p < 10 and p ≤ 1/2
        while (true)
        {
            double u = rng.NextDouble(), r = first;
            long x = 0;
            // P(x) / P(x - 1) = (n - x + 1) p / (x q) = a / x - s.
            while (u > r && x < n)
            {
                u -= r;
                x++;
                r *= a / x - s;
            }
            // Rounding left u above the whole mass: draw again rather than return n.
            if (u <= r) return x;
        }
    }

    private static long Btrs(Rng rng, long n, double p)
    {
        double q = 1 - p;
        double spq = Math.Sqrt(n * p * q);
        double b = 1.15 + 2.53 * spq;
        double a = -0.0873 + 0.0248 * b + 0.01 * p;
        double c = n * p + 0.5;
        double vr = 0.92 - 4.2 / b;
        double alpha = (2.83 + 5.1 / b) * spq;
        double lpq = Math.Log(p / q);
        double m = Math.Floor((n + 1) * p);
        double h = LogFactorial(m) + LogFactorial(n - m);
        while (true)
        {
            double u = rng.NextDouble() - 0.5;
            double v = rng.NextDouble();
            double us = 0.5 - Math.Abs(u);
            double k = Math.Floor((2 * a / us + b) * u + c);
            if (!(k >= 0 && k <= n)) continue;
            // The squeeze: most draws are taken without a logarithm.
            if (us >= 0.07 && v <= vr) return (long)k;
            v = Math.Log(v * alpha / (a / (us * us) + b));
            if (v <= h - LogFactorial(k) - LogFactorial(n - k) + (k - m) * lpq) return (long)k;
        }
    }

    // ln k! for k < 256 summed once; above, Stirling's series to k^-5 (error below 1e-17 there).
    private static readonly double[] SmallLogFactorials = BuildLogFactorials(256);

    private static double[] BuildLogFactorials(int size)
    {
        var t = new double[size];
        for (int k = 1; k < size; k++) t[k] = t[k - 1] + Math.Log(k);
        return t;
    }

    internal static double LogFactorial(double k)
    {
        if (k < SmallLogFactorials.Length) return SmallLogFactorials[(int)k];
        double z = k + 1, z2 = z * z;
        return (z - 0.5) * Math.Log(z) - z + 0.91893853320467274178 // ln √(2π)
            + (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / z2) / z2) / z;
    }
}

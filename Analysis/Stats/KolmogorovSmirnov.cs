namespace GossipSim.Analysis.Stats;

/// <summary>The two-sample Kolmogorov–Smirnov test's outcome.</summary>
/// <param name="D">sup over x of |F1(x) − F2(x)|, the two empirical CDFs.</param>
/// <param name="PValue">Asymptotic p-value: Q_KS(√(n1·n2/(n1+n2)) · D).</param>
/// <param name="Lambda">√(n1·n2/(n1+n2)) · D, the statistic on the Kolmogorov scale.</param>
public readonly record struct KsResult(double D, double PValue, int N1, int N2, double Lambda);

/// <summary>
/// Two-sample Kolmogorov–Smirnov test with the asymptotic (Kolmogorov limit) p-value, the
/// form R's ks.test(exact = FALSE) reports. Ties are handled exactly in D (both CDFs are
/// stepped past every copy of a value before they are compared); with ties (degrees, hop
/// counts) the asymptotic p-value is conservative, i.e. too large.
/// </summary>
public static class KolmogorovSmirnov
{
    public static KsResult TwoSample(IReadOnlyCollection<double> first, IReadOnlyCollection<double> second)
    {
        if (first.Count == 0 || second.Count == 0) throw new ArgumentException("both samples need at least one value");
        var a = first.ToArray();
        var b = second.ToArray();
        if (a.Any(double.IsNaN) || b.Any(double.IsNaN)) throw new ArgumentException("samples must not contain NaN");
        Array.Sort(a);
        Array.Sort(b);
        double d = Statistic(a, b);
        double lambda = Lambda(d, a.Length, b.Length);
        return new KsResult(d, KolmogorovSurvival(lambda), a.Length, b.Length, lambda);
    }

    /// <summary>The asymptotic p of a two-sample D for samples of n1 and n2 values (every value an independent draw).</summary>
    public static double PValue(double d, long n1, long n2) => KolmogorovSurvival(Lambda(d, n1, n2));

    private static double Lambda(double d, double n1, double n2) => Math.Sqrt(n1 * n2 / (n1 + n2)) * d;

    /// <summary>D for two ascending samples.</summary>
    public static double Statistic(double[] a, double[] b)
    {
        int i = 0, j = 0;
        double d = 0;
        while (i < a.Length && j < b.Length)
        {
            double x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= x) i++;
            while (j < b.Length && b[j] <= x) j++;
            d = Math.Max(d, Math.Abs((double)i / a.Length - (double)j / b.Length));
        }
        // Past this point one CDF is 1 and the other only rises toward it: the gap only shrinks.
        return d;
    }

    /// <summary>
    /// The D a test at level <paramref name="alpha"/> rejects above, for samples of n1 and n2
    /// values: λ_α · √((n1+n2)/(n1·n2)), λ_α solving Q_KS(λ) = α (1.3581 at α = 0.05).
    /// </summary>
    public static double CriticalD(double alpha, long n1, long n2)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), "alpha must lie between 0 and 1");
        if (n1 < 1 || n2 < 1) throw new ArgumentException("both samples need at least one value");
        // Q_KS falls from 1 to 0 as λ grows: bisection to double precision.
        double lo = 0, hi = 10;
        for (int i = 0; i < 200 && hi - lo > 1e-15; i++)
        {
            double mid = (lo + hi) / 2;
            if (KolmogorovSurvival(mid) > alpha) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2 * Math.Sqrt((double)(n1 + n2) / ((double)n1 * n2));
    }

    /// <summary>
    /// Q_KS(λ) = P(K > λ) for the Kolmogorov distribution: 2 Σ (−1)^(k−1) e^(−2k²λ²) where that
    /// alternating series converges fast (λ ≥ 1.18), else 1 − (√(2π)/λ) Σ e^(−(2k−1)²π²/(8λ²)).
    /// </summary>
    public static double KolmogorovSurvival(double lambda)
    {
        if (double.IsNaN(lambda)) throw new ArgumentException("lambda is NaN");
        if (lambda <= 0) return 1;
        if (lambda < 1.18)
        {
            double y = -Math.PI * Math.PI / (8 * lambda * lambda);
            double sum = 0;
            for (int k = 1; k <= 50; k++)
            {
                double term = Math.Exp((2 * k - 1) * (2 * k - 1) * y);
                sum += term;
                if (term < 1e-17 * sum) break;
            }
            return Math.Clamp(1 - Math.Sqrt(2 * Math.PI) / lambda * sum, 0, 1);
        }
        double q = 0;
        for (int k = 1; k <= 100; k++)
        {
            double term = Math.Exp(-2.0 * k * k * lambda * lambda);
            q += (k % 2 == 1 ? 2 : -2) * term;
            if (term < 1e-17) break;
        }
        return Math.Clamp(q, 0, 1);
    }
}

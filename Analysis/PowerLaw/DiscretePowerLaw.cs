namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// The discrete power law p(x) = x^-α / ζ(α, xmin) for integers x ≥ xmin: its maximum-likelihood
/// exponent, the exponent's standard error, and the Kolmogorov–Smirnov distance to a sample's tail.
/// </summary>
public static class DiscretePowerLaw
{
    /// <summary>Exponents are searched in (1, MaxAlpha]; beyond it the tail is a spike at xmin.</summary>
    public const double MaxAlpha = 50;
    private const double MinAlpha = 1 + 1e-9;

    // ln k for small k: the KS scan sums k^-α over runs of consecutive integers.
    private const int LogTableSize = 1 << 16;
    private static readonly double[] LnSmall = BuildLogTable();

    private static double[] BuildLogTable()
    {
        var t = new double[LogTableSize];
        t[0] = double.NegativeInfinity;
        for (int k = 1; k < t.Length; k++) t[k] = Math.Log(k);
        return t;
    }

    private static double Ln(double k) => k < LogTableSize ? LnSmall[(int)k] : Math.Log(k);

    /// <summary>ln x, from the table for a whole number below its end (the same value Math.Log gives, without computing it).</summary>
    internal static double LogOf(double x) => x < LogTableSize && x >= 1 && x == Math.Floor(x) ? LnSmall[(int)x] : Math.Log(x);

    /// <summary>
    /// The MLE of α for <paramref name="n"/> points ≥ xmin whose logs sum to <paramref name="sumLog"/>:
    /// the root of E_α[ln X] = sumLog / n (the score equation of -n ln ζ(α, xmin) - α Σ ln x),
    /// by Newton steps kept inside a shrinking bracket.
    /// </summary>
    public static double FitAlpha(long n, double sumLog, double xmin)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        double meanLog = sumLog / n;
        double excess = meanLog - Math.Log(xmin);
        // All points at xmin: the likelihood grows without bound in α.
        if (!(excess > 1e-14)) return MaxAlpha;

        double lo = MinAlpha, hi = MaxAlpha;
        // Clauset et al. (2009) eq. 3.7, the usual starting point.
        double alpha = xmin > 0.5 ? 1 + 1 / (meanLog - Math.Log(xmin - 0.5)) : 2;
        if (!(alpha > lo && alpha < hi)) alpha = 2;
        for (int iter = 0; iter < 200; iter++)
        {
            var z = HurwitzZeta.Evaluate(alpha, xmin);
            double g = -z.D1 - meanLog; // decreasing in α
            if (g > 0) lo = alpha; else hi = alpha;
            double variance = z.LogVariance;
            double next = variance > 0 ? alpha + g / variance : double.NaN;
            // A step below half an ulp: converged. (Left to the bracket test, α equal to an end just set would bisect a
            // bracket whose other end may lie far off, 3 to 40 more evaluations for nothing.)
            if (next == alpha) return alpha;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - alpha) <= 1e-12 * alpha || hi - lo <= 1e-13 * alpha) return next;
            alpha = next;
        }
        return alpha;
    }

    /// <summary>Standard error from the Fisher information: 1 / sqrt(n · Var_α[ln X]) (Clauset et al. eq. 3.6).</summary>
    public static double AlphaStdErr(double alpha, double xmin, long n)
    {
        double variance = HurwitzZeta.Evaluate(alpha, xmin).LogVariance;
        return variance > 0 ? 1 / Math.Sqrt(n * variance) : double.PositiveInfinity;
    }

    /// <summary>ln p(x) for x ≥ xmin, given ln ζ(α, xmin).</summary>
    public static double LogPmf(double x, double alpha, double logZeta) => -alpha * Math.Log(x) - logZeta;

    /// <summary>P(X ≥ x) for x ≥ xmin.</summary>
    public static double Ccdf(double x, double alpha, double xmin) =>
        x <= xmin ? 1 : Math.Exp(HurwitzZeta.Log(alpha, x) - HurwitzZeta.Log(alpha, xmin));

    /// <summary>
    /// sup |F_data(x) - F_model(x)| over every integer x ≥ Values[start] up to the largest value,
    /// both CDFs being P(X ≤ x) on the tail, as poweRlaw computes it. Between two data values the
    /// data CDF is flat while the model's rises, so each gap is checked at its last integer too
    /// (looking only at data values, as Python's powerlaw does, misses those). The model CDF is
    /// accumulated value by value (a fresh ζ where a gap is long), and the scan stops once
    /// neither CDF can move by more than the distance already found.
    /// </summary>
    public static double KsDistance(DistinctCounts data, int start, double alpha) =>
        KsDistance(data, start, alpha, data.Values[start]);

    /// <summary>
    /// As above with an xmin at or below the first tail value (a fixed xmin that is not a data value). The scan
    /// stops as soon as the distance exceeds <paramref name="enough"/> and returns what it found, a value
    /// above enough: the xmin search needs no more of a candidate than that it does not beat (or tie) the best so far.
    /// </summary>
    public static double KsDistance(DistinctCounts data, int start, double alpha, double xmin,
        double enough = double.PositiveInfinity)
    {
        double logZeta = HurwitzZeta.Log(alpha, xmin);
        double n = data.TailCount[start];
        double cdf = 0;       // model P(X ≤ nextK - 1)
        double nextK = xmin;  // smallest integer whose mass is not yet in cdf
        double empirical = 0, d = 0;
        var values = data.Values;
        var counts = data.Counts;
        for (int j = start; j < values.Length; j++)
        {
            double v = values[j];
            if (v > nextK)
            {
                // Bring the model CDF to v - 1, the end of the gap where the data CDF is still flat.
                if (v - nextK <= 16)
                {
                    for (double k = nextK; k < v; k++) cdf += Math.Exp(-alpha * Ln(k) - logZeta);
                }
                else
                {
                    cdf = 1 - Math.Exp(HurwitzZeta.Log(alpha, v) - logZeta);
                }
                double gap = Math.Abs(empirical - cdf);
                if (gap > d) d = gap;
            }
            cdf += Math.Exp(-alpha * Ln(v) - logZeta);
            nextK = v + 1;
            empirical += counts[j] / n;
            double diff = Math.Abs(empirical - cdf);
            if (diff > d) d = diff;
            // Both CDFs only rise towards 1 from here on.
            if (1 - Math.Min(empirical, cdf) <= d || d > enough) break;
        }
        return d;
    }
}

namespace GossipSim.Simulator.Latency.Wan;

/// <summary>
/// What a pair of countries' base round trip is drawn from: the fastest the path allows (<see cref="Lo"/>, the row's minimum) plus a
/// log-normal (μ, σ of its log), cut at <see cref="Hi"/> (the row's maximum). A path has a floor that congestion and detours only add
/// to, so measured RTTs are skewed to the right: a log-normal on top of the floor has that shape, a normal (the data's publishers'
/// choice) puts as much mass below the mean as above and has to be cut at the minimum. The cut at the maximum keeps every draw inside
/// what was measured.
/// </summary>
public readonly record struct ShiftedLogNormal
{
    public double Mu { get; }
    public double Sigma { get; }
    public double Lo { get; }
    public double Hi { get; }
    /// <summary>Φ at the cut (the log-normal part's share below Hi − Lo): kept, as every message between two nodes reads it.</summary>
    private readonly double _below;

    public ShiftedLogNormal(double mu, double sigma, double lo, double hi) : this(mu, sigma, lo, hi, Math.Log(hi - lo)) { }

    /// <param name="logRange">ln(hi − lo), which the fit computes once for its hundreds of tries on one range.</param>
    private ShiftedLogNormal(double mu, double sigma, double lo, double hi, double logRange)
    {
        (Mu, Sigma, Lo, Hi) = (mu, sigma, lo, hi);
        _below = hi > lo ? StandardNormal.Cdf(CutAt(logRange)) : 0;
    }

    /// <summary>A distribution that always gives <paramref name="ms"/>.</summary>
    public static ShiftedLogNormal Fixed(double ms) => new(0, MinSigma, ms, ms);

    /// <summary>The cut in the log-normal part's standard units, from ln(Hi − Lo).</summary>
    private double CutAt(double logRange) => (logRange - Mu) / Sigma;

    /// <summary>The value at <paramref name="u"/> in [0, 1): every u gives a value within [Lo, Hi], rising with u.</summary>
    public double At(double u) => At(u, Mu, Sigma, Lo, Hi, _below);

    /// <summary>Φ at the cut, for the table that keeps a pair's draw in one cache line (<see cref="PairDraws"/>).</summary>
    internal double Below => _below;

    /// <summary><see cref="At(double)"/> from the numbers alone: the one formula, read from a struct or from a table's line.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static double At(double u, double mu, double sigma, double lo, double hi, double below)
    {
        double p = u * below;
        if (!(p > 0)) return lo;
        if (!(p < 1)) return hi;
        return Math.Clamp(lo + Math.Exp(mu + sigma * StandardNormal.Quantile(p)), lo, hi);
    }

    /// <summary>The mean and standard deviation (closed form: E[Yᵏ | Y &lt; H] = e^(kμ + k²σ²/2) Φ(b − kσ) / Φ(b) for the log-normal
    /// part Y and its cut b); null where the cut leaves no mass to compute with.</summary>
    public (double Mean, double Std)? Moments() => Moments(Math.Log(Hi - Lo));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private (double Mean, double Std)? Moments(double logRange)
    {
        if (!(Hi > Lo)) return (Lo, 0);
        double b = CutAt(logRange), s = Sigma;
        if (!(_below > 1e-300)) return null;
        double m1 = Math.Exp(Mu + s * s / 2) * StandardNormal.Cdf(b - s) / _below;
        double m2 = Math.Exp(2 * Mu + 2 * s * s) * StandardNormal.Cdf(b - 2 * s) / _below;
        return (Lo + m1, Math.Sqrt(Math.Max(m2 - m1 * m1, 0)));
    }

    /// <summary>Narrowest and widest σ the fit tries: 10⁻³ for rows as tight as 0.4 ms around 183 ms (2 ms above their minimum); 4 is
    /// a tail far beyond what any row's range can hold.</summary>
    public const double MinSigma = 1e-3, MaxSigma = 4;

    /// <summary>
    /// The one on [lo, hi] whose mean is <paramref name="mean"/> and whose standard deviation is as near <paramref name="std"/> as the
    /// family reaches: for each σ, μ is found so the mean is the row's (the mean rises with μ), and σ so the spread is the row's (at a
    /// fixed mean it rises with σ). A spread the cut cannot hold (a range so narrow that the row's pings must crowd at both ends) gets
    /// the widest it holds. The mean must lie strictly between lo and hi.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static ShiftedLogNormal Fit(double mean, double std, double lo, double hi)
    {
        if (!(lo < mean && mean < hi)) throw new ArgumentOutOfRangeException(nameof(mean), mean, $"a mean inside ({lo}, {hi})");
        double sLo = Math.Log(MinSigma), sHi = Math.Log(MaxSigma), logRange = Math.Log(hi - lo);
        for (int i = 0; i < 40; i++)
        {
            double s = Math.Exp((sLo + sHi) / 2);
            if (WithMean(mean, s, lo, hi, logRange).Moments is { } m && m.Std < std) sLo = Math.Log(s);
            else sHi = Math.Log(s);
        }
        return WithMean(mean, Math.Exp((sLo + sHi) / 2), lo, hi, logRange).Fitted;
    }

    /// <summary>The one with σ <paramref name="sigma"/> whose mean is <paramref name="mean"/>: μ in a bracket that only narrows (the mean
    /// rises with μ, from lo to hi), by the step an uncut log-normal's mean takes (it scales with e^μ), or halving where that step leaves
    /// the bracket.</summary>
    /// <returns>The distribution and its moments (<see cref="Moments()"/>), which the search computed already where it stopped on a
    /// μ it had tried.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static (ShiftedLogNormal Fitted, (double Mean, double Std)? Moments) WithMean(double mean, double sigma, double lo, double hi,
        double logRange)
    {
        double guess = Math.Log(mean - lo) - sigma * sigma / 2;
        double a = guess - 10 * sigma - 10, b = logRange + 10 * sigma + 3 * sigma * sigma + 10, mu = guess;
        for (int i = 0; i < 200 && b - a > 1e-12; i++)
        {
            var tried = new ShiftedLogNormal(mu, sigma, lo, hi, logRange);
            var m = tried.Moments(logRange);
            if (m is { } known && Math.Abs((known.Mean - lo) / (mean - lo) - 1) < 1e-10) return (tried, m);
            // No mass below the cut: μ is far above it.
            bool below = m is { } k ? k.Mean < mean : false;
            if (below) a = mu; else b = mu;
            double next = m is { } n ? mu + Math.Log((mean - lo) / (n.Mean - lo)) : double.NaN;
            mu = next > a && next < b ? next : (a + b) / 2;
        }
        var fitted = new ShiftedLogNormal(mu, sigma, lo, hi, logRange);
        return (fitted, fitted.Moments(logRange));
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// Exact draws from the discrete power law p(x) = x^-α / ζ(α, xmin) by inverting its CCDF
/// (Clauset et al. 2009, appendix D). The CCDF of the first 2^16 values is tabulated once
/// (summed from the top, so small tail probabilities keep their precision) and searched by
/// bisection; a draw beyond the table starts from the continuous approximation and is then
/// corrected against ζ itself. Immutable: one sampler can serve many threads.
/// </summary>
public sealed class DiscretePowerLawSampler
{
    private const int TableSize = 1 << 16;
    private readonly double[] _ccdf; // _ccdf[k] = P(X ≥ xmin + k), k = 0..TableSize
    private readonly double _logZetaMin;

    public double Alpha { get; }
    public double Xmin { get; }

    public DiscretePowerLawSampler(double alpha, double xmin)
    {
        if (!(alpha > 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must exceed 1");
        if (!(xmin >= 1) || xmin != Math.Floor(xmin))
            throw new ArgumentOutOfRangeException(nameof(xmin), xmin, "xmin must be an integer ≥ 1");
        Alpha = alpha;
        Xmin = xmin;
        _logZetaMin = HurwitzZeta.Log(alpha, xmin);
        _ccdf = new double[TableSize + 1];
        _ccdf[TableSize] = Ccdf(xmin + TableSize);
        for (int k = TableSize - 1; k >= 0; k--)
            _ccdf[k] = _ccdf[k + 1] + Math.Exp(-alpha * Math.Log(xmin + k) - _logZetaMin);
    }

    /// <summary>P(X ≥ x) for x ≥ xmin.</summary>
    public double Ccdf(double x) => x <= Xmin ? 1 : Math.Exp(HurwitzZeta.Log(Alpha, x) - _logZetaMin);

    public double Next(Rng rng) => Invert(1 - rng.NextDouble(), 0); // u in (0, 1]

    /// <summary>Values the table holds, xmin to xmin + TableSpan - 1; a draw beyond them costs evaluations of ζ.</summary>
    public const int TableSpan = TableSize;

    /// <summary>
    /// P(X = xmin + k | X ≥ xmin + k) for 0 ≤ k &lt; <see cref="TableSpan"/>: the chance that one of the points
    /// known to be at or above xmin + k sits on it, which a counted draw of many points walks value by value.
    /// </summary>
    public double Hazard(int k)
    {
        double atLeast = _ccdf[k];
        // 1 - P(X ≥ x + 1) / P(X ≥ x): a division where the pmf would cost a logarithm and an exponential. Its relative
        // error, about 1e-16 / hazard, stays below 1e-11 over the table. Past the smallest double no point can be left
        // this far out; if one were, here is where it would stay.
        return atLeast > 0 ? 1 - _ccdf[k + 1] / atLeast : 1;
    }

    /// <summary>A draw of X given X ≥ xmin + k (0 ≤ k ≤ <see cref="TableSpan"/>): the same inversion, its uniform scaled to P(X ≥ xmin + k).</summary>
    public double NextAtLeast(int k, Rng rng) => Invert(_ccdf[k] * (1 - rng.NextDouble()), k);

    /// <summary>The x with P(X ≥ x) ≥ u > P(X ≥ x + 1), for u ≤ P(X ≥ xmin + k).</summary>
    private double Invert(double u, int k)
    {
        if (k < TableSize && u > _ccdf[k + 1]) return Xmin + k;
        if (_ccdf[TableSize] >= u) return BeyondTable(u);
        // Largest index with ccdf ≥ u.
        int lo = k + 1, hi = TableSize; // ccdf[lo] ≥ u > ccdf[hi]
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            if (_ccdf[mid] >= u) lo = mid; else hi = mid;
        }
        return Xmin + lo;
    }

    public long[] Sample(int count, Rng rng)
    {
        var result = new long[count];
        for (int i = 0; i < count; i++) result[i] = (long)Math.Min(Next(rng), long.MaxValue / 2);
        return result;
    }

    private double BeyondTable(double u)
    {
        double x0 = Xmin + TableSize;
        double guess = Math.Floor(0.5 + (x0 - 0.5) * Math.Pow(u / _ccdf[TableSize], -1 / (Alpha - 1)));
        if (guess < x0) guess = x0;
        if (guess > 1e15) return guess; // integers are no longer exact in a double; the approximation is all there is
        // Bracket lo (ccdf ≥ u) and hi (ccdf < u) around the guess, then bisect.
        double lo, hi, step = 1;
        if (Ccdf(guess) >= u)
        {
            lo = guess;
            hi = guess + step;
            while (Ccdf(hi) >= u) { lo = hi; step *= 2; hi = lo + step; }
        }
        else
        {
            hi = guess;
            lo = Math.Max(x0, guess - step);
            while (lo > x0 && Ccdf(lo) < u) { hi = lo; step *= 2; lo = Math.Max(x0, hi - step); }
        }
        while (hi - lo > 1)
        {
            double mid = Math.Floor((lo + hi) / 2);
            if (Ccdf(mid) >= u) lo = mid; else hi = mid;
        }
        return lo;
    }
}

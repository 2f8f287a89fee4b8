namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// Vuong's test of the power law against an alternative on the same tail.
/// <see cref="R"/> is the normalised log-likelihood ratio Σℓᵢ / (σ√n), with ℓᵢ = ln p_PL(xᵢ) - ln p_alt(xᵢ)
/// and σ their standard deviation (Clauset et al. 2009 §5.1): positive favours the power law.
/// <see cref="P"/> is the two-sided p-value erfc(|R|/√2); a sign with p ≥ 0.1 means nothing.
/// <see cref="LogRatio"/> is the raw Σℓᵢ.
/// </summary>
public readonly record struct LikelihoodRatio(double R, double P, double LogRatio)
{
    /// <summary>Weighted over distinct values: ℓ at each value counted as often as the value occurs.</summary>
    public static LikelihoodRatio Test(DistinctCounts data, int start, Func<double, double> logPmfPowerLaw,
        Func<double, double> logPmfAlternative)
    {
        long n = data.TailCount[start];
        double sum = 0;
        var diffs = new double[data.Length - start];
        for (int j = start; j < data.Length; j++)
        {
            double l = logPmfPowerLaw(data.Values[j]) - logPmfAlternative(data.Values[j]);
            // A point one model gives no probability at all (below double range): cap it at the
            // log of the smallest double, so one point cannot make the statistic undefined.
            if (double.IsInfinity(l)) l = Math.Sign(l) * 745;
            diffs[j - start] = l;
            sum += data.Counts[j] * l;
        }
        double mean = sum / n, sq = 0;
        for (int j = start; j < data.Length; j++)
        {
            double dev = diffs[j - start] - mean;
            sq += data.Counts[j] * dev * dev;
        }
        double sigma = Math.Sqrt(sq / n);
        if (!(sigma > 0)) return new LikelihoodRatio(0, 1, sum);
        double r = sum / (sigma * Math.Sqrt(n));
        double p = MathNet.Numerics.SpecialFunctions.Erfc(Math.Abs(r) / Math.Sqrt(2));
        return new LikelihoodRatio(r, p, sum);
    }
}

namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// The discretised log-normal on x ≥ xmin, as poweRlaw's dislnorm:
/// p(x) = [S(x - ½) - S(x + ½)] / S(xmin - ½), S the survival function of the continuous
/// log-normal(μ, σ). Fitted by maximum likelihood (Nelder–Mead over μ and ln σ).
/// </summary>
public readonly record struct DiscreteLognormal(double Mu, double Sigma, double Xmin)
{
    /// <summary>Fitted to the points from Values[start] up, on the support x ≥ xmin (xmin ≤ Values[start]).</summary>
    public static DiscreteLognormal Fit(DistinctCounts data, int start, double xmin)
    {
        long n = data.TailCount[start];
        double mean = data.TailLogSum[start] / n, sq = 0;
        for (int j = start; j < data.Length; j++)
        {
            double dl = data.LogValues[j] - mean;
            sq += data.Counts[j] * dl * dl;
        }
        double sd = Math.Sqrt(sq / n);
        if (!(sd > 0)) sd = 1;

        double Negative(double[] p) => -LogLikelihood(data, start, xmin, p[0], Math.Exp(p[1]));
        var (best, _) = NelderMead.Minimize(Negative, new[] { mean, Math.Log(sd) }, new[] { Math.Max(0.5, sd), 0.5 });
        // A second start from the optimum escapes the occasional collapsed simplex.
        (best, _) = NelderMead.Minimize(Negative, best, new[] { 0.25, 0.25 });
        return new DiscreteLognormal(best[0], Math.Exp(best[1]), xmin);
    }

    public double LogPmf(double x) => LogPmf(x, Mu, Sigma, LogNormaliser(Xmin, Mu, Sigma));

    private static double LogLikelihood(DistinctCounts data, int start, double xmin, double mu, double sigma)
    {
        if (!(sigma > 1e-6) || !(sigma < 1e6) || Math.Abs(mu) > 1e6) return double.NegativeInfinity;
        double norm = LogNormaliser(xmin, mu, sigma);
        double ll = 0;
        for (int j = start; j < data.Length; j++) ll += data.Counts[j] * LogPmf(data.Values[j], mu, sigma, norm);
        return ll;
    }

    private static double LogNormaliser(double xmin, double mu, double sigma) =>
        SpecialMath.LogNormalCdf(-(Math.Log(xmin - 0.5) - mu) / sigma);

    private static double LogPmf(double x, double mu, double sigma, double logNormaliser)
    {
        double a = (Math.Log(x - 0.5) - mu) / sigma;
        double b = (Math.Log(x + 0.5) - mu) / sigma;
        return SpecialMath.LogNormalInterval(a, b) - logNormaliser;
    }
}

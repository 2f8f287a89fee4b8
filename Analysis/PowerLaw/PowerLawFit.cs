namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// A discrete power-law fit in the manner of Clauset, Shalizi &amp; Newman (2009).
/// </summary>
/// <param name="Alpha">Exponent, by discrete maximum likelihood on the tail x ≥ xmin.</param>
/// <param name="AlphaStdErr">Its standard error, from the Fisher information.</param>
/// <param name="Xmin">Start of the power-law tail (minimising the KS distance unless fixed).</param>
/// <param name="NTail">Points in the tail.</param>
/// <param name="Ks">Kolmogorov–Smirnov distance between the tail and the fit.</param>
/// <param name="P">Bootstrap goodness-of-fit p-value: the share of synthetic data sets fitting worse; NaN without bootstrap. p ≥ 0.1: the
/// power law is plausible.</param>
/// <param name="VsLognormal">Vuong test against a discrete log-normal fitted on the same tail.</param>
/// <param name="VsExponential">Vuong test against a discrete exponential fitted on the same tail.</param>
/// <param name="N">All points, tail and body.</param>
/// <param name="Bootstrap">Bootstrap replicates behind <paramref name="P"/>.</param>
/// <param name="Lognormal">The fitted log-normal alternative.</param>
/// <param name="Exponential">The fitted exponential alternative.</param>
public sealed record PowerLawFit(
    double Alpha,
    double AlphaStdErr,
    long Xmin,
    long NTail,
    double Ks,
    double P,
    LikelihoodRatio VsLognormal,
    LikelihoodRatio VsExponential,
    long N,
    int Bootstrap,
    DiscreteLognormal Lognormal,
    DiscreteExponential Exponential)
{
    public bool HasPValue => Bootstrap > 0 && !double.IsNaN(P);
}

namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// The discrete exponential on x ≥ xmin: p(x) = (1 - e^-λ) e^(-λ(x - xmin)), as poweRlaw's
/// disexp. Its MLE is closed-form: λ = ln(1 + 1 / (mean - xmin)).
/// </summary>
public readonly record struct DiscreteExponential(double Rate, double Xmin)
{
    /// <summary>Fitted to the points from Values[start] up, on the support x ≥ xmin (xmin ≤ Values[start]).</summary>
    public static DiscreteExponential Fit(DistinctCounts data, int start, double xmin)
    {
        double sum = 0;
        for (int j = start; j < data.Length; j++) sum += data.Counts[j] * (data.Values[j] - xmin);
        double meanExcess = sum / data.TailCount[start];
        if (!(meanExcess > 0)) throw new PowerLawFitException("the tail holds a single value: no exponential can be fitted");
        return new DiscreteExponential(Math.Log(1 + 1 / meanExcess), xmin);
    }

    public double LogPmf(double x) => SpecialMath.Log1MinusExp(-Rate) - Rate * (x - Xmin);
}

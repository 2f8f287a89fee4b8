namespace GossipSim.Analysis.PowerLaw;

/// <summary>The power law fitted above one xmin: where its tail starts in the data, and how well it fits.</summary>
public readonly record struct TailFit(int Start, double Xmin, double Alpha, double Ks, long NTail);

/// <summary>
/// Clauset et al. (2009) §3.3: try every distinct value as xmin, fit α by MLE on the points
/// above it, keep the xmin whose fit is closest to the data in KS distance. The suffix sums
/// of <see cref="DistinctCounts"/> make each candidate's MLE O(1) in the data; only the KS
/// scan walks the tail.
/// </summary>
public static class XminSearch
{
    /// <summary>
    /// Best xmin over the candidates that leave at least two distinct values and
    /// <paramref name="minTail"/> points in the tail (ties go to the smaller xmin).
    /// </summary>
    public static TailFit Find(DistinctCounts data, long minTail = 2)
    {
        TailFit best = default;
        bool found = false;
        // The last distinct value would leave a one-valued tail, whose α is unbounded.
        for (int i = 0; i < data.Length - 1; i++)
        {
            long nTail = data.TailCount[i];
            if (nTail < minTail) break;
            // A candidate's KS scan stops once it cannot beat the best: the same choice, most of the scans cut short.
            var fit = FitAt(data, i, data.Values[i], found ? best.Ks : double.PositiveInfinity);
            if (!found || fit.Ks < best.Ks)
            {
                best = fit;
                found = true;
            }
        }
        if (!found)
            throw new PowerLawFitException($"no xmin candidate leaves {minTail} points and two distinct values in the tail");
        return best;
    }

    /// <summary>The fit with xmin = Values[start].</summary>
    public static TailFit FitAt(DistinctCounts data, int start) => FitAt(data, start, data.Values[start]);

    /// <summary>
    /// The fit of the points from Values[start] up with a given xmin ≤ Values[start]; its KS distance is exact
    /// below <paramref name="enough"/>, and only known to be ≥ enough otherwise.
    /// </summary>
    public static TailFit FitAt(DistinctCounts data, int start, double xmin, double enough = double.PositiveInfinity)
    {
        long nTail = data.TailCount[start];
        double alpha = DiscretePowerLaw.FitAlpha(nTail, data.TailLogSum[start], xmin);
        double ks = DiscretePowerLaw.KsDistance(data, start, alpha, xmin, enough);
        return new TailFit(start, xmin, alpha, ks, nTail);
    }
}

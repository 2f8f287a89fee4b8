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
    public static TailFit Find(DistinctCounts data, long minTail = 2) => Find(data, minTail, firstTry: -1);

    /// <summary>
    /// As above, trying candidate <paramref name="firstTry"/> first (ignored when it is none): every other candidate's KS
    /// scan stops once it cannot beat the best so far, so a good first bound spares the large tails below it most of their
    /// scans. The bootstrap passes the data's own xmin; the choice is the one the plain order makes.
    /// </summary>
    internal static TailFit Find(DistinctCounts data, long minTail, int firstTry)
    {
        // The last distinct value would leave a one-valued tail, whose α is unbounded.
        int candidates = 0;
        while (candidates < data.Length - 1 && data.TailCount[candidates] >= minTail) candidates++;
        if (candidates == 0)
            throw new PowerLawFitException($"no xmin candidate leaves {minTail} points and two distinct values in the tail");

        bool hinted = firstTry >= 0 && firstTry < candidates;
        var best = FitAt(data, hinted ? firstTry : 0);
        for (int i = hinted ? 0 : 1; i < candidates; i++)
        {
            if (hinted && i == firstTry) continue;
            var fit = FitAt(data, i, data.Values[i], best.Ks);
            // A scan cut short returns a distance above the best, so only a whole scan can win or tie.
            if (fit.Ks < best.Ks || (fit.Ks == best.Ks && i < best.Start)) best = fit;
        }
        return best;
    }

    /// <summary>The fit with xmin = Values[start].</summary>
    public static TailFit FitAt(DistinctCounts data, int start) => FitAt(data, start, data.Values[start]);

    /// <summary>
    /// The fit of the points from Values[start] up with a given xmin ≤ Values[start]; its KS distance is exact
    /// up to <paramref name="enough"/>, and only known to be above it otherwise.
    /// </summary>
    public static TailFit FitAt(DistinctCounts data, int start, double xmin, double enough = double.PositiveInfinity)
    {
        long nTail = data.TailCount[start];
        double alpha = DiscretePowerLaw.FitAlpha(nTail, data.TailLogSum[start], xmin);
        double ks = DiscretePowerLaw.KsDistance(data, start, alpha, xmin, enough);
        return new TailFit(start, xmin, alpha, ks, nTail);
    }
}

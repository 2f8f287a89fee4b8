namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// The whole Clauset–Shalizi–Newman procedure on integer data: xmin by KS, α by discrete MLE,
/// the bootstrap p-value, and Vuong tests against log-normal and exponential on the same tail.
/// </summary>
public static class PowerLawFitter
{
    /// <exception cref="PowerLawFitException">Empty, non-positive, or fewer than two distinct values (in the tail).</exception>
    public static PowerLawFit Fit(ReadOnlySpan<long> data, PowerLawFitOptions? options = null)
    {
        options ??= new PowerLawFitOptions();
        if (options.BootstrapSamples < 0) throw new ArgumentOutOfRangeException(nameof(options), "BootstrapSamples must be ≥ 0");
        var counts = DistinctCounts.FromSample(data);
        return Fit(counts, options);
    }

    public static PowerLawFit Fit(DistinctCounts counts, PowerLawFitOptions options)
    {
        TailFit tail;
        if (options.Xmin is long fixedXmin)
        {
            if (fixedXmin < 1) throw new PowerLawFitException($"xmin {fixedXmin} is not positive");
            int start = counts.IndexOf(fixedXmin);
            if (start >= counts.Length - 1)
                throw new PowerLawFitException($"fewer than two distinct values are ≥ xmin = {fixedXmin}: no power "
                    + $"law can be fitted above it");
            tail = XminSearch.FitAt(counts, start, fixedXmin);
        }
        else
        {
            tail = XminSearch.Find(counts, options.MinTail);
        }

        double stdErr = DiscretePowerLaw.AlphaStdErr(tail.Alpha, tail.Xmin, tail.NTail);
        double logZeta = HurwitzZeta.Log(tail.Alpha, tail.Xmin);
        double PowerLawLogPmf(double x) => DiscretePowerLaw.LogPmf(x, tail.Alpha, logZeta);

        var exponential = DiscreteExponential.Fit(counts, tail.Start, tail.Xmin);
        var lognormal = DiscreteLognormal.Fit(counts, tail.Start, tail.Xmin);
        var vsExp = LikelihoodRatio.Test(counts, tail.Start, PowerLawLogPmf, exponential.LogPmf);
        var vsLn = LikelihoodRatio.Test(counts, tail.Start, PowerLawLogPmf, lognormal.LogPmf);

        double p = double.NaN;
        int used = 0;
        if (options.BootstrapSamples > 0)
        {
            var outcome = Bootstrap.Run(counts, tail, options.Xmin.HasValue, options);
            p = outcome.P;
            used = outcome.Valid;
        }

        return new PowerLawFit(tail.Alpha, stdErr, (long)tail.Xmin, tail.NTail, tail.Ks, p, vsLn, vsExp,
            counts.N, used, lognormal, exponential);
    }
}

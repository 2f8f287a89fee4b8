using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// The semi-parametric bootstrap of Clauset et al. (2009) §4.1: a synthetic set of the original size
/// draws from the fitted power law with probability ntail/n, else uniformly from the points below xmin;
/// each is fitted like the data (xmin searched again), and p is the share with KS distance ≥ the data's.
/// A synthetic set is drawn as counts over its distinct values (<see cref="SyntheticCounts"/>), so a
/// replicate costs the few hundred values of a million degrees, not the million points.
/// Replicate i draws only from Rng.ForStream(seed, i) into its own slot (same result on any thread count).
/// </summary>
internal static class Bootstrap
{
    public readonly record struct Outcome(int AtLeastAsFar, int Valid)
    {
        public double P => Valid == 0 ? double.NaN : (double)AtLeastAsFar / Valid;
    }

    public static Outcome Run(DistinctCounts data, TailFit fit, bool xminFixed, PowerLawFitOptions options)
    {
        int samples = options.BootstrapSamples;
        var sampler = new DiscretePowerLawSampler(fit.Alpha, fit.Xmin);

        var ks = new double[samples];
        int done = 0;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount,
        };
        Parallel.For(0, samples, parallel,
            () => new SyntheticCounts(data, fit, sampler),
            (r, _, draws) =>
            {
                var rng = BootstrapStreams.Replicate(options.Seed, r);
                ks[r] = Replicate(draws.Draw(rng), fit, xminFixed, options.MinTail);
                int finished = Interlocked.Increment(ref done);
                options.Progress?.Report(finished);
                return draws;
            },
            _ => { });

        int atLeast = 0, valid = 0;
        foreach (double d in ks)
        {
            if (double.IsNaN(d)) continue;
            valid++;
            if (d >= fit.Ks) atLeast++;
        }
        return new Outcome(atLeast, valid);
    }

    /// <summary>KS distance of the refitted synthetic set; NaN when it cannot be fitted (too few distinct values).</summary>
    private static double Replicate(DistinctCounts? synthetic, TailFit fit, bool xminFixed, long minTail)
    {
        if (synthetic == null) return double.NaN;
        try
        {
            // The data's xmin is the likeliest winner: tried first, it cuts the other candidates' KS scans short.
            if (!xminFixed) return XminSearch.Find(synthetic, minTail, synthetic.IndexOf(fit.Xmin)).Ks;
            int start = synthetic.IndexOf(fit.Xmin);
            if (start >= synthetic.Length - 1) return double.NaN;
            return XminSearch.FitAt(synthetic, start, fit.Xmin).Ks;
        }
        catch (PowerLawFitException)
        {
            return double.NaN;
        }
    }
}

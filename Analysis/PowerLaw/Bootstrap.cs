using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// The semi-parametric bootstrap of Clauset et al. (2009) §4.1: a synthetic set of the original size
/// draws from the fitted power law with probability ntail/n, else uniformly from the points below xmin;
/// each is fitted like the data (xmin searched again), and p is the share with KS distance ≥ the data's.
/// Replicate i draws only from Rng.ForStream(seed, i) into its own slot (same result on any thread
/// count), built as counts, so it needs no sort but for rare draws beyond the sampler's table.
/// </summary>
internal static class Bootstrap
{
    private const int TableSpan = 1 << 16;

    public readonly record struct Outcome(int AtLeastAsFar, int Valid)
    {
        public double P => Valid == 0 ? double.NaN : (double)AtLeastAsFar / Valid;
    }

    public static Outcome Run(DistinctCounts data, TailFit fit, bool xminFixed, PowerLawFitOptions options)
    {
        int samples = options.BootstrapSamples;
        var sampler = new DiscretePowerLawSampler(fit.Alpha, fit.Xmin);
        // A uniform draw from the body, as the index of its distinct value.
        var body = new BodyDraws(data.Counts, fit.Start);

        var ks = new double[samples];
        int done = 0;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount,
        };
        Parallel.For(0, samples, parallel,
            () => new Workspace(fit.Start),
            (r, _, ws) =>
            {
                var rng = BootstrapStreams.Replicate(options.Seed, r);
                ks[r] = Replicate(data, fit, xminFixed, options.MinTail, sampler, body, ws, rng);
                int finished = Interlocked.Increment(ref done);
                options.Progress?.Report(finished);
                return ws;
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

    private sealed class Workspace(int bodyValues)
    {
        public readonly int[] BodyCounts = new int[bodyValues];
        public readonly int[] TableCounts = new int[TableSpan];
        public readonly List<double> Beyond = new();
        public readonly List<double> Values = new();
        public readonly List<int> Counts = new();
    }

    /// <summary>KS distance of the refitted synthetic set; NaN when it cannot be fitted (too few distinct values).</summary>
    private static double Replicate(DistinctCounts data, TailFit fit, bool xminFixed, long minTail,
        DiscretePowerLawSampler sampler, BodyDraws body, Workspace ws, Rng rng)
    {
        Array.Clear(ws.BodyCounts);
        Array.Clear(ws.TableCounts);
        ws.Beyond.Clear();
        ws.Values.Clear();
        ws.Counts.Clear();

        long n = data.N;
        double tailShare = (double)fit.NTail / n;
        for (long i = 0; i < n; i++)
        {
            if (body.Points == 0 || rng.NextDouble() < tailShare)
            {
                double x = sampler.Next(rng);
                double k = x - fit.Xmin;
                if (k < TableSpan) ws.TableCounts[(int)k]++;
                else ws.Beyond.Add(x);
            }
            else
            {
                ws.BodyCounts[body.ValueOf(rng.NextInt(body.Points))]++;
            }
        }

        for (int i = 0; i < ws.BodyCounts.Length; i++)
            if (ws.BodyCounts[i] > 0) { ws.Values.Add(data.Values[i]); ws.Counts.Add(ws.BodyCounts[i]); }
        for (int k = 0; k < TableSpan; k++)
            if (ws.TableCounts[k] > 0) { ws.Values.Add(fit.Xmin + k); ws.Counts.Add(ws.TableCounts[k]); }
        ws.Beyond.Sort();
        for (int i = 0; i < ws.Beyond.Count;)
        {
            int j = i;
            while (j < ws.Beyond.Count && ws.Beyond[j] == ws.Beyond[i]) j++;
            ws.Values.Add(ws.Beyond[i]);
            ws.Counts.Add(j - i);
            i = j;
        }
        if (ws.Values.Count < 2) return double.NaN;

        var synthetic = new DistinctCounts(ws.Values.ToArray(), ws.Counts.ToArray());
        try
        {
            if (!xminFixed) return XminSearch.Find(synthetic, minTail).Ks;
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

using GossipSim.Analysis.Summary;

namespace GossipSim.Analysis.Stats;

/// <summary>One duration: seen to end (<see cref="Ended"/>), or only known to last at least this long (censored).</summary>
public readonly record struct Duration(double Value, bool Ended);

/// <summary>
/// The Kaplan–Meier estimate of a distribution from durations some of which are censored
/// (known only to exceed a value). A gossip hop is the case: the copy that reaches a peer first
/// is seen whole, every copy that loses the race is only known to take longer than the winner.
/// Leaving the losers out would keep only the fastest copies and make every hop look short.
/// </summary>
public sealed class KaplanMeier
{
    /// <summary>The times at which a duration ended, ascending, and the estimated F(t) = P(D ≤ t) just after each.</summary>
    public double[] Times { get; }
    public double[] Cdf { get; }
    public int Ended { get; }
    public int Censored { get; }

    private KaplanMeier(double[] times, double[] cdf, int ended, int censored)
        => (Times, Cdf, Ended, Censored) = (times, cdf, ended, censored);

    /// <summary>
    /// The estimate. At a tie an ending counts before a censoring (the censored duration was
    /// still running then), the usual convention.
    /// </summary>
    public static KaplanMeier Of(IEnumerable<Duration> durations)
    {
        var sorted = durations.OrderBy(d => d.Value).ThenBy(d => d.Ended ? 0 : 1).ToArray();
        var times = new List<double>();
        var cdf = new List<double>();
        double survival = 1;
        int atRisk = sorted.Length, ended = 0;
        for (int i = 0; i < sorted.Length;)
        {
            double t = sorted[i].Value;
            int endedHere = 0, leaving = 0;
            for (; i < sorted.Length && sorted[i].Value == t; i++, leaving++)
                if (sorted[i].Ended) endedHere++;
            if (endedHere > 0)
            {
                survival *= 1 - (double)endedHere / atRisk;
                times.Add(t);
                cdf.Add(1 - survival);
                ended += endedHere;
            }
            atRisk -= leaving;
        }
        return new KaplanMeier(times.ToArray(), cdf.ToArray(), ended, sorted.Length - ended);
    }

    /// <summary>
    /// The smallest ending time t with F(t) ≥ p. Past the last ending the estimate says nothing
    /// (only censored durations are left), so a p there gives the last ending time.
    /// </summary>
    public double Quantile(double p)
    {
        if (Times.Length == 0) throw new InvalidOperationException("no duration ended: the distribution cannot be estimated");
        int i = Array.FindIndex(Cdf, f => f >= p - 1e-12);
        return Times[i < 0 ? Times.Length - 1 : i];
    }

    /// <summary>The estimated F at the last ending: below 1 when censored durations outlast every ending.</summary>
    public double Covered => Cdf.Length == 0 ? 0 : Cdf[^1];

    /// <summary><paramref name="count"/> quantiles at evenly spaced probabilities 0, 1/(count−1), ..., 1.</summary>
    public double[] Quantiles(int count) =>
        Enumerable.Range(0, count).Select(i => Quantile((double)i / (count - 1))).ToArray();
}

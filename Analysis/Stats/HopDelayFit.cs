using System.Globalization;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Stats;

/// <summary>
/// The per-hop delay distribution of a run (<see cref="HopDelays"/>, estimated over the censored
/// copies by <see cref="KaplanMeier"/>), as a quantile table the simulator's empirical latency
/// model draws from, with the figures that say what it is.
/// </summary>
/// <param name="QuantilesMs">Every copy's delay (Kaplan–Meier over the censored ones).</param>
/// <param name="FirstQuantilesMs">The delays of the copies that arrived first, alone (each peer's first receipt of each message).</param>
public sealed record HopDelayFit(double[] QuantilesMs, double[] FirstQuantilesMs, int Copies, int Seen, double Covered)
{
    /// <summary>Quantiles at every half percent: enough that the drawn CDF is within a hair of the estimate.</summary>
    public const int DefaultQuantiles = 201;

    public static HopDelayFit Of(IEnumerable<TraceEvent> events, int quantiles = DefaultQuantiles)
    {
        var hops = HopDelays.Of(events);
        var km = KaplanMeier.Of(hops.Select(h => h.Delay));
        if (km.Ended == 0)
            throw new InvalidDataException("the trace holds no gossip hop (no message reached a neighbour), so "
                + "there is no delay to measure");
        var first = hops.Where(h => h.Delay.Ended).Select(h => h.Delay.Value).OrderBy(x => x).ToArray();
        return new HopDelayFit(
            Ms(km.Quantiles(quantiles)),
            Ms(Enumerable.Range(0, quantiles).Select(i => i == 0 ? first[0] : Percentiles.Of(first, (double)i / (quantiles - 1)))),
            hops.Count, km.Ended, km.Covered);

        static double[] Ms(IEnumerable<double> seconds) => seconds.Select(s => Math.Round(s * 1000, 4)).ToArray();
    }

    /// <summary>Both distributions in a sentence: median, 90th and 99th percentiles.</summary>
    public string Sentence()
    {
        static string Of(double[] q)
        {
            double At(double p) => q[(int)Math.Round(p * (q.Length - 1))];
            return string.Create(CultureInfo.InvariantCulture, $"median {At(0.5):0.###} ms, 90th percentile {At(0.9):0.###} "
                + $"ms, 99th {At(0.99):0.###} ms");
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"per-hop delay (sender's first receipt to receiver's) over {Copies:N0} copies by Kaplan–Meier: {Of(QuantilesMs)}; "
                + $"the {Seen:N0} copies that arrived first: {Of(FirstQuantilesMs)}");
    }
}

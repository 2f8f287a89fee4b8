using System.Globalization;
using GossipSim.Engine.Trace;

namespace GossipSim.Analysis.Stats;

/// <summary>
/// The per-hop delay distribution of a run (<see cref="HopDelays"/>, estimated over the censored
/// copies by <see cref="KaplanMeier"/>), as a quantile table the simulator's empirical latency
/// model draws from, with the figures that say what it is.
/// </summary>
public sealed record HopDelayFit(double[] QuantilesMs, int Copies, int Seen, double Covered, double FirstCopiesMedianMs)
{
    /// <summary>Quantiles at every half percent: enough that the drawn CDF is within a hair of the estimate.</summary>
    public const int DefaultQuantiles = 201;

    public static HopDelayFit Of(IEnumerable<TraceEvent> events, int quantiles = DefaultQuantiles)
    {
        var hops = HopDelays.Of(events);
        var km = KaplanMeier.Of(hops.Select(h => h.Delay));
        if (km.Ended == 0) throw new InvalidDataException("the trace holds no gossip hop (no message reached a neighbour), so there is no delay to measure");
        var seen = hops.Where(h => h.Delay.Ended).Select(h => h.Delay.Value).OrderBy(x => x).ToArray();
        return new HopDelayFit(
            km.Quantiles(quantiles).Select(s => Math.Round(s * 1000, 4)).ToArray(),
            hops.Count, km.Ended, km.Covered, Plots.Percentiles.Of(seen, 0.5) * 1000);
    }

    /// <summary>"per-hop delay median 7.1 ms, 90th percentile 19.9 ms (69,268 copies, 23,805 first to arrive)".</summary>
    public string Sentence()
    {
        double At(double p) => QuantilesMs[(int)Math.Round(p * (QuantilesMs.Length - 1))];
        return string.Create(CultureInfo.InvariantCulture,
            $"per-hop delay (sender's first receipt to receiver's, Kaplan–Meier over {Copies:N0} copies, {Seen:N0} of them first to arrive) median {At(0.5):0.###} ms, 90th percentile {At(0.9):0.###} ms, 99th {At(0.99):0.###} ms; the first-to-arrive copies alone have median {FirstCopiesMedianMs:0.###} ms");
    }
}

using System.Globalization;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Trace;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Compare;

/// <summary>
/// The simulator's latency fitted to a real run. The shape comes from the real trace: its per-hop
/// delays (sender's first receipt to receiver's, so the nodes' own work is in them), estimated
/// over the censored copies (<see cref="HopDelayFit"/>). That estimate assumes the copies racing
/// to one peer are delayed independently, as the simulator draws them; on real nodes they are not
/// (a peer that is slow to run is slow for every copy), so drawn as measured they spread the race
/// wider than it is. Two numbers fitted against the real run correct that:
/// the spread in log space (γ: delay = level · median · (measured / median)^γ), chosen so the
/// simulator's mean hop count is the real one (hop counts depend on the spread only, not on the
/// level), then the level, so its median latency is the real one.
/// </summary>
public sealed record Calibration(LatencySpec Latency, HopDelayFit Fit, double Spread, double Level, string Line, string Note)
{
    /// <summary>Bisection steps on the spread: each is one simulator run; 7 steps pin γ to 1/128 of its range.</summary>
    public const int SpreadSteps = 7;

    /// <param name="traceName">How the line names the trace (a path relative to the comparison's folder).</param>
    /// <param name="simulate">One simulator run with the given latency, read back as samples.</param>
    public static Calibration Of(string realTrace, string traceName, TraceSamples real, Func<LatencySpec, TraceSamples> simulate, Action<string> say)
    {
        var fit = HopDelayFit.Of(TraceFile.Read(realTrace));
        double targetHops = real.Hops.Average(), targetLatency = Median(real.LatencySeconds);
        double Hops(double spread, out double latency)
        {
            var s = simulate(Table(fit, spread, 1));
            latency = Median(s.LatencySeconds);
            say(string.Create(CultureInfo.InvariantCulture, $"  calibrating: spread {spread:0.###} gives mean hop count {s.Hops.Average():0.###} (real {targetHops:0.###})"));
            return s.Hops.Average();
        }
        double lo = 0, hi = 1, latencyAt = 0;
        while (Hops(hi, out _) < targetHops && hi < 4) hi *= 2; // the measured spread is too narrow: widen it
        double spread = hi;
        for (int i = 0; i < SpreadSteps; i++)
        {
            spread = (lo + hi) / 2;
            if (Hops(spread, out latencyAt) < targetHops) lo = spread; else hi = spread;
        }
        spread = Math.Round((lo + hi) / 2, 4);
        Hops(spread, out latencyAt);
        double level = Math.Round(latencyAt > 0 ? targetLatency / latencyAt : 1, 4);
        var latency = Table(fit, spread, level);
        double median = fit.QuantilesMs[fit.QuantilesMs.Length / 2] * level;
        string line = string.Create(CultureInfo.InvariantCulture,
            $"calibrated model: empirical latency, the real run's {fit.Sentence()}; drawn as level · median · (delay / median)^spread with spread {spread:0.####} (fitted to the real mean hop count {targetHops:0.###}) and level {level:0.####} (fitted to the real median latency {targetLatency * 1000:0.###} ms): median {median:0.###} ms; measured from {traceName}");
        string note = "calibrated: the simulator draws each message's delay from the per-hop delays measured on the real side " +
                      "(the sender's work, its queue, the link and the receiver's reading in one draw), their spread and level fitted to the real hop count and latency; the simulator's nodes themselves take no time";
        return new Calibration(latency, fit, spread, level, line, note);
    }

    /// <summary>The measured quantiles, their log-spread around the median scaled by <paramref name="spread"/> and their level by <paramref name="level"/>.</summary>
    public static LatencySpec Table(HopDelayFit fit, double spread, double level)
    {
        double median = fit.QuantilesMs[fit.QuantilesMs.Length / 2];
        var table = fit.QuantilesMs.Select(q => Math.Round(level * (median > 0 ? median * Math.Pow(q / median, spread) : q), 4)).ToList();
        return new LatencySpec { Model = "empirical", QuantilesMs = table };
    }

    private static double Median(double[] xs) => xs.Length == 0 ? 0 : Percentiles.Of(xs.OrderBy(x => x).ToArray(), 0.5);
}

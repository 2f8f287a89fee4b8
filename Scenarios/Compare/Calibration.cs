using System.Globalization;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Trace;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Compare;

/// <summary>
/// The simulator's latency fitted to a real run, from the per-hop delays of its trace (sender's
/// first receipt to receiver's, so the nodes' own work is in them: <see cref="HopDelayFit"/>).
/// On real nodes the copies racing to one peer are not delayed independently: a peer slow to run
/// is slow for every copy, so a message cannot route around it. The model has both parts: the
/// receiving node's own delay, once per node and message, drawn from the delays of the copies
/// that arrived first, and a link delay per copy, drawn from every copy's delay (Kaplan–Meier)
/// times a share. The share decides how often a later-sent copy overtakes, and so the hop counts:
/// it is fitted with the simulator in the loop so its mean hop count is the real one. Then one
/// level for both parts brings its latencies nearest the real ones; the share is fitted again at that level.
/// </summary>
public sealed record Calibration(LatencySpec Latency, HopDelayFit Fit, double LinkShare, double Level, string Line, string Note)
{
    /// <summary>Bisection steps on the link's share: each is one simulator run; 7 steps pin it to 1/128 of its range.</summary>
    public const int ShareSteps = 7;
    /// <summary>Share, then level, twice: the second round fits the share at the level the first found.</summary>
    public const int Rounds = 2;

    /// <param name="traceName">How the line names the trace (a path relative to the comparison's folder).</param>
    /// <param name="simulate">One simulator run with the given latency, read back as samples.</param>
    public static Calibration Of(string realTrace, string traceName, TraceSamples real, Func<LatencySpec, TraceSamples> simulate, Action<string> say)
    {
        var fit = HopDelayFit.Of(TraceFile.Read(realTrace));
        double targetHops = real.Hops.Average(), targetLatency = Median(real.LatencySeconds);
        double Hops(double share, double level, out double[] latency)
        {
            var s = simulate(Table(fit, share, level));
            latency = s.LatencySeconds;
            say(string.Create(CultureInfo.InvariantCulture, $"  calibrating: link share {share:0.####}, level {level:0.####} gives mean hop count {s.Hops.Average():0.###} (real {targetHops:0.###})"));
            return s.Hops.Average();
        }
        // Scaling every delay leaves each message's race alone but not the overlay (links form at
        // other moments while peers join), so the share is fitted again at the level found.
        double share = 1, level = 1;
        for (int round = 0; round < Rounds; round++)
        {
            double lo = 0, hi = 1;
            while (Hops(hi, level, out _) < targetHops && hi < 8) hi *= 2; // the race is wider than every copy's delays make it: a larger share
            for (int i = 0; i < ShareSteps; i++)
            {
                double mid = (lo + hi) / 2;
                if (Hops(mid, level, out _) < targetHops) lo = mid; else hi = mid;
            }
            share = Math.Round((lo + hi) / 2, 4);
            Hops(share, level, out double[] latencyAt);
            level = Math.Round(level * ClosestLevel(real.LatencySeconds, latencyAt), 4);
        }
        var latency = Table(fit, share, level);
        string line = string.Create(CultureInfo.InvariantCulture,
            $"calibrated model: empirical latency measured from {traceName}, the real run's {fit.Sentence()}. The simulator draws the receiving node's own delay once per node and message from the first-arrived copies' delays, plus a link delay per copy from every copy's delays times {share:0.####} " +
            $"(fitted to the real mean hop count {targetHops:0.###}), both times {level:0.####} (fitted to the real latencies, median {targetLatency * 1000:0.###} ms: the level whose latencies are nearest theirs by KS distance)");
        string note = "calibrated: the simulator draws each copy's delay from the per-hop delays measured on the real side (the sender's work, the link and the receiver's reading): " +
                      "the receiving node's own part once per node and message and a link part per copy, the link's share and the level fitted to the real hop count and latency; the simulator's nodes themselves take no time";
        return new Calibration(latency, fit, share, level, line, note);
    }

    /// <summary>Every copy's measured delays times <paramref name="linkShare"/> per copy, the first-arrived copies' per node and message; both times <paramref name="level"/>.</summary>
    public static LatencySpec Table(HopDelayFit fit, double linkShare, double level) => new()
    {
        Model = "empirical",
        QuantilesMs = fit.QuantilesMs.Select(q => Math.Round(level * linkShare * q, 4)).ToList(),
        ReceiverQuantilesMs = fit.FirstQuantilesMs.Select(q => Math.Round(level * q, 4)).ToList(),
    };

    /// <summary>
    /// The factor on every delay that brings the simulator's latencies nearest the real ones (least
    /// KS distance), searched in 1 % steps within a factor of 2 around the ratio of the medians.
    /// Scaling every delay scales every latency of a message's race, so no run is needed per factor.
    /// </summary>
    public static double ClosestLevel(double[] real, double[] sim)
    {
        double ratio = Median(sim) > 0 ? Median(real) / Median(sim) : 1;
        return Enumerable.Range(-70, 141).Select(k => Math.Round(ratio * Math.Exp(k * 0.01), 4))
            .MinBy(level => KolmogorovSmirnov.TwoSample(real, sim.Select(x => x * level).ToArray()).D);
    }

    private static double Median(double[] xs) => xs.Length == 0 ? 0 : Percentiles.Of(xs.OrderBy(x => x).ToArray(), 0.5);
}

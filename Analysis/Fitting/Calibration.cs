using System.Globalization;
using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Trace;
using GossipSim.Simulator;
using GossipSim.Simulator.Latency;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Fitting;

/// <summary>
/// The simulator's latency fitted to a real run's per-hop delays (<see cref="HopDelayFit"/>). Real copies
/// racing to one peer are not delayed independently (a slow peer is slow for every copy; a busy moment slows
/// every hop), so the model has the receiver's own delay per node and message (from first-arrived copies), a
/// link delay per copy (every copy's, Kaplan–Meier, times a share fitted with the simulator in the loop, as it
/// sets how often copies overtake), and a factor per message (<see cref="MessageFactorLatency"/>); a level and
/// the factor's sigma match latencies (<see cref="LatencyScaleFit"/>); each spread tried gets its own share.
/// </summary>
public sealed record Calibration(FittedLatency Latency, HopDelayFit Fit, double LinkShare, double Level, double Spread,
    double MessageMedian, double MessageSigma, string Line, string Note, SlotFit? Slot = null)
{
    /// <summary>Bisection steps on the link's share: each is one simulator run; 7 steps pin it to 1/128 of its range.</summary>
    public const int ShareSteps = 7;
    /// <summary>
    /// Powers tried on both tables' spread around their medians (the log of each delay's ratio to
    /// the median times it): below 1 narrower, above 1 wider. Real runs spread within one message
    /// wider (loopback) or narrower (the bed) than the measured tables give.
    /// </summary>
    public static readonly double[] Spreads = [0.7, 0.85, 1, 1.15, 1.3, 1.5];

    /// <param name="traceName">How the line names the trace (a path relative to the comparison's folder).</param>
    /// <param name="seed">The simulator runs' seed: the per-message factors the fit applies are those its runs will draw.</param>
    /// <param name="simulate">One simulator run with the given latency, read back as samples.</param>
    public static Calibration Of(string realTrace, string traceName, TraceSamples real, ulong seed,
        Func<FittedLatency, TraceSamples> simulate, Action<string> say)
    {
        var fit = HopDelayFit.Of(TraceFile.Read(realTrace));
        double targetHops = real.Hops.Average(), targetLatency = Median(real.LatencySeconds);
        ulong salt = SimStreams.LatencySalt(seed);
        var trials = new List<(double Share, TraceSamples Run)>();
        double Hops(double share, double level, double spread)
        {
            // The message factor scales a whole race and so leaves the hops alone: the share is fitted without it.
            var s = simulate(Table(fit, share, level, spread, 1, 0));
            trials.Add((share, s));
            say(string.Create(CultureInfo.InvariantCulture, $"  calibrating: spread {spread:0.##}, link share {share:0.####}, "
                + $"level {level:0.####} gives mean hop count {s.Hops.Average():0.###} (real {targetHops:0.###}), hop "
                + $"count KS D {HopD(s):0.###}"));
            return s.Hops.Average();
        }
        double HopD(TraceSamples s) => KolmogorovSmirnov.TwoSample(real.Hops, s.Hops).D;
        // One round: the share at this level and spread, then the level and the message factor on its run.
        (double Share, double HopD, (double Level, double Sigma, double D) Scale) Round(double level, double spread)
        {
            trials.Clear();
            double lo = 0, hi = 1;
            // the race is wider than every copy's delays make it: a larger share
            while (Hops(hi, level, spread) < targetHops && hi < 8) hi *= 2;
            for (int i = 0; i < ShareSteps; i++)
            {
                double mid = (lo + hi) / 2;
                if (Hops(mid, level, spread) < targetHops) lo = mid; else hi = mid;
            }
            Hops(Math.Round((lo + hi) / 2, 4), level, spread);
            // Of the shares tried, the one whose hop counts are nearest the real ones as a distribution, not only in the mean.
            var chosen = trials.MinBy(t => (Math.Round(HopD(t.Run), 4), Math.Abs(t.Run.Hops.Average() - targetHops)));
            var normals = chosen.Run.Messages.Select(m => MessageFactorLatency.NormalOf(salt, m)).ToArray();
            var scale = LatencyScaleFit.Of(real.LatencySeconds, chosen.Run.LatencySeconds, normals, LatencyScaleFit.Sigmas);
            say(string.Create(CultureInfo.InvariantCulture, $"  calibrating: spread {spread:0.##}, link share {chosen.Share:0.####} (hop "
                + $"count KS D {HopD(chosen.Run):0.###}); level {level * scale.Level:0.####} and message sigma {scale.Sigma:0.##} give "
                + $"latency KS D {scale.D:0.####}"));
            return (chosen.Share, HopD(chosen.Run), scale);
        }
        // The first round finds the level. It moves every delay, and so the moments links form while
        // peers join: the overlay. The second round fits the share at it, once per spread, and keeps
        // the spread whose hop counts and latencies both come nearest the real ones (the larger KS
        // distance of the two is least). The last level correction stays in
        // the message factor: the gossip is scaled, the overlay and the races stay those of the run chosen.
        double level = Math.Round(Round(1, 1).Scale.Level, 4);
        var (spread, (share, _, (median, sigma, _))) = Spreads.Select(g => (Spread: g, Fit: Round(level, g)))
            .MinBy(c => (Math.Round(Math.Max(c.Fit.HopD, c.Fit.Scale.D), 4), Math.Abs(Math.Log(c.Spread))));
        var latency = Table(fit, share, level, spread, median, sigma);
        string line = string.Create(CultureInfo.InvariantCulture,
            $"calibrated model: empirical latency measured from {traceName}, the real run's {fit.Sentence()}. The simulator draws the "
                + $"receiving node's own delay once per node and message from the first-arrived copies' delays, plus a link delay per copy "
                + $"from every copy's delays times {share:0.####} " +
            $"(fitted to the real hop counts, mean {targetHops:0.###}), both with their spread around the median to the "
                + $"power {spread:0.##} and times {level:0.####} (fitted with the share, the overlay's timing), and times a factor drawn "
                + $"once per gossip message, log-normal with median {median:0.####} and sigma {sigma:0.##} " +
            $"(spread, median and sigma fitted to the real latencies, median {targetLatency * 1000:0.###} ms: those whose latencies are "
                + $"nearest theirs by KS distance)");
        string note = "calibrated: the simulator draws each copy's delay from the per-hop delays measured on the real side (the sender's "
            + "work, the link and the receiver's reading): " +
                      "the receiving node's own part once per node and message and a link part per copy, both times a factor per gossip "
                          + "message (how busy the machine is while it spreads); " +
                      "the link's share, the level and the factor's spread fitted to the real hop counts and latencies; the simulator's "
                          + "nodes themselves take no time";
        return new Calibration(latency, fit, share, level, spread, median, sigma, line, note);
    }

    /// <summary>
    /// The calibrated path model with a node's slot on top (<see cref="SlotLatency"/>, fitted by
    /// <see cref="SlotFit"/>) where that brings hop count, latency and latency per hop nearer the
    /// real run than the path model alone, judged against each model's own run-to-run scatter; else
    /// this calibration as it is, and the line says so.
    /// </summary>
    public Calibration WithSlot(TraceSamples real, ulong seed, Func<FittedLatency, TraceSamples> simulate,
        Func<FittedLatency, ulong, int, IReadOnlyList<TraceSamples>> runsAt, Action<string> say)
    {
        var slot = SlotFit.Of(real, Latency, seed, simulate, runsAt, say);
        if (slot.SlotQuantilesMs is not { } table)
            return this with
            {
                Slot = slot,
                Line = Line + string.Create(CultureInfo.InvariantCulture,
                    $". No slot: a node's slot per message (fitted in {slot.Runs} runs) came no nearer the real run than the path alone "
                        + $"(the real run's worst KS D of hop count, latency and latency per hop against its own runs' "
                        + $"pool, {slot.PathAloneD:0.##} times their median)"),
            };
        var empirical = new EmpiricalLatency(table, "the slot table");
        return this with
        {
            Slot = slot,
            Latency = SlotFit.WithSlot(Latency, slot.PathLevel, table, slot.WakeWeight),
            Line = Line + string.Create(CultureInfo.InvariantCulture,
                $". On top, a slot per node and gossip message: no copy reaches a node before its slot after the message's creation (slot "
                    + $"median {empirical.MsAt(0.5):0.###} ms, 10th percentile {empirical.MsAt(0.1):0.###} ms, "
                    + $"90th {empirical.MsAt(0.9):0.###} ms; wake weight {slot.WakeWeight:0.##}: how much an "
                    + $"earlier-woken node is served earlier), " +
                $"the path's gossip delays times {slot.PathLevel:0.##}; fitted in {slot.Runs} runs, it brings the real run's worst KS D of "
                    + $"hop count, latency and latency per hop against the model's own runs from {slot.PathAloneD:0.##} "
                    + $"to {slot.D:0.##} times their median"),
            Note = Note + "; a node's slot per gossip message (its turn at a core after the message's creation) "
                + "before which no copy reaches it",
        };
    }

    /// <summary>
    /// Every copy's measured delays times <paramref name="linkShare"/> per copy, the first-arrived copies' per node and message; both times
    /// <paramref name="level"/>
    /// with their spread around the median to the power <paramref name="spread"/>,
    /// and a gossip message's times a factor drawn per message (log-normal, <paramref name="messageMedian"/>,
    /// <paramref name="messageSigma"/>; none at 1 and 0).
    /// </summary>
    public static FittedLatency Table(HopDelayFit fit, double linkShare, double level, double spread, double messageMedian,
        double messageSigma) => new(
        QuantilesMs: WithSpread(fit.QuantilesMs, spread).Select(q => Math.Round(level * linkShare * q, 4)).ToList(),
        ReceiverQuantilesMs: WithSpread(fit.FirstQuantilesMs, spread).Select(q => Math.Round(level * q, 4)).ToList(),
        MessageFactorMedian: messageMedian == 1 && messageSigma == 0 ? null : messageMedian,
        MessageFactorSigma: messageMedian == 1 && messageSigma == 0 ? null : messageSigma);

    /// <summary>A quantile table with each delay's ratio to the median raised to <paramref name="power"/>: the median stays, the order
    /// stays.</summary>
    public static double[] WithSpread(double[] quantilesMs, double power)
    {
        double median = quantilesMs[quantilesMs.Length / 2];
        return power == 1 || median <= 0 ? quantilesMs : quantilesMs.Select(q => median * Math.Pow(q / median, power)).ToArray();
    }

    private static double Median(double[] xs) => xs.Length == 0 ? 0 : Percentiles.Of(xs.OrderBy(x => x).ToArray(), 0.5);
}

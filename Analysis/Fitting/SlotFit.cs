using System.Globalization;
using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Summary;
using GossipSim.Simulator.Latency;

namespace GossipSim.Analysis.Fitting;

/// <summary>
/// The slot table of <see cref="SlotLatency"/> fitted on a calibrated path model, and whether it is kept.
/// Latency is about the later of path and slot, so F_real = F_path · F_slot, and one run's F_sim gives the
/// next table F_slot · F_real / F_sim (<see cref="Update"/>); a few rounds settle it. Scaling the path
/// (<see cref="PathLevels"/>) lets early slots show. Candidates are judged by hop count, latency and
/// latency-per-hop KS distances, the best per wake weight and path level against its scatter (<see cref="ScatterRuns"/>).
/// </summary>
/// <param name="SlotQuantilesMs">The slot table kept, or null when no candidate beat the path model alone.</param>
/// <param name="PathLevel">The factor the path's delays were scaled by (1 without a slot).</param>
/// <param name="D">The kept model's score: the real run's KS D against its scatter runs' pool, over their own median D, in the worst of hop
/// count, latency and latency per hop.</param>
/// <param name="PathAloneD">The same for the path model alone.</param>
/// <param name="WakeWeight">How much the slot follows how early a copy reaches the node (<see cref="SlotLatency.WakeWeight"/>).</param>
public sealed record SlotFit(double[]? SlotQuantilesMs, double PathLevel, double WakeWeight, double D, double PathAloneD, int Runs)
{
    /// <summary>
    /// Factors tried on the path's delays (through the gossip's message factor): below 1 the slot
    /// carries more. At 1 the path alone already gives the latencies and the rounds drive the slots
    /// to nothing, so 1 is not tried.
    /// </summary>
    public static readonly double[] PathLevels = [0.5, 0.25, 0.15];

    /// <summary>Wake weights tried: the slot a pure draw, or served partly in the order of waking.</summary>
    public static readonly double[] WakeWeights = [0, 0.15, 0.3, 0.5];

    /// <summary>Rounds of <see cref="Update"/> per path level; each is one simulator run.</summary>
    public const int Rounds = 8;

    /// <summary>
    /// The power on each round's ratio F_real / F_sim: half a step. The paths are slowed by the relays'
    /// own slots, so a full step overshoots (it collapsed the table in one round).
    /// </summary>
    public const double Damping = 0.5;

    /// <summary>Entries of the slot table (every 1 %).</summary>
    public const int Quantiles = 101;

    /// <summary>Runs per finalist that measure its own run-to-run scatter (seeds 1000 on from the comparison's: apart from the Monte Carlo
    /// test's).</summary>
    public const int ScatterRuns = 19;

    /// <summary>Where the scatter runs' seeds start, after the comparison's seed.</summary>
    public const ulong ScatterSeedOffset = 1000;

    /// <param name="path">The calibrated model without a slot.</param>
    /// <param name="simulate">One simulator run at the comparison's seed with the given latency.</param>
    /// <param name="runsAt">Runs of a model at <see cref="ScatterRuns"/> seeds after the one given.</param>
    public static SlotFit Of(TraceSamples real, FittedLatency path, ulong seed, Func<FittedLatency, TraceSamples> simulate,
        Func<FittedLatency, ulong, int, IReadOnlyList<TraceSamples>> runsAt, Action<string> say)
    {
        double[] realMs = real.LatencySeconds.Select(s => s * 1000).OrderBy(x => x).ToArray();
        double[] start = Enumerable.Range(0, Quantiles).Select(k => k == 0 ? realMs[0]
            : Percentiles.Of(realMs, (double)k / (Quantiles - 1))).ToArray();
        var alone = Distances(real, simulate(path));
        say(string.Create(CultureInfo.InvariantCulture, $"  calibrating the slot: the path model alone gives {alone.Sentence}"));
        int runs = 1;
        // Per wake weight and path level, the round nearest the real run at the comparison's seed.
        var finalists = new List<(FittedLatency Spec, double Level, double Wake, double D)> { (path, 1, 0, alone.Max) };
        foreach (double wake in WakeWeights)
        foreach (double level in PathLevels)
        {
            double[] table = start;
            (FittedLatency Spec, double Level, double Wake, double D) best = (path, level, wake, double.MaxValue);
            for (int round = 0; round < Rounds; round++)
            {
                var spec = WithSlot(path, level, table, wake);
                var run = simulate(spec);
                runs++;
                var d = Distances(real, run);
                say(string.Create(CultureInfo.InvariantCulture, $"  calibrating the slot: wake weight {wake:0.##}, path "
                    + $"times {level:0.##}, round {round + 1}, slot median {table[Quantiles / 2]:0.###} ms: {d.Sentence}"));
                if (d.Max < best.D) best = (spec, level, wake, d.Max);
                table = Update(table, realMs, run.LatencySeconds.Select(s => s * 1000).OrderBy(x => x).ToArray());
            }
            finalists.Add(best);
        }
        // One run's D is one draw: a model's own runs differ from each other by more than the
        // finalists do (docs/calibration.md), so a single seed cannot rank them. Each finalist is run at its own scatter seeds and scored by how many
        // of its own runs' median D the real run's D against their pool is, in its worst quantity.
        var scored = finalists.Select(f =>
        {
            var pool = runsAt(f.Spec, seed + ScatterSeedOffset - 1, ScatterRuns);
            runs += ScatterRuns;
            double score = Quantities.Max(q => Scaled(q.Of(real), pool.Select(r => (IReadOnlyCollection<double>)q.Of(r)).ToList()));
            say(string.Create(CultureInfo.InvariantCulture, $"  calibrating the "
                + $"slot: {(f.Spec.SlotQuantilesMs is null ? "the path alone" : $"wake weight {f.Wake:0.##}, path times {f.Level:0.##}")}: "
                + $"against {ScatterRuns} of its own runs, the real run's worst KS D is {score:0.##} times their median"));
            return (f.Spec, f.Level, f.Wake, f.D, Score: score);
        }).ToList();
        var chosen = scored.MinBy(f => f.Score);
        var pathAlone = scored[0];
        return chosen.Spec.SlotQuantilesMs is { } kept
            ? new SlotFit(kept.ToArray(), chosen.Level, chosen.Wake, chosen.Score, pathAlone.Score, runs)
            : new SlotFit(null, 1, 0, pathAlone.Score, pathAlone.Score, runs);
    }

    /// <summary>The quantities the slot is judged on: those it changes (degree is the overlay's).</summary>
    private static readonly (string Name, Func<TraceSamples, double[]> Of)[] Quantities =
        [("hop count", t => t.Hops), ("latency", t => t.LatencySeconds), ("latency per hop", t => t.LatencyPerHopSeconds)];

    /// <summary>The real sample's KS D against the pool of the runs, over the median of each run's D against the pool of the
    /// others.</summary>
    public static double Scaled(IReadOnlyCollection<double> real, IReadOnlyList<IReadOnlyCollection<double>> runs)
    {
        var mc = MonteCarloKs.Test(real, runs, 0.05);
        return mc.D / Math.Max(mc.RunDQuantile(0.5), 1e-9);
    }

    /// <summary>The path model with its gossip delays times <paramref name="level"/> (through the message factor's median), the slot table
    /// and its wake weight (absent at 0).</summary>
    public static FittedLatency WithSlot(FittedLatency path, double level, double[] slotMs, double wakeWeight)
    {
        var scaled = level == 1 ? path : path with
        {
            MessageFactorMedian = Math.Round((path.MessageFactorMedian ?? 1) * level, 4),
            MessageFactorSigma = path.MessageFactorSigma ?? 0,
        };
        return scaled with
        {
            SlotQuantilesMs = slotMs.Select(x => Math.Round(x, 4)).ToList(),
            SlotWakeWeight = wakeWeight == 0 ? null : wakeWeight,
        };
    }

    /// <summary>
    /// The slot table one run suggests: at each entry s_k (cumulative probability u_k), the slot's CDF
    /// times the real latencies' CDF over the simulated ones', u_k · F_real(s_k) / F_sim(s_k), capped at 1
    /// and made non-decreasing; then read back at the same probabilities. Where the run has no
    /// latency at or below s_k the entry stays (the ratio says nothing there).
    /// </summary>
    public static double[] Update(double[] slotMs, double[] sortedRealMs, double[] sortedSimMs)
    {
        int n = slotMs.Length;
        var cdf = new double[n];
        for (int k = 0; k < n; k++)
        {
            double u = (double)k / (n - 1), sim = Cdf(sortedSimMs, slotMs[k]);
            cdf[k] = Math.Max(k > 0 ? cdf[k - 1] : 0, sim > 0 ? Math.Min(1, u * Math.Pow(Cdf(sortedRealMs, slotMs[k]) / sim, Damping)) : u);
        }
        cdf[n - 1] = 1; // no slot is beyond the table's largest entry, whatever the run says
        var next = new double[n];
        for (int k = 0; k < n; k++)
        {
            double u = (double)k / (n - 1);
            int j = Array.FindIndex(cdf, c => c >= u);
            // Below the first entry's probability the slot runs from 0 ms: the nodes that need no turn.
            double x0 = j > 0 ? slotMs[j - 1] : 0, c0 = j > 0 ? cdf[j - 1] : 0;
            next[k] = cdf[j] > c0 ? x0 + (u - c0) / (cdf[j] - c0) * (slotMs[j] - x0) : slotMs[j];
        }
        return next;
    }

    /// <summary>The share of a sorted sample at or below <paramref name="x"/>.</summary>
    private static double Cdf(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (sorted[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return sorted.Length == 0 ? 0 : (double)lo / sorted.Length;
    }

    private sealed record Fit(double MeanHops, double Hops, double Latency, double PerHop)
    {
        public double Max => Math.Max(Hops, Math.Max(Latency, PerHop));
        public string Sentence
            => string.Create(CultureInfo.InvariantCulture, $"mean hop count {MeanHops:0.###}, KS D hop count {Hops:0.###}, "
                + $"latency {Latency:0.####}, latency per hop {PerHop:0.####}");
    }

    private static Fit Distances(TraceSamples real, TraceSamples sim) => new(
        sim.Hops.Average(),
        KolmogorovSmirnov.TwoSample(real.Hops, sim.Hops).D,
        KolmogorovSmirnov.TwoSample(real.LatencySeconds, sim.LatencySeconds).D,
        KolmogorovSmirnov.TwoSample(real.LatencyPerHopSeconds, sim.LatencyPerHopSeconds).D);
}

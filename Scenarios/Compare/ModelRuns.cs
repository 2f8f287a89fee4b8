using System.Diagnostics;
using System.Globalization;
using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Analysis.Fitting;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;

namespace GossipSim.Scenarios.Compare;

/// <summary>
/// The simulator's model (the calibrated one, after a calibration) run at the seeds after the comparison's own: the reference the Monte
/// Carlo test ranks the real run among (<see cref="Analysis.Stats.MonteCarloKs"/>). One run is one
/// overlay and one draw of every message's delays, so these runs are the model's own run-to-run
/// scatter. They are lean: no plots, reports or logs; each trace goes to a temporary folder, is
/// read back as samples and deleted.
/// </summary>
public sealed record ModelRuns(IReadOnlyList<TraceSamples> Samples, ulong FirstSeed, double[] Seconds, double TotalSeconds,
    string Model = "the calibrated model")
{
    /// <summary>One quantity of every run, for the test.</summary>
    public IReadOnlyList<IReadOnlyCollection<double>> Of(Func<TraceSamples, double[]> quantity)
        => Samples.Select(s => (IReadOnlyCollection<double>)quantity(s)).ToList();

    /// <summary>What ran and how long it took, in one line.</summary>
    public string Line => string.Create(CultureInfo.InvariantCulture,
        $"{Model} at {Samples.Count} more seeds ({FirstSeed}–{FirstSeed + (ulong)Samples.Count - 1}), the "
            + $"reference of the Monte Carlo test: "
            + $"{Percentiles.Of(Seconds.OrderBy(x => x).ToArray(), 0.5):0.00} s a run (median), {TotalSeconds:0} s in all");

    /// <param name="seed">The comparison's seed: the runs take the next <paramref name="count"/> seeds.</param>
    /// <param name="name">What the model is, for the line ("the calibrated model").</param>
    public static ModelRuns Of(Scenario model, ulong seed, int count, bool quiet, Action<string> say, string name = "the calibrated model")
    {
        string tmp = Directory.CreateTempSubdirectory("gossipsim-model-runs-").FullName;
        var samples = new List<TraceSamples>(count);
        var seconds = new double[count];
        var total = Stopwatch.StartNew();
        try
        {
            for (int k = 0; k < count; k++)
            {
                var one = Stopwatch.StartNew();
                string runDir = Path.Combine(tmp, "run");
                var options = new RunOptions
                    { SeedOverride = seed + 1 + (ulong)k, OutDir = runDir, TraceFile = true, Logs = false, Quiet = true };
                var run = RunDoor.Run(model, options, runDir, _ => { });
                samples.Add(Lean(TraceSamples.Read(TraceFile.Require(run.OutDir))));
                Directory.Delete(runDir, recursive: true);
                seconds[k] = one.Elapsed.TotalSeconds;
                if (!quiet && ((k + 1) % 10 == 0 || k + 1 == count))
                    say(string.Create(CultureInfo.InvariantCulture, $"  model runs: {k + 1} of {count} "
                        + $"({total.Elapsed.TotalSeconds:0} s)"));
            }
        }
        finally { Directory.Delete(tmp, recursive: true); }
        var runs = new ModelRuns(samples, seed + 1, seconds, total.Elapsed.TotalSeconds, name);
        say("  " + runs.Line);
        return runs;
    }

    /// <summary>The samples the test needs, without each delivery's message.</summary>
    private static TraceSamples Lean(TraceSamples s) => new()
    {
        Degrees = s.Degrees,
        Hops = s.Hops,
        LatencySeconds = s.LatencySeconds,
        LatencyPerHopSeconds = s.LatencyPerHopSeconds,
    };
}

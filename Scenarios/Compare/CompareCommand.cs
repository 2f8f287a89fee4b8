using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GossipSim.Analysis.Fitting;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Summary;
using GossipSim.Analysis.Trace;
using GossipSim.Engine.Config;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Compare;

/// <summary>
/// `compare SCENARIO`: runs the scenario on the simulator and on real nodes (loopback processes,
/// or the namespace bed with `--bed netns`), then compares degree distribution, hop counts and
/// latencies (two-sample KS test each, overlaid plots) and writes results/NAME/compare/.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var scenarioArg = new Argument<string>("scenario") { Description = "A scenario file (path or bare name in Scenarios/scenarios/)" };
        var bed = new Option<string>("--bed")
            { Description = "Where the real nodes run: loopback (processes on 127.0.0.1) or netns (the namespace bed, needs root)",
                DefaultValueFactory = _ => "loopback" };
        bed.AcceptOnlyFromAmong("loopback", "netns");
        var seed = new Option<ulong?>("--seed") { Description = "Random seed of both runs (default: the scenario's)" };
        var peers = new Option<int?>("--peers")
        {
            Description = "Number of peers of both runs, instead of the scenario's",
            CustomParser = r => (int?)Analysis.Cli.UsageErrors.WholeNumber(r, 1, ScenarioLoader.MaxPeers),
        };
        var outDir = new Option<string?>("--out")
            { Description = "Output directory (default: results/<scenario name>/compare, or .../compare-netns with --bed netns)" };
        var simLatency = new Option<string>("--sim-latency")
        {
            Description = "The simulator's latency model: matched (default: on netns the scenario's, which the bed's relay applies, plus on each hop "
                + "what a real hop costs at the nodes; on "
                + "loopback what a real hop costs, the model a calibration on loopback fitted, shipped with this build: "
                + "docs/calibration.md), probe (loopback: a log-normal fitted to a TCP probe of the wire alone, without the nodes' "
                + "work) or scenario (the scenario's as written)",
            DefaultValueFactory = _ => "matched",
        };
        simLatency.AcceptOnlyFromAmong("matched", "probe", "scenario");
        var alpha = new Option<double>("--alpha") { Description = "Significance level of the KS tests", DefaultValueFactory = _ => 0.01 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress lines" };
        var calibrate = new Option<bool>("--calibrate")
        {
            Description = "Then fit the simulator's latency to the real run (its per-hop delays, an empirical model) and run the simulator "
                + "again: the first comparison goes to before/, the calibrated one to the folder, and "
                + "calibration.txt says what the model is",
        };
        var nullRuns = new Option<int?>("--null-runs")
        {
            Description = $"Runs of the simulator's model (with --calibrate: of the calibrated model) at the next seeds that the Monte "
                + $"Carlo test ranks the real run among (default {DefaultModelRuns}; at least 1/α − 1, so that it can reject at α). Lean "
                + $"runs: no plots, reports or logs, their traces deleted",
        };
        var cmd = new Command("compare", "Run a scenario on the simulator and on real nodes and compare their degree distributions, hop "
            + "counts and latencies (KS tests, overlaid plots, a verdict)")
        {
            scenarioArg, bed, seed, peers, outDir, simLatency, alpha, quiet, calibrate, nullRuns,
        };
        cmd.SetAction(r => Run(r.GetValue(scenarioArg)!, r.GetValue(bed)!, r.GetValue(seed), r.GetValue(outDir), r.GetValue(simLatency)!,
            r.GetValue(alpha), r.GetValue(quiet), r.GetValue(calibrate), r.GetValue(nullRuns), r.GetValue(peers)));
        return cmd;
    }

    /// <summary>Runs of the model the Monte Carlo test uses by default: enough to reject at α = 0.01.</summary>
    public const int DefaultModelRuns = 99;

    /// <summary>
    /// How many model runs the Monte Carlo test gets: <paramref name="asked"/> when it can reject
    /// at <paramref name="alpha"/>, else an error; unasked, the default raised to what α needs. They are runs of the calibrated
    /// model with <paramref name="calibrate"/>, else of the simulator's model as the comparison gives it.
    /// </summary>
    public static int ModelRunsOf(int? asked, bool calibrate, double alpha, Action<string> say)
    {
        int least = Math.Max(2, MonteCarloKs.MinRuns(alpha));
        string a = alpha.ToString(CultureInfo.InvariantCulture);
        if (asked is { } n)
            return n >= least ? n : throw new ScenarioException($"--null-runs {n}: at α = {a} the Monte Carlo test needs at least {least} "
                + $"runs of the model to be able to reject (its least p is 1/(runs + 1))");
        if (DefaultModelRuns >= least) return DefaultModelRuns;
        say($"at α = {a} the Monte Carlo test needs {least} runs of the model to be able to reject: "
            + $"running {least}, not {DefaultModelRuns}");
        return least;
    }

    public static int Run(string scenarioName, string bed, ulong? seedOverride, string? outDir, string simLatency, double alpha, bool quiet,
        bool calibrate = false, int? nullRuns = null, int? peers = null)
    {
        return RunExits.Of(() =>
        {
            if (alpha is <= 0 or >= 1)
                throw new ScenarioException($"--alpha: {alpha.ToString(CultureInfo.InvariantCulture)} is not a "
                    + $"significance level in (0, 1)");
            CheckSimLatency(bed, simLatency);
            int modelRuns = ModelRunsOf(nullRuns, calibrate, alpha, Console.WriteLine);
            string path = ScenarioLoader.Resolve(scenarioName);
            var scenario = ScenarioLoader.Load(path);
            if (peers is { } n)
            {
                scenario.Peers = n;
                ScenarioLoader.Validate(scenario, $"{path} (with --peers {n})");
            }
            var real = RuntimeDrivers.Of(RealRuntimeOf(bed));
            if (real.Unavailable() is { } why)
                throw new RunFailedException($"namespaces unavailable: --bed {bed} cannot run on this machine: {why}");
            string dir = Path.GetFullPath(outDir ?? ResultsFolders.Default(scenario.Name!, bed == "netns" ? "compare-netns" : "compare"));
            // Planned as the real side runs before the simulator's half, which would run for nothing if it is refused; the plan
            // measures an empirical latency once, for both sides' copies, and decides the seed both run at.
            var plan = RunPlan.Of(scenario, new RunOptions { SeedOverride = seedOverride }, dir, real);
            Directory.CreateDirectory(dir);
            using var folder = Results.RunFolderLock.Take(dir);
            var report = Compare(plan.Scenario, path, bed, plan.Seed, dir, simLatency, alpha, quiet,
                Console.WriteLine, modelRuns, calibrate, peers);
            if (report.Before is { } before) Console.WriteLine("before calibration, " + before.VerdictLine);
            if (report.Extra.GetValueOrDefault("calibration") is string calibration) Console.WriteLine(calibration);
            Console.WriteLine(report.VerdictLine);
            Console.WriteLine($"comparison: {Path.GetRelativePath(Environment.CurrentDirectory, dir)}/compare.md");
            return 0;
        });
    }

    /// <summary>The shipped model of a real hop at the load <paramref name="scenario"/> puts on this machine's cores, and its line;
    /// both recorded in <paramref name="extra"/> (<c>hopCost</c>, <c>loopbackModel</c>).</summary>
    private static (LatencySpec Latency, string Line) HopCostAt(LoopbackModel shipped, Scenario scenario, Dictionary<string, object> extra)
    {
        double load = HopLoad.CopiesPerCoreSecond(scenario, Environment.ProcessorCount);
        var (latency, factor, spread) = shipped.At(load);
        string hopCost = HopCostLine(load, Environment.ProcessorCount, factor, spread, shipped.ByLoad);
        extra["hopCost"] = hopCost;
        extra["loopbackModel"] = new Dictionary<string, object>
        {
            ["measured"] = shipped.Measured, ["calibration"] = shipped.Calibration,
            ["load"] = Math.Round(load, 1), ["cores"] = Environment.ProcessorCount,
            ["factor"] = Math.Round(factor, 4), ["spread"] = Math.Round(spread, 4),
            ["byLoad"] = shipped.ByLoad?.Fitted ?? "none: the model as measured, at any load",
        };
        return (latency, hopCost);
    }

    /// <summary>Refuses a simulator's latency model the bed has no use for: the probe measures the loopback wire.</summary>
    public static void CheckSimLatency(string bed, string simLatency)
    {
        if (simLatency == "probe" && bed != "loopback")
            throw new ScenarioException($"--sim-latency probe: only with --bed loopback (on --bed {bed} the relay applies the scenario's "
                + "model, and matched draws the same)");
    }

    /// <summary>The runtime of the real side: the namespace bed, or processes on loopback.</summary>
    private static string RealRuntimeOf(string bed) => bed == "netns" ? RuntimeNames.Netns : RuntimeNames.Real;

    /// <summary>
    /// Both runs, the samples, the tests, the plots and the report files; returns the report.
    /// The simulator's model runs <paramref name="modelRuns"/> times more at the next seeds, for the Monte Carlo test
    /// (<see cref="MonteCarloKs"/>). With <paramref name="calibrate"/> the comparison just made moves to before/ (with the naive
    /// test), the simulator runs again with the per-hop delays measured on the real side (<see cref="Calibration"/>), and the model
    /// runs are the calibrated model's.
    /// </summary>
    public static CompareReport Compare(Scenario scenario, string scenarioPath, string bed, ulong seed, string dir, string simLatency,
        double alpha, bool quiet, Action<string> say, int modelRuns = DefaultModelRuns, bool calibrate = false, int? peers = null)
    {
        var simScenario = Copy(scenario);
        simScenario.Runtime = RuntimeDrivers.Simulator.Name;
        var realScenario = Copy(scenario);
        realScenario.Runtime = RealRuntimeOf(bed);
        var extra = new Dictionary<string, object>();
        string latencyNote;
        if (simLatency == "scenario")
        {
            latencyNote = bed == "netns"
                ? "the simulator and the bed's relay both apply the scenario's latency model"
                : "the simulator applies the scenario's latency model as written; loopback cannot apply it, so the real side's latency is "
                + "the loopback's own (sub-millisecond) plus the nodes' work and scheduling";
        }
        else if (bed == "netns" && (simScenario.Network.Latency.Model == "empirical" || LoopbackModel.Shipped() is null))
        {
            latencyNote = "matched: the simulator and the bed's relay both apply the scenario's latency model one way per message; the "
                + "real side adds the nodes' own work, TCP, and the relay's timer error, which the simulator does not model";
        }
        else if (bed == "netns")
        {
            // The relay applies the scenario's model (the wire); the nodes' own cost each hop, which the relay does not apply and real
            // nodes pay themselves, is what a real hop costs on loopback at this load (the same model as on loopback, on top).
            var shipped = LoopbackModel.Shipped()!;
            var (hop, hopCost) = HopCostAt(shipped, scenario, extra);
            simScenario.Network.Latency.NodeHop = hop;
            latencyNote = "matched: the simulator and the bed's relay both apply the scenario's latency model one way per message, and "
                + $"the simulator adds on each hop what a real hop costs at the nodes on loopback, as a calibration fitted it "
                + $"({shipped.Measured}), {hopCost}; the relay's timer error and the namespaces' own cost are not modelled";
        }
        else if (simLatency == "matched" && LoopbackModel.Shipped() is { } shipped)
        {
            var (latency, hopCost) = HopCostAt(shipped, scenario, extra);
            simScenario.Network.Latency = latency;
            latencyNote = $"matched: loopback cannot apply the scenario's latency model, so the simulator draws what a real hop costs on "
                + $"loopback, the nodes' own work and scheduling included, as a calibration fitted it ({shipped.Measured}; "
                + $"--sim-latency probe for the wire alone), {hopCost}; a machine busier or quieter than this one's own load, or other "
                + "work on its cores, moves the real side";
        }
        else
        {
            var probe = LoopbackProbe.OneWayMs();
            var (median, sigma) = LoopbackProbe.FitLogNormal(probe);
            simScenario.Network.Latency = new LatencySpec { Model = "lognormal", MedianMs = Math.Round(median, 4), Sigma = sigma };
            extra["loopbackProbe"] = new Dictionary<string, object>
            {
                ["roundTrips"] = probe.Length,
                ["oneWayMsP50"] = Math.Round(median, 4),
                ["oneWayMsP90"] = Math.Round(Percentiles.Of(probe.OrderBy(x => x).ToArray(), 0.9), 4),
            };
            latencyNote = $"{(simLatency == "probe" ? "probe" : "matched, with no model of a real hop shipped with this build")}: "
                + "loopback cannot apply the scenario's latency model, so the simulator uses a log-normal fitted to a "
                + $"loopback TCP probe here ({probe.Length} round trips, one way median {median:0.###} ms); "
                + $"the real side adds the nodes' own work and the scheduler ({Environment.ProcessorCount} cores shared by every node "
                + "process), which the simulator does not model";
        }
        string firstDir = calibrate ? Path.Combine(dir, "before") : dir;
        Directory.CreateDirectory(firstDir);
        string realScenarioPath = Path.Combine(dir, "real-scenario.json");
        File.WriteAllText(realScenarioPath, JsonSerializer.Serialize(realScenario, Scenario.JsonOptions) + "\n");
        var side = new Sides(scenario.Name!, bed, seed, alpha,
            bed == "netns" ? "real nodes on the namespace bed" : "real nodes on loopback",
            $"{Host.HostProgram.RunCommand} -- compare {Path.GetRelativePath(Environment.CurrentDirectory, scenarioPath)} --bed {bed} "
                + $"--seed {seed}" + (peers is { } n ? $" --peers {n}" : "") + $" --sim-latency {simLatency}"
                + (alpha != 0.01 ? $" --alpha {alpha.ToString(CultureInfo.InvariantCulture)}" : "")
                + (calibrate ? " --calibrate" : "") + $" --null-runs {modelRuns}",
            bed == "netns" ? ScenarioConfig.LatencyOf(realScenario).Describe() + " by the relay" : "none applied (loopback TCP)");

        say($"compare {scenario.Name}: 1/{(calibrate ? 4 : 3)} the simulator (latency {ScenarioConfig.LatencyOf(simScenario).Describe()})");
        var sim = RunSim(simScenario, firstDir, side, quiet, say);

        say($"compare {scenario.Name}: 2/{(calibrate ? 4 : 3)} {side.RealName}");
        string? loadBefore = LoadAverage();
        var realOptions = new RunOptions
            { SeedOverride = seed, OutDir = Path.Combine(dir, "real"), TraceFile = true, Logs = true, Quiet = quiet,
                CommandLine = side.Command };
        var real = RunDoor.Run(realScenario, realOptions, realOptions.OutDir!, say,
            r => ResultsWriter.Write(r, realScenario, realScenarioPath, realOptions));
        if (real.Summary.Extra?.GetValueOrDefault("relay") is { } relay) extra["relay"] = relay;
        // Real nodes share the machine's cores with whatever else runs: how busy it was says how far their timings can be trusted.
        if (loadBefore != null && LoadAverage() is { } loadAfter)
            extra["loadAverage"] = $"1-minute load average {loadBefore} at the real run's start, {loadAfter} at its end, "
                + $"on {Environment.ProcessorCount} cores";
        extra["realChecks"] = CheckCounts.Of(real.Summary.Checks ?? []).Sentence();
        string realTrace = TraceFile.Require(real.OutDir);
        var r = TraceSamples.Read(realTrace);

        if (!calibrate)
        {
            say($"compare {scenario.Name}: 3/3 the simulator's model at {modelRuns} more seeds, for the Monte Carlo test");
            var own = ModelRuns.Of(simScenario, side.Seed, modelRuns, quiet, say, "the simulator's model");
            extra["modelRuns"] = own.Line;
            return Write(side, dir, simScenario, sim, r, latencyNote, extra, null, say, own);
        }
        var before = Write(side, firstDir, simScenario, sim, r, latencyNote, new(extra), null, say);

        say($"compare {scenario.Name}: 3/4 the simulator, calibrated to the real run");
        TraceSamples Trial(FittedLatency latency) =>
            TraceSamples.Read(TraceFile.Require(RunSim(WithLatency(simScenario, SpecOf(latency)), dir, side,
                quiet: true, _ => { }).OutDir));
        var calibration = Calibration.Of(realTrace, Path.GetRelativePath(dir, realTrace), r, seed, Trial, say)
            .WithSlot(r, seed, Trial, (latency, first, count) => ModelRuns.Of(WithLatency(simScenario, SpecOf(latency)), first, count,
                quiet: true, _ => { }).Samples, say);
        var calibrated = WithLatency(simScenario, SpecOf(calibration.Latency));
        say(calibration.Line);
        var simAfter = RunSim(calibrated, dir, side, quiet, say);
        extra["calibration"] = calibration.Line;
        say($"compare {scenario.Name}: 4/4 the calibrated model at {modelRuns} more seeds, for the Monte Carlo test");
        var runs = ModelRuns.Of(calibrated, side.Seed, modelRuns, quiet, say, "the calibrated model");
        extra["modelRuns"] = runs.Line;
        var after = Write(side, dir, calibrated, simAfter, r, calibration.Note, extra, before, say, runs);
        File.WriteAllText(Path.Combine(dir, "calibration.txt"), calibration.Line + "\n");
        if (bed == "loopback")
            LoopbackModel.Of(scenario, seed, real.Summary.Extra?.GetValueOrDefault("nodeProgram") as string, calibration.Line,
                SpecOf(calibration.Latency), loadBefore, LoopbackModel.Shipped()?.ByLoad?.At(
                    HopLoad.CopiesPerCoreSecond(scenario, Environment.ProcessorCount))).WriteTo(dir);
        return after;
    }

    /// <summary>What both sides of one comparison share: names, seed, the command that makes it again.</summary>
    private sealed record Sides(string Scenario, string Bed, ulong Seed, double Alpha, string RealName,
        string Command, string RealLatencyModel);

    private static RunResult RunSim(Scenario simScenario, string dir, Sides side, bool quiet, Action<string> say)
    {
        string simScenarioPath = Path.Combine(dir, "sim-scenario.json");
        File.WriteAllText(simScenarioPath, JsonSerializer.Serialize(simScenario, Scenario.JsonOptions) + "\n");
        var options = new RunOptions
            { SeedOverride = side.Seed, OutDir = Path.Combine(dir, "sim"), TraceFile = true, Logs = true, Quiet = quiet,
                CommandLine = side.Command };
        var sim = RunDoor.Run(simScenario, options, options.OutDir!, quiet ? _ => { } : say,
            r => ResultsWriter.Write(r, simScenario, simScenarioPath, options));
        return sim;
    }

    /// <summary>The KS tests, plots and report files of one simulator run against the real run.</summary>
    private static CompareReport Write(Sides side, string dir, Scenario simScenario, RunResult sim, TraceSamples r, string latencyNote,
        Dictionary<string, object> extra, CompareReport? before, Action<string> say, ModelRuns? runs = null)
    {
        extra["simChecks"] = CheckCounts.Of(sim.Summary.Checks ?? []).Sentence();
        var s = TraceSamples.Read(TraceFile.Require(sim.OutDir));
        double alpha = side.Alpha;
        var metrics = new List<MetricComparison>
        {
            MetricComparison.Of("degree", "degree", "", 1, s.Degrees, r.Degrees, alpha, runs?.Of(t => t.Degrees)),
            MetricComparison.Of("hops", "hop count", "", 1, s.Hops, r.Hops, alpha, runs?.Of(t => t.Hops)),
            MetricComparison.Of("latency", "latency", "ms", 1000, s.LatencySeconds, r.LatencySeconds, alpha,
                runs?.Of(t => t.LatencySeconds)),
            MetricComparison.Of("latencyPerHop", "latency per hop", "ms", 1000, s.LatencyPerHopSeconds, r.LatencyPerHopSeconds, alpha,
                runs?.Of(t => t.LatencyPerHopSeconds)),
        };
        var figures = new Dictionary<string, Figure>
        {
            ["degree"] = CompareCharts.Degrees(metrics[0], side.RealName),
            ["hops"] = CompareCharts.Hops(metrics[1], side.RealName),
            ["latency"] = CompareCharts.Latency(metrics[2], side.RealName, "Gossip latency, creation to first receipt"),
            ["latencyPerHop"] = CompareCharts.Latency(metrics[3], side.RealName, "Latency per hop"),
        };
        var files = new Dictionary<string, string>
            { ["degree"] = "degree.svg", ["hops"] = "hops.svg", ["latency"] = "latency.svg", ["latencyPerHop"] = "latency-per-hop.svg" };
        // .svg and .png of each; compare.html holds the SVGs inline.
        var svgs = files.ToDictionary(f => f.Key, f => ChartRenderer.InlineSvg(
            ChartRenderer.Save(figures[f.Key], Path.Combine(dir, Path.GetFileNameWithoutExtension(f.Value)))));
        var report = new CompareReport
        {
            Scenario = side.Scenario,
            Bed = side.Bed == "netns" ? "the namespace bed (one network namespace and address per node, delay by the relay)"
                : "loopback (one process per node on 127.0.0.1)",
            RealName = side.RealName,
            Seed = side.Seed,
            SimLatencyModel = ScenarioConfig.LatencyOf(simScenario).Describe(),
            RealLatencyModel = side.RealLatencyModel,
            LatencyNote = latencyNote,
            Metrics = metrics,
            Alpha = alpha,
            Extra = extra,
            Plots = files,
            Before = before,
        };
        File.WriteAllText(Path.Combine(dir, "compare.json"), report.ToJson());
        File.WriteAllText(Path.Combine(dir, "compare.md"), report.ToMarkdown());
        File.WriteAllText(Path.Combine(dir, "compare.html"), report.ToHtml(svgs));
        File.WriteAllText(Path.Combine(dir, "repro.txt"), "# reproduce this comparison from the repository root:\n" + side.Command + "\n");
        foreach (var m in metrics) say("  " + m.Verdict);
        return report;
    }

    /// <summary>The report's line on the load the comparison's simulator was given, and the factors it took from it.</summary>
    public static string HopCostLine(double load, int cores, double factor, double spread, HopCostByLoad? byLoad) =>
        byLoad is null
            ? string.Create(CultureInfo.InvariantCulture,
                $"load {load:0} copies of gossip a core a second (not applied: the shipped model has no factors by load)")
            : string.Create(CultureInfo.InvariantCulture,
                $"load {load:0} copies of gossip a core a second ({cores} cores; {byLoad.ReferenceLoad:0} where the model was measured): "
                + $"every gossip delay of the model times {factor:0.###}, its tables spread to the power {spread:0.###} around their medians");

    /// <summary>The 1-minute load average (Linux), or null where there is none.</summary>
    private static string? LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>
    /// A deep copy of a scenario, as the comparison runs and writes it. An empirical latency measured
    /// from a trace is carried as its table, so the written scenario stands alone (and a path relative
    /// to the original file does not have to resolve from the comparison's folder).
    /// </summary>
    public static Scenario Copy(Scenario s)
    {
        var copy = JsonCopy(s);
        if (s.Network.Latency.Measured is { } measured)
        {
            copy.Network.Latency.From = null;
            copy.Network.Latency.QuantilesMs = measured.ToList();
        }
        return copy;
    }

    /// <summary>A copy of the scenario that runs with another latency model (a candidate of the fit, or the calibrated one).</summary>
    private static Scenario WithLatency(Scenario s, LatencySpec latency)
    {
        var copy = Copy(s);
        copy.Network.Latency = latency;
        return copy;
    }

    /// <summary>A fitted model as the scenario's empirical latency (lists of its own: a scenario is edited in place).</summary>
    public static LatencySpec SpecOf(FittedLatency l) => new()
    {
        Model = "empirical",
        QuantilesMs = l.QuantilesMs.ToList(),
        ReceiverQuantilesMs = l.ReceiverQuantilesMs?.ToList(),
        MessageFactorMedian = l.MessageFactorMedian,
        MessageFactorSigma = l.MessageFactorSigma,
        SlotQuantilesMs = l.SlotQuantilesMs?.ToList(),
        SlotWakeWeight = l.SlotWakeWeight,
    };

    /// <summary>A deep copy through the scenario file's JSON: every field a scenario can hold, and nothing shared.</summary>
    private static T JsonCopy<T>(T value)
        => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Scenario.JsonOptions), Scenario.JsonOptions)!;
}

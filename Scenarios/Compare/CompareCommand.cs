using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Trace;
using GossipSim.Engine.Config;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Netns;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Sim;

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
        var bed = new Option<string>("--bed") { Description = "Where the real nodes run: loopback (processes on 127.0.0.1) or netns (the namespace bed, needs root)", DefaultValueFactory = _ => "loopback" };
        bed.AcceptOnlyFromAmong("loopback", "netns");
        var seed = new Option<ulong?>("--seed") { Description = "Random seed of both runs (default: the scenario's)" };
        var outDir = new Option<string?>("--out") { Description = "Output directory (default: results/<scenario name>/compare, or .../compare-netns with --bed netns)" };
        var simLatency = new Option<string>("--sim-latency")
        {
            Description = "The simulator's latency model: matched (default: on netns the scenario's, which the bed's relay applies; on loopback a log-normal fitted to a loopback TCP probe) or scenario (the scenario's as written)",
            DefaultValueFactory = _ => "matched",
        };
        simLatency.AcceptOnlyFromAmong("matched", "scenario");
        var alpha = new Option<double>("--alpha") { Description = "Significance level of the KS tests", DefaultValueFactory = _ => 0.01 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress lines" };
        var calibrate = new Option<bool>("--calibrate")
        {
            Description = "Then fit the simulator's latency to the real run (its per-hop delays, an empirical model) and run the simulator again: the first comparison goes to before/, the calibrated one to the folder, and calibration.txt says what the model is",
        };
        var cmd = new Command("compare", "Run a scenario on the simulator and on real nodes and compare their degree distributions, hop counts and latencies (KS tests, overlaid plots, a verdict)")
        {
            scenarioArg, bed, seed, outDir, simLatency, alpha, quiet, calibrate,
        };
        cmd.SetAction(r => Run(r.GetValue(scenarioArg)!, r.GetValue(bed)!, r.GetValue(seed), r.GetValue(outDir), r.GetValue(simLatency)!, r.GetValue(alpha), r.GetValue(quiet), r.GetValue(calibrate)));
        return cmd;
    }

    public static int Run(string scenarioName, string bed, ulong? seedOverride, string? outDir, string simLatency, double alpha, bool quiet, bool calibrate = false)
    {
        try
        {
            if (alpha is <= 0 or >= 1) throw new ScenarioException($"--alpha: {alpha.ToString(CultureInfo.InvariantCulture)} is not a significance level in (0, 1)");
            string path = ScenarioLoader.Resolve(scenarioName);
            var scenario = ScenarioLoader.Load(path);
            if (bed == "netns" && NetnsBed.Unavailable() is { } why)
                throw new NamespacesUnavailableException($"--bed netns cannot run on this machine: {why}");
            Real.RealRunner.RefuseChurn(scenario); // before the simulator's half, which would run for nothing
            string dir = Path.GetFullPath(outDir ?? Path.Combine("results", scenario.Name!, bed == "netns" ? "compare-netns" : "compare"));
            Directory.CreateDirectory(dir);
            using var folder = Results.RunFolderLock.Take(dir);
            var report = Compare(scenario, path, bed, seedOverride ?? scenario.Seed, dir, simLatency, alpha, quiet, Console.WriteLine, calibrate);
            if (report.Before is { } before) Console.WriteLine("before calibration, " + before.VerdictLine);
            if (report.Extra.GetValueOrDefault("calibration") is string calibration) Console.WriteLine(calibration);
            Console.WriteLine(report.VerdictLine);
            Console.WriteLine($"comparison: {Path.GetRelativePath(Environment.CurrentDirectory, dir)}/compare.md");
            return 0;
        }
        catch (Exception ex) when (ex is ScenarioException or SeedListException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }
        catch (NamespacesUnavailableException ex)
        {
            Console.Error.WriteLine($"error: namespaces unavailable: {ex.Message}");
            return Engine.Core.ExitCodes.Failed;
        }
        catch (BedException ex)
        {
            Console.Error.WriteLine($"error: the namespace bed failed (it has been torn down): {ex.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Both runs, the samples, the tests, the plots and the report files; returns the report.
    /// With <paramref name="calibrate"/> the comparison just made moves to before/, and the
    /// simulator runs again with the per-hop delays measured on the real side (<see cref="Calibration"/>).
    /// </summary>
    public static CompareReport Compare(Scenario scenario, string scenarioPath, string bed, ulong seed, string dir, string simLatency, double alpha, bool quiet, Action<string> say, bool calibrate = false)
    {
        var simScenario = Copy(scenario);
        simScenario.Runtime = "sim";
        var realScenario = Copy(scenario);
        realScenario.Runtime = bed == "netns" ? "netns" : "real";
        var extra = new Dictionary<string, object>();
        string latencyNote;
        if (simLatency == "scenario")
        {
            latencyNote = bed == "netns"
                ? "the simulator and the bed's relay both apply the scenario's latency model"
                : "the simulator applies the scenario's latency model as written; loopback cannot apply it, so the real side's latency is the loopback's own (sub-millisecond) plus the nodes' work and scheduling";
        }
        else if (bed == "netns")
        {
            latencyNote = "matched: the simulator and the bed's relay both apply the scenario's latency model one way per message; the real side adds the nodes' own work, TCP, and the relay's timer error, which the simulator does not model";
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
            latencyNote = $"matched: loopback cannot apply the scenario's latency model, so the simulator uses a log-normal fitted to a loopback TCP probe here ({probe.Length} round trips, one way median {median:0.###} ms); " +
                          "the real side adds the nodes' own work and the scheduler (2 cores shared by every node process), which the simulator does not model";
        }
        string firstDir = calibrate ? Path.Combine(dir, "before") : dir;
        Directory.CreateDirectory(firstDir);
        string realScenarioPath = Path.Combine(dir, "real-scenario.json");
        File.WriteAllText(realScenarioPath, JsonSerializer.Serialize(realScenario, Scenario.JsonOptions) + "\n");
        var side = new Sides(scenario.Name!, bed, seed, alpha,
            bed == "netns" ? "real nodes on the namespace bed" : "real nodes on loopback",
            $"dotnet run --project Scenarios -- compare {Path.GetRelativePath(Environment.CurrentDirectory, scenarioPath)} --bed {bed} --seed {seed} --sim-latency {simLatency}{(calibrate ? " --calibrate" : "")}",
            bed == "netns" ? ScenarioConfig.LatencyOf(realScenario).Describe() + " by the relay" : "none applied (loopback TCP)");

        say($"compare {scenario.Name}: 1/{(calibrate ? 3 : 2)} the simulator (latency {ScenarioConfig.LatencyOf(simScenario).Describe()})");
        var sim = RunSim(simScenario, firstDir, side, quiet, say);

        say($"compare {scenario.Name}: 2/{(calibrate ? 3 : 2)} {side.RealName}");
        string? loadBefore = LoadAverage();
        var realOptions = new RunOptions { SeedOverride = seed, OutDir = Path.Combine(dir, "real"), TraceFile = true, Logs = true, Quiet = quiet, CommandLine = side.Command };
        var real = bed == "netns"
            ? NetnsRunner.Run(realScenario, realOptions, realOptions.OutDir!, say)
            : Real.RealRunner.Run(realScenario, realOptions, realOptions.OutDir!, say);
        ResultsWriter.Write(real, realScenario, realScenarioPath, realOptions);
        if (real.Summary.Extra?.GetValueOrDefault("relay") is { } relay) extra["relay"] = relay;
        // Real nodes share the machine's cores with whatever else runs: how busy it was says how far their timings can be trusted.
        if (loadBefore != null && LoadAverage() is { } loadAfter)
            extra["loadAverage"] = $"1-minute load average {loadBefore} at the real run's start, {loadAfter} at its end, on {Environment.ProcessorCount} cores";
        extra["realChecks"] = CheckCounts.Of(real.Summary.Checks ?? []).Sentence();
        string realTrace = TraceFile.Require(real.OutDir);
        var r = TraceSamples.Read(realTrace);

        var before = Write(side, firstDir, simScenario, sim, r, latencyNote, new(extra), null, say);
        if (!calibrate) return before;

        say($"compare {scenario.Name}: 3/3 the simulator, calibrated to the real run");
        var calibration = Calibration.Of(realTrace, Path.GetRelativePath(dir, realTrace), r, seed, latency =>
        {
            var trial = Copy(simScenario);
            trial.Network.Latency = latency;
            return TraceSamples.Read(TraceFile.Require(RunSim(trial, dir, side, quiet: true, _ => { }).OutDir));
        }, say);
        var calibrated = Copy(simScenario);
        calibrated.Network.Latency = calibration.Latency;
        say(calibration.Line);
        var simAfter = RunSim(calibrated, dir, side, quiet, say);
        extra["calibration"] = calibration.Line;
        extra["otherSeeds"] = OtherSeeds(calibrated, side, r, say);
        var after = Write(side, dir, calibrated, simAfter, r, calibration.Note, extra, before, say);
        File.WriteAllText(Path.Combine(dir, "calibration.txt"), calibration.Line + "\n");
        return after;
    }

    /// <summary>What both sides of one comparison share: names, seed, the command that makes it again.</summary>
    private sealed record Sides(string Scenario, string Bed, ulong Seed, double Alpha, string RealName, string Command, string RealLatencyModel);

    private static RunResult RunSim(Scenario simScenario, string dir, Sides side, bool quiet, Action<string> say)
    {
        string simScenarioPath = Path.Combine(dir, "sim-scenario.json");
        File.WriteAllText(simScenarioPath, JsonSerializer.Serialize(simScenario, Scenario.JsonOptions) + "\n");
        var options = new RunOptions { SeedOverride = side.Seed, OutDir = Path.Combine(dir, "sim"), TraceFile = true, Logs = true, Quiet = quiet, CommandLine = side.Command };
        var sim = SimRunner.Run(simScenario, options, options.OutDir!, quiet ? _ => { } : say);
        ResultsWriter.Write(sim, simScenario, simScenarioPath, options);
        return sim;
    }

    /// <summary>The KS tests, plots and report files of one simulator run against the real run.</summary>
    private static CompareReport Write(Sides side, string dir, Scenario simScenario, RunResult sim, TraceSamples r, string latencyNote,
        Dictionary<string, object> extra, CompareReport? before, Action<string> say)
    {
        extra["simChecks"] = CheckCounts.Of(sim.Summary.Checks ?? []).Sentence();
        var s = TraceSamples.Read(TraceFile.Require(sim.OutDir));
        double alpha = side.Alpha;
        var metrics = new List<MetricComparison>
        {
            MetricComparison.Of("degree", "degree", "", 1, s.Degrees, r.Degrees, alpha),
            MetricComparison.Of("hops", "hop count", "", 1, s.Hops, r.Hops, alpha),
            MetricComparison.Of("latency", "latency", "ms", 1000, s.LatencySeconds, r.LatencySeconds, alpha),
            MetricComparison.Of("latencyPerHop", "latency per hop", "ms", 1000, s.LatencyPerHopSeconds, r.LatencyPerHopSeconds, alpha),
        };
        var figures = new Dictionary<string, Figure>
        {
            ["degree"] = CompareCharts.Degrees(metrics[0], side.RealName),
            ["hops"] = CompareCharts.Hops(metrics[1], side.RealName),
            ["latency"] = CompareCharts.Latency(metrics[2], side.RealName, "Gossip latency, creation to first receipt"),
            ["latencyPerHop"] = CompareCharts.Latency(metrics[3], side.RealName, "Latency per hop"),
        };
        var files = new Dictionary<string, string> { ["degree"] = "degree.svg", ["hops"] = "hops.svg", ["latency"] = "latency.svg", ["latencyPerHop"] = "latency-per-hop.svg" };
        // .svg and .png of each; compare.html holds the SVGs inline.
        var svgs = files.ToDictionary(f => f.Key, f => ChartRenderer.InlineSvg(ChartRenderer.Save(figures[f.Key], Path.Combine(dir, Path.GetFileNameWithoutExtension(f.Value)))));
        var report = new CompareReport
        {
            Scenario = side.Scenario,
            Bed = side.Bed == "netns" ? "the namespace bed (one network namespace and address per node, delay by the relay)" : "loopback (one process per node on 127.0.0.1)",
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

    /// <summary>Seeds after the comparison's own that the calibrated model also runs at: how far its own runs scatter.</summary>
    public const int OtherSeedRuns = 4;

    /// <summary>
    /// The calibrated model run at other seeds, each against the same real run: one run is one
    /// overlay and one draw of every message's delays, and deliveries of one message are not
    /// independent, so D between two runs of one model is not near 0. The range says how much of
    /// the comparison's D is that scatter. Those runs go to a temporary folder.
    /// </summary>
    private static string OtherSeeds(Scenario calibrated, Sides side, TraceSamples real, Action<string> say)
    {
        string tmp = Directory.CreateTempSubdirectory("gossipsim-seeds-").FullName;
        try
        {
            var runs = Enumerable.Range(1, OtherSeedRuns).Select(k =>
            {
                var s = TraceSamples.Read(TraceFile.Require(RunSim(calibrated, tmp, side with { Seed = side.Seed + (ulong)k }, quiet: true, _ => { }).OutDir));
                return (Hops: KolmogorovSmirnov.TwoSample(s.Hops, real.Hops), Latency: KolmogorovSmirnov.TwoSample(s.LatencySeconds, real.LatencySeconds));
            }).ToList();
            string Range(IEnumerable<KsResult> ks) => string.Create(CultureInfo.InvariantCulture,
                $"D {ks.Min(k => k.D):0.000}–{ks.Max(k => k.D):0.000} ({ks.Count(k => k.PValue >= side.Alpha)} of {OtherSeedRuns} consistent at α = {side.Alpha})");
            string line = $"the calibrated model at seeds {side.Seed + 1}–{side.Seed + OtherSeedRuns}, each against the same real run: hop count {Range(runs.Select(r => r.Hops))}, latency {Range(runs.Select(r => r.Latency))}; " +
                          "one run is one overlay and one draw of every message's delays, so this is how far the model's own runs scatter";
            say("  " + line);
            return line;
        }
        finally { Directory.Delete(tmp, recursive: true); }
    }

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
        var copy = JsonSerializer.Deserialize<Scenario>(JsonSerializer.Serialize(s, Scenario.JsonOptions), Scenario.JsonOptions)!;
        if (s.Network.Latency.Measured is { } measured)
        {
            copy.Network.Latency.From = null;
            copy.Network.Latency.QuantilesMs = measured.ToList();
        }
        return copy;
    }
}

using System.Globalization;
using System.Text.Json;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;

namespace GossipSim.Scenarios.Soak;

/// <summary>A finished soak: the run's summary, the soak's own checks and the resource trends they rest on.</summary>
public sealed record SoakOutcome(Analysis.Summary.RunSummary Summary, IReadOnlyList<CheckResult> Checks, IReadOnlyList<LifeTrend> Trends,
    int ShortLives, int Samples, string OutDir)
{
    /// <summary>No check failed, the run's or the soak's.</summary>
    public bool Passed => !Summary.Checks!.Any(c => c.Failed) && !Checks.Any(c => c.Failed);
}

/// <summary>
/// A soak: its scenario written into the results folder and run through the one run path (the real runtime's orchestrator and
/// its fault interpreter carry out the churn), every node's /proc read at each watch, then the run's results as for any run plus
/// resources.csv, the resource plot, soak.json and the soak's checks: no false removal, every message owed delivered, every
/// long-lived node's RSS, descriptors and threads flat.
/// </summary>
public static class SoakRun
{
    public const string NoFalseRemoval = "soak: no false removal";
    public const string OwedDelivered = "soak: every message owed delivered";
    public const string ResourcesFlat = "soak: every node's RSS, descriptors and threads flat";
    public const string ResourcesSampled = "soak: resources sampled";

    /// <exception cref="ScenarioException">A setting is out of range, or the folder is in use.</exception>
    public static SoakOutcome Run(SoakSettings settings, string outDir, string commandLine, Action<string> say)
    {
        outDir = Path.GetFullPath(outDir);
        using var folder = RunFolderLock.Take(outDir);
        var scenario = SoakScenario.Make(settings);
        string scenarioPath = Path.Combine(outDir, "scenario.json");
        File.WriteAllText(scenarioPath, JsonSerializer.Serialize(scenario, Scenario.JsonOptions) + "\n");
        scenario = ScenarioLoader.Load(scenarioPath); // checked as any scenario file is
        var plan = SoakScenario.PlanOf(scenario, settings);
        say($"soak: {settings.Seeds} seeds and {settings.Peers} peers for {settings.Minutes} min, protocol {settings.ProtocolName}, seed "
            + $"{settings.Seed}; churn from {plan.From:F0} s to {plan.Until:F0} s: {scenario.Faults.Count} steps drawn from the seed "
            + $"(scenario.json lists them); resources every {settings.SampleSeconds} s into "
            + $"{Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(outDir, ResourceLog.FileName))}");
        using var log = new ResourceLog(outDir);
        var options = new RunOptions
        {
            Quiet = true, // the soak prints its own line at each sample
            TraceFile = true,
            Logs = false,
            CommandLine = commandLine,
            ReproCommand = commandLine,
            Watch = new NodeWatch(settings.SampleSeconds, (t, nodes) => say(ProgressLine(t, settings.Minutes, log.Take(t, nodes)))),
        };
        var result = RunDoor.Run(scenario, options, outDir, say, r => ResultsWriter.Write(r, scenario, scenarioPath, options, say));
        var outcome = Judge(outDir, scenario, result.Summary, log.Samples, SoakHeader.Of(settings));
        // The last watch comes just before the nodes stop: the window ends there.
        ChartRenderer.Save(ResourcePlot.Figure(log.Samples, RunEnd(log.Samples, scenario), $"soak {settings.ProtocolName}"),
            Path.Combine(outDir, ResourcePlot.FileName));
        return outcome;
    }

    /// <summary>
    /// Judges a finished soak's folder again from what it holds (scenario.json, summary.json, resources.csv, the trace and soak.json's
    /// settings) without running anything, and writes soak.json anew: the one judgement a soak makes at its end.
    /// </summary>
    /// <exception cref="ScenarioException">The folder is missing, or a file the judgement needs is missing or unreadable.</exception>
    public static SoakOutcome Rejudge(string outDir)
    {
        outDir = Path.GetFullPath(outDir);
        if (!Directory.Exists(outDir)) throw new ScenarioException($"{outDir}: no such folder");
        string Need(string name)
        {
            string path = Path.Combine(outDir, name);
            return File.Exists(path) ? path
                : throw new ScenarioException($"{outDir} holds no {name}: is it a soak's results folder (soak --out)?");
        }
        string scenarioPath = Need("scenario.json"), summaryPath = Need("summary.json"), samplesPath = Need(ResourceLog.FileName),
            soakPath = Need(SoakJsonName);
        if (Analysis.Trace.TraceFile.Find(outDir) == null)
            throw new ScenarioException($"{outDir} holds no {Analysis.Trace.TraceFile.Compressed}: descriptors are judged net of each "
                + "node's links, which only the run's trace tells (git keeps no example run's trace: judge the folder the soak wrote)");
        try
        {
            var scenario = ScenarioLoader.Load(scenarioPath);
            var summary = Analysis.Summary.RunSummary.FromJson(File.ReadAllText(summaryPath));
            if (summary.Checks == null) throw new ScenarioException($"{summaryPath}: holds no checks");
            var samples = ResourceLog.Read(samplesPath);
            var header = SoakHeader.Read(soakPath);
            using var folder = RunFolderLock.Take(outDir);
            return Judge(outDir, scenario, summary, samples, header);
        }
        catch (Exception e) when (e is JsonException or FormatException or IndexOutOfRangeException or InvalidDataException
            or KeyNotFoundException or InvalidOperationException)
        {
            throw new ScenarioException($"{outDir}: cannot judge it again: {e.Message}");
        }
    }

    public const string SoakJsonName = "soak.json";

    private static double RunEnd(IReadOnlyList<ResourceSample> samples, Scenario scenario) =>
        samples.Count > 0 ? samples.Max(x => x.Seconds) : scenario.DurationSeconds!.Value;

    /// <summary>The soak's checks over a finished run's results, written into soak.json.</summary>
    private static SoakOutcome Judge(string outDir, Scenario scenario, Analysis.Summary.RunSummary summary,
        IReadOnlyList<ResourceSample> samples, SoakHeader header)
    {
        double runEnd = RunEnd(samples, scenario);
        double fill = FillSeconds(scenario);
        var owed = new OwedDeliveries();
        var links = new LinkCounts(TimeOrigin(summary));
        foreach (var e in Analysis.Trace.TraceFile.Read(Analysis.Trace.TraceFile.Require(outDir)))
        {
            owed.Write(e);
            links.Write(e);
        }
        var (trends, shortLives) = ResourceVerdicts.Judge(samples, runEnd, fill, links, ResourceVerdicts.HeldSeconds);
        var owedResult = owed.Result();
        var checks = new List<CheckResult>
        {
            samples.Count == 0
                ? CheckResult.Fail(ResourcesSampled, "every node process is read at each watch", "no sample was taken (no /proc here?)")
                : CheckResult.Pass(ResourcesSampled, $"{samples.Count:N0} samples of {samples.Select(s => s.Pid).Distinct().Count()} "
                    + $"node processes in {ResourceLog.FileName}"),
            FalseRemovalCheck(summary),
            OwedCheck(owedResult),
            FlatCheck(trends, shortLives, runEnd, fill),
        };
        var outcome = new SoakOutcome(summary, checks, trends, shortLives, samples.Count, outDir);
        File.WriteAllText(Path.Combine(outDir, SoakJsonName), SoakJson(header, outcome, owedResult, runEnd) + "\n");
        return outcome;
    }

    /// <summary>
    /// No live peer removed. A removal the run's own check explains by the machine (the peer's node held up as long as a seed's probe
    /// waits, so from outside it was as dead as a crashed one: <see cref="Analysis.Checks.TraceChecks.MachineHeldUp"/>) is not the
    /// protocol's: the check is then not exercised, as the run's is, and the run's "every removed live peer rejoined" judges the rest.
    /// </summary>
    public static CheckResult FalseRemovalCheck(Analysis.Summary.RunSummary summary)
    {
        if (summary.FalseRemovals == 0) return CheckResult.Pass(NoFalseRemoval, "no seed removed a peer that had not crashed or left");
        var run = summary.Checks?.FirstOrDefault(Analysis.Checks.TraceChecks.MachineHeldUp);
        return run != null
            ? CheckResult.NotExercised(NoFalseRemoval, $"{summary.FalseRemovals} live peers removed, as the run's check says: {run.Detail}")
            : CheckResult.Fail(NoFalseRemoval, "no seed removes a peer that has not crashed or left", $"{summary.FalseRemovals} live peers removed");
    }

    /// <summary>The run's time zero in the trace's clock: a real run's summary says it in Unix seconds.</summary>
    private static TimeSpan TimeOrigin(Analysis.Summary.RunSummary summary) =>
        summary.Extra?.GetValueOrDefault("timeOriginUnixSeconds") switch
        {
            double d => TimeSpan.FromSeconds(d),
            JsonElement { ValueKind: JsonValueKind.Number } j => TimeSpan.FromSeconds(j.GetDouble()),
            _ => throw new InvalidDataException("summary.json has no extra.timeOriginUnixSeconds (a real run's time zero)"),
        };

    public static CheckResult OwedCheck(OwedResult owed) =>
        owed.Messages == 0 ? CheckResult.NotExercised(OwedDelivered, "no message had its delivery window inside the run")
        : owed.AllDelivered ? CheckResult.Pass(OwedDelivered, $"{owed.Delivered:N0} deliveries of {owed.Messages:N0} messages to every peer "
            + $"up and linked from their creation to {OwedDeliveries.Window.TotalSeconds:0} s after")
        : CheckResult.Fail(OwedDelivered, $"a message reaches every peer up and linked from its creation to "
            + $"{OwedDeliveries.Window.TotalSeconds:0} s after", $"{owed.Owed - owed.Delivered:N0} of {owed.Owed:N0} owed deliveries "
            + $"missing; first: {owed.FirstMissed}");

    /// <summary>How long a node's state grows by design: its Message List keeps each message a lifetime (and Plumtree its payloads
    /// for their retention); a minute more for the heaps to settle after it.</summary>
    public static double FillSeconds(Scenario s)
    {
        var p = ScenarioConfig.PeerConfigOf(s);
        return Math.Max(p.MessageListTtl.TotalSeconds, p.PayloadRetention.TotalSeconds) + 60;
    }

    /// <summary>Passed when every judged life holds all three resources flat; not exercised when no life covered half the window after
    /// its warm-up (a run shorter than about 15 minutes: the Message List alone fills for 5).</summary>
    public static CheckResult FlatCheck(IReadOnlyList<LifeTrend> trends, int shortLives, double runEndSeconds, double fillSeconds = 0)
    {
        var (from, to) = ResourceTrend.Window(runEndSeconds);
        string window = string.Create(CultureInfo.InvariantCulture, $"{from / 60:0.#}-{to / 60:0.#} min");
        string bounds = string.Join(", ", Enum.GetValues<Resource>().Select(r => r == Resource.Descriptors
            ? string.Create(CultureInfo.InvariantCulture, $"{ResourceVerdicts.Name(r)} (the lowest of each {ResourceVerdicts.HeldSeconds / 60:0.#} "
                + $"min) growing <= {ResourceVerdicts.Bound(r)} {ResourceVerdicts.Unit(r)}")
            : string.Create(CultureInfo.InvariantCulture, $"|{ResourceVerdicts.Name(r)}| <= {ResourceVerdicts.Bound(r)} {ResourceVerdicts.Unit(r)}")));
        if (trends.Count == 0)
        {
            string earliest = (ResourceTrend.CountedFrom(runEndSeconds, 0, fillSeconds) / 60).ToString("0.#", CultureInfo.InvariantCulture);
            string fill = (fillSeconds / 60).ToString("0.#", CultureInfo.InvariantCulture);
            return CheckResult.NotExercised(ResourcesFlat, $"no node process lived through half the window ({window}) after its warm-up "
                + $"(a process's samples count from {earliest} min at the earliest: the node's state fills for {fill} min by design); "
                + $"{shortLives} lives too short. Run 15 minutes or more");
        }
        var bad = trends.Where(t => !ResourceTrend.Passes(t.Verdict)).ToList();
        int lives = trends.Select(t => (t.Node, t.Pid)).Distinct().Count();
        if (bad.Count > 0)
            return CheckResult.Fail(ResourcesFlat, $"each node's slope over {window} within {bounds}, or within 2 standard errors of 0",
                $"{bad.Count} of {trends.Count} trends not flat: {string.Join("; ", bad.Take(3).Select(b => b.Line()))}");
        return CheckResult.Pass(ResourcesFlat, $"{lives} node processes over {window}: {Worst(trends)} (bounds {bounds}, or within 2 "
            + $"standard errors of 0); {shortLives} shorter lives not judged");
    }

    /// <summary>"largest RSS slope +12.3 ± 4.5 KiB/min (peer:7), ...": the worst trend of each resource (of the descriptors less
    /// links, the steepest growth: only growth fails them).</summary>
    public static string Worst(IReadOnlyList<LifeTrend> trends) => string.Join(", ", Enum.GetValues<Resource>()
        .Select(r => trends.Where(t => t.Resource == r).MaxBy(t => r == Resource.Descriptors ? t.Fit.Slope : Math.Abs(t.Fit.Slope)))
        .OfType<LifeTrend>()
        .Select(t => string.Create(CultureInfo.InvariantCulture, $"largest {ResourceVerdicts.Name(t.Resource)} slope "
            + $"{t.Fit.Slope:+0.###;-0.###;0} ± {t.Fit.StandardError:0.###} {ResourceVerdicts.Unit(t.Resource)} ({t.Node}, {t.Verdict})")));

    public static string ProgressLine(double seconds, double minutes, IReadOnlyList<ResourceSample> taken)
    {
        if (taken.Count == 0) return string.Create(CultureInfo.InvariantCulture, $"  t {seconds / 60,5:0.0}/{minutes:0.#} min  no node process sampled");
        int seeds = taken.Count(s => s.Node.StartsWith("seed", StringComparison.Ordinal));
        return string.Create(CultureInfo.InvariantCulture,
            $"  t {seconds / 60,5:0.0}/{minutes:0.#} min  nodes {taken.Count} ({seeds} seeds, {taken.Count - seeds} peers)  RSS total "
            + $"{taken.Sum(s => s.Resources.RssKiB) / 1048576.0:0.00} GiB, max {taken.Max(s => s.Resources.RssKiB) / 1024.0:0.0} MiB  fds max "
            + $"{taken.Max(s => s.Resources.Descriptors)} (sockets {taken.Max(s => s.Resources.Sockets)})  threads max "
            + $"{taken.Max(s => s.Resources.Threads)}");
    }

    private static string SoakJson(SoakHeader header, SoakOutcome o, OwedResult owed, double runEnd)
    {
        var (from, to) = ResourceTrend.Window(runEnd);
        var doc = new Dictionary<string, object?>
        {
            ["protocol"] = header.Protocol,
            ["seeds"] = header.Seeds,
            ["peers"] = header.Peers,
            ["minutes"] = header.Minutes,
            ["seed"] = header.Seed,
            ["durationSeconds"] = runEnd,
            ["passed"] = o.Passed,
            ["runChecks"] = o.Summary.Checks!.Select(c => new { c.Name, Verdict = CheckResult.Word(c.Verdict), c.Detail, c.FirstViolation }),
            ["soakChecks"] = o.Checks.Select(c => new { c.Name, Verdict = CheckResult.Word(c.Verdict), c.Detail, c.FirstViolation }),
            ["owed"] = new { owed.Messages, owed.Owed, owed.Delivered, owed.FirstMissed },
            ["samples"] = o.Samples,
            ["window"] = new { fromSeconds = from, toSeconds = to },
            ["bounds"] = Enum.GetValues<Resource>().ToDictionary(ResourceVerdicts.Name, r => new { perMinute = ResourceVerdicts.Bound(r),
                unit = ResourceVerdicts.Unit(r) }),
            ["descriptorsHeldSeconds"] = ResourceVerdicts.HeldSeconds,
            ["livesJudged"] = o.Trends.Select(t => (t.Node, t.Pid)).Distinct().Count(),
            ["livesTooShort"] = o.ShortLives,
            ["trends"] = o.Trends.Select(t => new { t.Node, t.Pid, resource = ResourceVerdicts.Name(t.Resource), slopePerMinute = Round(t.Fit.Slope),
                standardError = Round(t.Fit.StandardError), points = t.Fit.Points, mean = Round(t.Fit.Mean), verdict = t.Verdict.ToString() }),
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
    }

    /// <summary>What soak.json says of the soak's settings, kept when a folder is judged again.</summary>
    private sealed record SoakHeader(string Protocol, int Seeds, int Peers, double Minutes, ulong Seed)
    {
        public static SoakHeader Of(SoakSettings s) => new(s.ProtocolName, s.Seeds, s.Peers, s.Minutes, s.Seed);

        public static SoakHeader Read(string soakJson)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(soakJson));
            var r = doc.RootElement;
            return new SoakHeader(r.GetProperty("protocol").GetString() ?? "", r.GetProperty("seeds").GetInt32(), r.GetProperty("peers").GetInt32(),
                r.GetProperty("minutes").GetDouble(), r.GetProperty("seed").GetUInt64());
        }
    }

    private static double Round(double v) => double.IsFinite(v) ? Math.Round(v, 4) : -1;
}

using System.CommandLine;
using System.Text.Json;
using GossipSim.Analysis.Fitting;
using GossipSim.Analysis.Plots;
using GossipSim.Engine.Config;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Compare;

/// <summary>
/// `compare-protocols SCENARIO`: runs the scenario on the simulator once per combination of broadcast protocol (flood, plumtree, or
/// any on the menu: rumour),
/// overlay (seed-pa, hyparview) and failure detector (classic, swim), with the same seed, so the same peers join, the same faults
/// strike the same victims; each run gets its own results folder, and one report puts their figures side by side
/// (<see cref="ProtocolComparison"/>) with their latency CDFs overlaid. A combination is named by its broadcast, with "+hyparview" on
/// HyParView's overlay and "+swim" under SWIM: flood, plumtree+swim, flood+hyparview+swim.
/// </summary>
public static class CompareProtocolsCommand
{
    // The menu's broadcasts: the engine's own and every one a host registered at start-up (ProtocolMenu), read when used.
    private static string[] AllBroadcasts => [.. PeerTunables.BroadcastNames];
    // The default runs the engine's own broadcasts, as before a host could register more: a registered one is run by naming it.
    private static readonly string[] BuiltInBroadcasts = TunableChoice.NamesOf<BroadcastProtocol>();
    // The detectors likewise: the engine's own (the default) and every one a host registered, read when used.
    private static string[] AllDetectors => [.. PeerTunables.DetectorNames];
    private static readonly string[] BuiltInDetectors = TunableChoice.NamesOf<FailureDetector>();
    // The overlays likewise: every one on the menu, a host's among them (the default: the scenario's own).
    private static string[] AllOverlays => [.. PeerTunables.OverlayNames];

    public static Command Create()
    {
        var scenarioArg = new Argument<string>("scenario") { Description = "A scenario file (path or bare name in Scenarios/scenarios/)" };
        var broadcast = new Option<string>("--broadcast")
        {
            Description = $"The broadcast protocols to run, comma-separated, from {string.Join(", ", AllBroadcasts)}",
            DefaultValueFactory = _ => string.Join(",", BuiltInBroadcasts),
        };
        var detector = new Option<string>("--failure-detector")
        {
            Description = $"The failure detectors to run, comma-separated, from {string.Join(", ", AllDetectors)}; each with each broadcast",
            DefaultValueFactory = _ => string.Join(",", BuiltInDetectors),
        };
        var overlay = new Option<string?>("--overlay")
        {
            Description = $"The overlays to run, comma-separated, from {string.Join(", ", AllOverlays)}; each with each broadcast and "
                + "detector (default: the scenario's)",
        };
        var seed = new Option<ulong?>("--seed") { Description = "Random seed of every run (default: the scenario's)" };
        var outDir = new Option<string?>("--out") { Description = "Output directory (default: results/<scenario name>/protocols)" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress lines" };
        var cmd = new Command("compare-protocols", "Run a scenario on the simulator once per broadcast protocol and failure detector (the "
            + "same seed, joins and victims) and write one report of their figures side by side: delivery, payload redundancy, IHAVE "
            + "and GRAFT per receipt, latency, hops, load per peer, failure timeline, suspicions and probes")
        {
            scenarioArg, broadcast, detector, overlay, seed, outDir, quiet,
        };
        cmd.SetAction(r => Run(r.GetValue(scenarioArg)!, r.GetValue(broadcast)!, r.GetValue(detector)!, r.GetValue(overlay), r.GetValue(seed),
            r.GetValue(outDir), r.GetValue(quiet)));
        return cmd;
    }

    /// <summary>Every combination of the broadcasts, overlays and detectors named, broadcast first: "flood", "plumtree",
    /// "flood+hyparview", "flood+swim"... (the default overlay and detector are not named).</summary>
    public static IReadOnlyList<string> CombinationsOf(string broadcasts, string detectors, string? overlays = null)
    {
        var b = MenuNames.Of("--broadcast", "broadcast protocol", broadcasts, AllBroadcasts);
        var d = MenuNames.Of("--failure-detector", "failure detector", detectors, AllDetectors);
        var o = MenuNames.Of("--overlay", "overlay", overlays ?? AllOverlays[0], AllOverlays);
        return d.SelectMany(detector => o.SelectMany(overlay => b.Select(broadcast => NameOf(broadcast, overlay, detector)))).ToArray();
    }

    private static string NameOf(string broadcast, string overlay, string detector) =>
        broadcast + (overlay == AllOverlays[0] ? "" : "+" + overlay) + (detector == AllDetectors[0] ? "" : "+" + detector);

    public static int Run(string scenarioName, string broadcasts, string detectors, string? overlays, ulong? seedOverride, string? outDir,
        bool quiet)
    {
        return RunExits.Of(() =>
        {
            string path = ScenarioLoader.Resolve(scenarioName);
            var scenario = ScenarioLoader.Load(path);
            var protocols = CombinationsOf(broadcasts, detectors, overlays ?? AllOverlays[(int)ScenarioConfig.PeerConfigOf(scenario).Overlay]);
            string dir = Path.GetFullPath(outDir ?? ResultsFolders.Default(scenario.Name!, "protocols"));
            // Every combination runs on the simulator: planned once here for the latency they share and their one seed.
            var plan = RunPlan.Of(scenario, new RunOptions { SeedOverride = seedOverride }, dir, RuntimeDrivers.Simulator);
            Directory.CreateDirectory(dir);
            using var folder = RunFolderLock.Take(dir);
            var report = Compare(plan.Scenario, path, protocols, plan.Seed, dir, quiet, Console.WriteLine);
            foreach (var r in report.Runs)
                Console.WriteLine($"{r.Protocol}: {r.Checks.Sentence()}, delivery {r.DeliveryRatio:0.#####}, redundancy {r.Redundancy:0.###}, "
                    + $"IHAVE {r.IhavesPerReceipt:0.##} and GRAFT {r.GraftsPerReceipt:0.####} per receipt, latency p50 {r.LatencyP50 * 1000:0.#} ms, "
                    + $"crash to first suspicion {Seconds(r.FirstSuspectedAfter)} and to removal {Seconds(r.RemovedAfter)}, "
                    + $"{r.Suspicions:N0} suspicions ({r.SuspicionsCleared:N0} cleared)");
            Console.WriteLine($"comparison: {Path.GetRelativePath(Environment.CurrentDirectory, dir)}/comparison.md");
            return report.Runs.All(r => r.Checks.Failed == 0) ? 0 : Engine.Core.ExitCodes.Failed;
        });
    }

    private static string Seconds(double? s) => s is { } v ? $"{v:0.##} s" : "none";

    /// <summary>The combination a peer configuration runs, named as <see cref="CombinationsOf"/> names it.</summary>
    private static string NameOf(PeerConfig p) =>
        NameOf(AllBroadcasts[(int)p.Broadcast], AllOverlays[(int)p.Overlay], AllDetectors[(int)p.FailureDetector]);

    /// <summary>The failure detector a combination's name says: a detector after a "+", else the classic one.</summary>
    private static string DetectorOf(string combination) => combination.Split('+').Skip(1).FirstOrDefault(AllDetectors.Contains) ?? AllDetectors[0];

    /// <summary>The overlay a combination's name says: an overlay after a "+", else the seeds' preferential attachment.</summary>
    private static string OverlayOf(string combination) => combination.Split('+').Skip(1).FirstOrDefault(AllOverlays.Contains) ?? AllOverlays[0];

    /// <summary>Every run (named as <see cref="CombinationsOf"/> names them), its results folder, and the report files
    /// (comparison.md, comparison.json, latency.svg and .png).</summary>
    public static ProtocolComparison Compare(Scenario scenario, string scenarioPath, IReadOnlyList<string> protocols, ulong seed,
        string dir, bool quiet, Action<string> say)
    {
        string command = $"{Host.HostProgram.RunCommand} -c Release -- compare-protocols {ScenarioLoader.AsNamed(scenarioPath)} "
            + $"--broadcast {string.Join(",", protocols.Select(p => p.Split('+')[0]).Distinct())} "
            + $"--failure-detector {string.Join(",", protocols.Select(DetectorOf).Distinct())} "
            + $"--overlay {string.Join(",", protocols.Select(OverlayOf).Distinct())} --seed {seed}";
        var runs = new List<ProtocolFigures>();
        var latencies = new List<LatencySeries>();
        var broadcastTunable = PeerTunables.All.Single(t => t.Property == nameof(PeerConfig.Broadcast));
        var detectorTunable = PeerTunables.All.Single(t => t.Property == nameof(PeerConfig.FailureDetector));
        var overlayTunable = PeerTunables.All.Single(t => t.Property == nameof(PeerConfig.Overlay));
        for (int i = 0; i < protocols.Count; i++)
        {
            string protocol = protocols[i];
            say($"compare-protocols {scenario.Name}: {i + 1}/{protocols.Count} {protocol} on the simulator");
            var s = CompareCommand.Copy(scenario);
            s.Runtime = RuntimeDrivers.Simulator.Name;
            broadcastTunable.TryParse(protocol.Split('+')[0], out double choice);
            s.Protocol[broadcastTunable.Field] = choice;
            detectorTunable.TryParse(DetectorOf(protocol), out double detector);
            s.Protocol[detectorTunable.Field] = detector;
            overlayTunable.TryParse(OverlayOf(protocol), out double overlay);
            s.Protocol[overlayTunable.Field] = overlay;
            // A scenario's expected figures are its own protocol's (a paper's): the others run beside it for comparison, unchecked.
            if (NameOf(ScenarioConfig.PeerConfigOf(scenario)) != protocol) s.Expected = null;
            string runDir = Path.Combine(dir, protocol);
            Directory.CreateDirectory(runDir);
            string runScenarioPath = Path.Combine(runDir, "scenario-as-run.json");
            File.WriteAllText(runScenarioPath, JsonSerializer.Serialize(s, Scenario.JsonOptions) + "\n");
            var options = new RunOptions { SeedOverride = seed, OutDir = runDir, TraceFile = true, Logs = false, Quiet = quiet, CommandLine = command };
            var result = RunDoor.Run(s, options, runDir, quiet ? _ => { } : say, r => ResultsWriter.Write(r, s, runScenarioPath, options));
            string trace = Analysis.Trace.TraceFile.Require(result.OutDir);
            runs.Add(ProtocolFigures.Of(protocol, protocol, result.Summary, TraceSamples.Events(trace)));
            latencies.Add(new LatencySeries(protocol, TraceSamples.Read(trace).LatencySeconds));
        }
        var figure = LatencyPlot.Figure(latencies, $"Gossip latency by protocol: {scenario.Name}, seed {seed}");
        ChartRenderer.Save(figure, Path.Combine(dir, "latency"));
        var report = new ProtocolComparison(scenario.Name!, seed, command, runs, ["latency.svg"]);
        File.WriteAllText(Path.Combine(dir, "comparison.json"), report.ToJson());
        File.WriteAllText(Path.Combine(dir, "comparison.md"), report.ToMarkdown());
        File.WriteAllText(Path.Combine(dir, "repro.txt"), "# reproduce this comparison from the repository root:\n" + command + "\n");
        return report;
    }
}

using System.CommandLine;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Soak;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Commands;

/// <summary>
/// <c>soak</c>: seeds and peers as processes on 127.0.0.1 for an hour (by default) under churn, every node's resources read once a
/// minute; the run's checks, then the soak's: no false removal, every message owed delivered, resources flat (docs/soak.md).
/// </summary>
public static class SoakCommand
{
    public static Command Create(string[] args)
    {
        var seeds = ScenariosCli.CountOption("--seeds", "Seeds", 1, ScenarioLoader.MaxSeeds, byDefault: 3);
        var peers = ScenariosCli.CountOption("--peers", "Peers at the start (churn keeps the live count near it)", 2,
            Runtimes.RuntimeDrivers.MaxProcessPeers / 2, byDefault: 50);
        var minutes = new Option<double>("--minutes")
        {
            Description = "How long the soak runs, in minutes (the slopes are taken over the last 40 minutes, or the last two thirds of "
                + "a shorter run)",
            DefaultValueFactory = _ => 60,
            CustomParser = r => r.Tokens.Count == 0 ? 60 : Analysis.Cli.UsageErrors.Number(r, 1, 24 * 60) ?? 0,
        };
        var seedOpt = new Option<ulong>("--seed")
            { Description = "The run's seed: the churn's every choice (when, which kind, which peer, which seed) derives from it", DefaultValueFactory = _ => 1 };
        var broadcast = ChoiceOption(RoleOption.Broadcast, "How peers spread gossip");
        var overlay = ChoiceOption(RoleOption.Overlay, "How peers find and keep neighbours");
        var detector = ChoiceOption(RoleOption.Detector, "How peers find a dead neighbour");
        var churn = new Option<double>("--churn-seconds")
        {
            Description = "Mean seconds between peer churn steps (a crash, a restart, a join or a leave; each ±25 %)",
            DefaultValueFactory = _ => 20,
            CustomParser = r => r.Tokens.Count == 0 ? 20 : Analysis.Cli.UsageErrors.Number(r, 1, 3600) ?? 0,
        };
        var seedRestart = new Option<double>("--seed-restart-minutes")
        {
            Description = "Mean minutes between seed restarts (±10 %; a run shorter than that restarts one seed midway through its churn)",
            DefaultValueFactory = _ => 10,
            CustomParser = r => r.Tokens.Count == 0 ? 10 : Analysis.Cli.UsageErrors.Number(r, 0.5, 24 * 60) ?? 0,
        };
        var sample = new Option<double>("--sample-seconds")
        {
            Description = "Seconds between resource samples of every node (and progress lines)",
            DefaultValueFactory = _ => 60,
            CustomParser = r => r.Tokens.Count == 0 ? 60 : Analysis.Cli.UsageErrors.Number(r, 1, 3600) ?? 0,
        };
        var outOpt = new Option<string>("--out") { Description = "Results folder", DefaultValueFactory = _ => Path.Combine("results", "soak") };
        var judge = new Option<string?>("--judge")
        {
            HelpName = "folder",
            Description = "Run nothing: judge a finished soak's results folder again (its scenario.json, summary.json, resources.csv, "
                + "trace.jsonl.gz and soak.json) by the current checks, print them and write its soak.json anew; every other option "
                + "is ignored",
        };
        var cmd = new Command("soak", "Run seeds and peers as processes on 127.0.0.1 for a long time under churn: every ~20 s a peer "
            + "crashes, a crashed peer restarts, a new peer joins or a peer leaves cleanly, and every ~10 min a seed crashes and restarts, "
            + "all drawn from --seed (the schedule is in the results' scenario.json). Once a minute every node's RSS, open descriptors and "
            + "threads are read from /proc into resources.csv and a progress line is printed. At the end: the run's usual checks and "
            + "results, then the soak's own checks: no false removal, every message delivered to every peer up and linked from its "
            + "creation to 30 s after, and each node process's RSS, descriptors and threads flat over the last 40 minutes (or last two "
            + "thirds): least-squares slope within 100 KiB/min and 0.1 threads/min, or within two standard errors of 0; descriptors "
            + "are judged net of the node's links at each sample (from the trace), at the lowest of the last 6 minutes (the transport "
            + "closes an idle connection after 5), and fail only by growing more than 0.25/min; resources.png plots them, soak.json "
            + "has every slope. --judge FOLDER judges a finished soak again without running one. Exit 0 when every check passed, 1 "
            + "when one failed, 2 for bad input. "
            + "Example: soak --minutes 60 --overlay hyparview --broadcast plumtree --failure-detector swim (docs/soak.md).")
        {
            seeds, peers, minutes, seedOpt, broadcast, overlay, detector, churn, seedRestart, sample, outOpt, judge,
        };
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(judge) is { } folder) return Rejudge(folder);
            var settings = new SoakSettings
            {
                Seeds = parse.GetValue(seeds)!.Value,
                Peers = parse.GetValue(peers)!.Value,
                Minutes = parse.GetValue(minutes),
                Seed = parse.GetValue(seedOpt),
                Broadcast = (BroadcastProtocol)RoleOption.Broadcast.PositionOf(parse.GetValue(broadcast)!),
                Overlay = (Overlay)RoleOption.Overlay.PositionOf(parse.GetValue(overlay)!),
                Detector = (FailureDetector)RoleOption.Detector.PositionOf(parse.GetValue(detector)!),
                PeerChurnSeconds = parse.GetValue(churn),
                SeedRestartSeconds = parse.GetValue(seedRestart) * 60,
                SampleSeconds = parse.GetValue(sample),
            };
            string command = Host.HostProgram.RunCommand + " -c Release -- " + string.Join(' ', args);
            return Execute(settings, parse.GetValue(outOpt)!, command);
        });
        return cmd;
    }

    public static int Execute(SoakSettings settings, string outDir, string command) =>
        Report(() => SoakRun.Run(settings, outDir, command, Console.WriteLine), "the soak");

    /// <summary>Judges a finished soak's folder again (<see cref="SoakRun.Rejudge"/>) and prints its checks as a soak does.</summary>
    public static int Rejudge(string folder) => Report(() => SoakRun.Rejudge(folder), "judging the soak");

    private static int Report(Func<SoakOutcome> soak, string what)
    {
        SoakOutcome? outcome = null;
        int code = RunExits.Of(() =>
        {
            outcome = soak();
            return ExitCodes.Ok;
        }, what: what);
        if (outcome == null) return code;
        foreach (var c in outcome.Summary.Checks!) Console.WriteLine(c.Line());
        foreach (var c in outcome.Checks) Console.WriteLine(c.Line());
        Console.WriteLine($"soak {(outcome.Passed ? "passed" : "FAILED")}: results in "
            + $"{Path.GetRelativePath(Environment.CurrentDirectory, outcome.OutDir)}/ (soak.json, resources.csv, resources.png, summary.json)");
        return outcome.Passed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>A role's option: any name on its menu now (the engine's and those the host registered), the engine's first the
    /// default.</summary>
    private static Option<string> ChoiceOption(RoleOption role, string what)
    {
        var names = role.Names();
        var option = new Option<string>(role.Option) { Description = $"{what}: {string.Join(" or ", names)}",
            DefaultValueFactory = _ => names[0] };
        option.AcceptOnlyFromAmong([.. names]);
        return option;
    }
}

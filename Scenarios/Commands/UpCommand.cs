using System.CommandLine;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Runtimes;

namespace GossipSim.Scenarios.Commands;

/// <summary>
/// <c>up</c>: N seeds and M peers on 127.0.0.1 with the classic timings, kept running under
/// the manager until quit or exit: the classic starter. The network is a real run like any
/// other (its scenario is written into the results folder), so it leaves the same results.
/// </summary>
public static class UpCommand
{
    public static Command Create(string[] args)
    {
        var seeds = ScenariosCli.CountOption("--seeds", "Seeds to start", 1, Definition.ScenarioLoader.MaxSeeds, byDefault: 3);
        var peers = ScenariosCli.CountOption("--peers", $"Peers to start, about half a second apart (one process each, at "
            + $"most {RuntimeDrivers.MaxProcessPeers})", 1, RuntimeDrivers.MaxProcessPeers, byDefault: 10);
        var outOpt = new Option<string>("--out")
            { Description = "Results folder, written when you quit", DefaultValueFactory = _ => ResultsFolders.Default("up") };
        var seedOpt = ScenariosCli.SeedOption();
        var progress = new Option<bool>("--progress")
            { Description = "Print a progress line every 5 s (off by default, so it does not interrupt typing)" };
        var dashboardOpt = new Option<bool>("--dashboard") { Description = "Serve the live dashboard on 127.0.0.1 too (address printed)" };
        var dashboardPortOpt = ScenariosCli.DashboardPortOption();
        var cmd = new Command("up", "Start seeds and peers as processes on 127.0.0.1 with the classic timings (gossip every 5 s, ping "
            + "every 13 s) and keep them running until you type quit or exit. Meanwhile the manager tells what the network does as it "
            + "happens (a peer joined, suspected, reported, removed and by how many seeds, the overlay healed) and takes commands: "
            + ManagerCommand.HelpFor(RunCapability.Of(Definition.NetworkEffects.None))
            + " (loopback has no network control: no partition or heal). Then the results are written as for any run.")
        {
            seeds, peers, outOpt, seedOpt, progress, dashboardOpt, dashboardPortOpt,
        };
        cmd.SetAction(parse =>
        {
            int n = parse.GetValue(seeds)!.Value, m = parse.GetValue(peers)!.Value;
            string outDir = Path.GetFullPath(parse.GetValue(outOpt)!);
            return RunExits.Of(() =>
            {
                // Held from before the scenario is written into the folder; the run door holds it again.
                using var folder = Results.RunFolderLock.Take(outDir);
                string scenario = Path.Combine(outDir, "scenario.json");
                File.WriteAllText(scenario, UpScenario(n, m));
                string command = Host.HostProgram.RunCommand + " -- " + string.Join(' ', args);
                var options = new RunOptions
                {
                    SeedOverride = parse.GetValue(seedOpt),
                    OutDir = outDir,
                    Quiet = !parse.GetValue(progress),
                    UntilQuit = true,
                    CommandLine = command,
                    ReproCommand = command,
                };
                Console.WriteLine($"up: {n} seeds and {m} peers on 127.0.0.1 until you type quit or exit; then the results go "
                    + $"to {Path.GetRelativePath(Environment.CurrentDirectory, outDir)}/ (Ctrl-C stops every node without results)");
                return RunCommand.RunWithManager(scenario, options, parse.GetValue(dashboardOpt), parse.GetValue(dashboardPortOpt));
            });
        });
        return cmd;
    }

    /// <summary>The scenario of <c>up</c>: the classic protocol's defaults, no faults (the manager brings them).</summary>
    private static string UpScenario(int seeds, int peers) => $$"""
        {
          "name": "up",
          "description": "{{seeds}} seeds and {{peers}} peers on 127.0.0.1 with the classic timings, kept running under the manager until quit",
          "runtime": "{{RuntimeNames.Real}}",
          "seeds": {{seeds}},
          "peers": {{peers}},
          "joinWindowSeconds": {{Math.Max(0, peers - 1) * 0.5}}
        }

        """;
}

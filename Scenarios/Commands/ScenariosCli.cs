using System.CommandLine;
using System.CommandLine.Help;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Runtimes;

namespace GossipSim.Scenarios.Commands;

/// <summary>The command users run: a scenario on the simulator or on real nodes, then its results.</summary>
public static class ScenariosCli
{
    public static int Run(string[] args)
    {
        var root = CommandTree(args);
        var parse = root.Parse(args);
        // The library's help puts a command's ancestors' arguments into its usage and argument
        // list: <scenario> is the root's alone, so a subcommand's help leaves it out.
        foreach (var argument in root.Arguments) argument.Hidden = parse.CommandResult.Command != root;
        // No signal handling by the command-line library: it would hold Ctrl-C back for a
        // cancellation the runs do not poll. A signal ends the run, and ChildProcesses kills the nodes first.
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
        if (parse.Action is HelpAction && parse.CommandResult.Command == root)
        {
            var help = new StringWriter();
            configuration.Output = help;
            int code = Analysis.Cli.UsageErrors.Invoke(parse, Console.Error, configuration);
            Console.Out.Write(RootUsage.Rewrite(help.ToString(), root));
            return code;
        }
        return Analysis.Cli.UsageErrors.Invoke(parse, Console.Error, configuration);
    }

    /// <summary>The command tree: a scenario run at the root, the other tools as subcommands.</summary>
    public static RootCommand CommandTree(string[] args)
    {
        var scenarioArg = new Argument<string>("scenario")
        {
            Description = "A scenario file: a path, or a name found in Scenarios/scenarios/ (crash-hub.json, "
                + "scenarios/crash-hub.json and crash-hub all work)",
        };
        var seedOpt = SeedOption();
        var outOpt = new Option<string?>("--out") { Description = "Results directory (default: results/<scenario name>)" };
        var runtimeOpt = new Option<string?>("--runtime")
            { Description = "sim, real, netns or docker (default: the scenario's \"runtime\"); netns = the namespace test bed, needs root; "
                + "docker = a container per node on the local Docker Swarm (docs/deployment.md)" };
        runtimeOpt.AcceptOnlyFromAmong([.. RuntimeDrivers.Names]);
        var seedsOpt = CountOption("--seeds", "Number of seeds, instead of the scenario's", 1, ScenarioLoader.MaxSeeds);
        var peersOpt = CountOption("--peers", "Number of peers, instead of the scenario's", 1, ScenarioLoader.MaxPeers);
        var roleOpts = RoleOption.All.Select(role =>
        {
            var opt = new Option<string?>(role.Option)
                { Description = $"Run the scenario with this {role.What} instead of its protocol.{role.Field}: "
                    + string.Join(", ", role.Names()) + " (a GossipSim host adds its own)" };
            opt.AcceptOnlyFromAmong([.. role.Names()]);
            return (Role: role, Option: opt);
        }).ToArray();
        var maxHeapOpt = new Option<double?>("--max-heap")
            { Description = "Simulator: a heap ceiling in GiB, instead of the scenario's maxHeapGiB. The collector compacts harder to stay "
                + "under it, so the peak follows the live state (as -Xmx does for a Java simulator); a run that needs more stops with an "
                + "out-of-memory error. Under mpirun, each rank's process gets it",
              CustomParser = r => Analysis.Cli.UsageErrors.Number(r, ScenarioLoader.MinHeapGiB, 65536) };
        var logsOpt = new Option<string>("--logs")
            { Description = "Per-node output files under logs/: on, off or auto (auto = on for at most 100 peers on the simulator)",
                DefaultValueFactory = _ => "auto" };
        logsOpt.AcceptOnlyFromAmong("on", "off", "auto");
        var traceOpt = new Option<string>("--trace")
            { Description = "Write trace.jsonl.gz: on, off or auto (auto = on for at most 1,000 peers). "
                + "The trace hash is computed either way.", DefaultValueFactory = _ => "auto" };
        traceOpt.AcceptOnlyFromAmong("on", "off", "auto");
        var quietOpt = new Option<bool>("--quiet") { Description = "No progress line" };
        var dashboardOpt = new Option<bool>("--dashboard")
            { Description = "Serve a live web dashboard of the run on 127.0.0.1 (address printed): overlay, gossip, failures, counters, "
                + "plots; manager buttons on real runs" };
        var dashboardPortOpt = DashboardPortOption();
        var threadsOpt = CountOption("--threads", "Simulator: threads to run on (default: this machine's cores). Peers are split among "
            + "them and time runs in windows as wide as the smallest link delay; the trace and its hash are the "
            + "same for any number", 1, 256);
        var operatorOpt = new Option<string?>("--operator")
            { Description = "Simulator: apply the manager commands a live dashboard run recorded (its operator-commands.json or "
                + "summary.json) at their virtual times; with its --seed this repeats that run exactly" };

        var root = new RootCommand("GossipSim: run a gossip network scenario on the deterministic simulator or on real TCP nodes, and "
            + "write its results (summary.json, plots, report, trace, logs).\n"
            + "Real runs take manager commands typed at the terminal: " + ManagerCommand.Help + " (partition and heal only where the "
            + "runtime controls the network: netns, docker with nft in its image; the prompt offers what the run can do), and the manager "
            + "tells the network's events as they happen.\n" + Engine.Core.ExitCodes.Help)
        {
            scenarioArg, seedOpt, outOpt, runtimeOpt, seedsOpt, peersOpt, logsOpt, traceOpt, quietOpt, dashboardOpt,
            dashboardPortOpt, operatorOpt, threadsOpt, maxHeapOpt,
        };
        foreach (var (_, opt) in roleOpts) root.Options.Add(opt);
        root.SetAction(parse =>
        {
            var options = new RunOptions
            {
                SeedOverride = parse.GetValue(seedOpt),
                OutDir = parse.GetValue(outOpt),
                RuntimeOverride = parse.GetValue(runtimeOpt),
                SeedsOverride = parse.GetValue(seedsOpt),
                PeersOverride = parse.GetValue(peersOpt),
                RoleOverrides = [.. roleOpts.Where(r => parse.GetValue(r.Option) != null).Select(r => (r.Role, parse.GetValue(r.Option)!))],
                Logs = OnOff(parse.GetValue(logsOpt)),
                TraceFile = OnOff(parse.GetValue(traceOpt)),
                Quiet = parse.GetValue(quietOpt),
                OperatorFile = parse.GetValue(operatorOpt),
                Threads = parse.GetValue(threadsOpt),
                MaxHeapGiB = parse.GetValue(maxHeapOpt),
                CommandLine = Host.HostProgram.RunCommand + " -- " + string.Join(' ', args),
            };
            return RunCommand.RunWithManager(parse.GetValue(scenarioArg)!, options, parse.GetValue(dashboardOpt), parse.GetValue(dashboardPortOpt));
        });
        root.Subcommands.Add(UpCommand.Create(args));
        root.Subcommands.Add(CollectCommand.Create(args));
        root.Subcommands.Add(SoakCommand.Create(args));
        root.Subcommands.Add(SwarmCommand());
        root.Subcommands.Add(BenchCommand());
        root.Subcommands.Add(Compare.CompareCommand.Create());
        root.Subcommands.Add(Compare.CompareProtocolsCommand.Create());
        root.Subcommands.Add(Compare.RumourTableCommand.Create());
        root.Subcommands.Add(Compare.PapersCommand.Create());
        root.Subcommands.Add(Dashboard.ReplayCommand.Create());
        // The analysis tool's report, with what it cannot know alone: where a wan run's nodes were (its scenario's model and seed).
        root.Subcommands.Add(Analysis.Cli.ReportCommand.Create(dir => Places.RunPlaces.OfResults(dir, RuntimeDrivers.Of)));
        return root;
    }

    internal static Option<ulong?> SeedOption() => new("--seed")
    {
        Description = "The run's random seed: every random draw of the run (who links to whom, which peer is the victim, message delays) "
            + "derives from it, so the same scenario and seed give the same run, byte for byte on the simulator. "
            + "Default: the scenario's \"seed\"",
    };

    internal static Option<int> DashboardPortOption() => new("--dashboard-port")
        { Description = "The dashboard's port (default: one the OS chooses)", DefaultValueFactory = _ => 0 };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; null when not given and no
    /// <paramref name="byDefault"/>.</summary>
    internal static Option<int?> CountOption(string name, string description, int min, int max, int? byDefault = null)
    {
        var option = new Option<int?>(name)
        {
            Description = description,
            CustomParser = r => (int?)Analysis.Cli.UsageErrors.WholeNumber(r, min, max),
        };
        if (byDefault is { } value) option.DefaultValueFactory = _ => value;
        return option;
    }

    private static Command BenchCommand()
    {
        var peers = new Option<int>("--peers") { Description = "Peers in the overlay", DefaultValueFactory = _ => 10_000 };
        var links = new Option<int>("--links") { Description = "Links per newcomer (Barabasi-Albert m)", DefaultValueFactory = _ => 3 };
        var origins = new Option<int>("--origins")
            { Description = "Messages flooded at time 0, from distinct random peers", DefaultValueFactory = _ => 100 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed (overlay and link delays)", DefaultValueFactory = _ => 1 };
        var minMs = new Option<double>("--min-ms")
            { Description = "Smallest link delay, ms (at least 0.001): also the time window in which --threads run apart",
                DefaultValueFactory = _ => 10 };
        var maxMs = new Option<double>("--max-ms") { Description = "Largest link delay, ms", DefaultValueFactory = _ => 50 };
        var threads = CountOption("--threads", "Worker threads (default: this machine's cores). Peers are split into ranges of equal work "
            + "(link ends, plus a first receipt per peer; see --partitions); time runs in windows as wide as --min-ms. The result and its "
            + "receiptHash are the same for any count", 1, 256);
        var partitions = CountOption("--partitions", "Peer ranges the work is cut into (default: one a thread; docs/performance.md). "
            + "A range's part of the flood's state stays in the cache "
            + "while a thread works on it, and threads take the busiest range first, so finer ranges even out a window's work between "
            + "threads, for more memory (each range has its own timing wheel and mail). The result is the same for any count", 1, 256);
        var quiet = new Option<bool>("--quiet") { Description = "Only the JSON line" };
        var flood = new Command("flood", "The PeerSim comparison workload: a Barabasi-Albert overlay wired directly, uniform link delay, K "
            + "origins each flooding one message at time 0, on --threads worker threads. Prints one JSON line (peers, origins, deliveries, "
            + "wallSeconds, eventsPerSecond, peakWorkingSetBytes, bytesPerPeer, structureBytes, receiptHash, deliveriesPerPartition, ...).")
        {
            peers, links, origins, seed, minMs, maxMs, threads, partitions, quiet,
        };
        flood.SetAction(r => Bench.FloodBench.Run(r.GetValue(peers), r.GetValue(links), r.GetValue(origins), r.GetValue(seed),
            r.GetValue(minMs), r.GetValue(maxMs), r.GetValue(threads) ?? Simulator.Threads.SimThreads.Default, r.GetValue(quiet),
            r.GetValue(partitions)));
        var lps = CountOption("--lps", "Logical processes, one starting event each (default 1000)", 1, int.MaxValue);
        var end = new Option<double>("--end")
            { Description = "Simulated end time; an event's delay averages 2 (lookahead 1 + exponential of mean 1), so about lps x end / 2 "
                + "events. ROSS's default end is 100000", DefaultValueFactory = _ => 1000 };
        var pholdSeed = new Option<ulong>("--seed") { Description = "Random seed (destinations and delays)", DefaultValueFactory = _ => 1 };
        var phold = new Command("phold", "ROSS's PHOLD benchmark (remote fraction 0.25, delays 1 + exponential of mean 1, one event per "
            + "logical process at the start) on the simulator's event queue, one thread. Prints one JSON line (events, eventsPerSecond, "
            + "wallSeconds, peakWorkingSetBytes, bytesPerLogicalProcess, hash, ...).")
        {
            lps, end, pholdSeed,
        };
        phold.SetAction(r => Bench.PholdBench.Run(r.GetValue(lps) ?? 1000, r.GetValue(end), r.GetValue(pholdSeed)));
        var bytes = new Option<int>("--bytes") { Description = "Bytes each rank sends each other rank a round", DefaultValueFactory = _ => 1 << 20 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds, one exchange each", DefaultValueFactory = _ => 100 };
        var exchangeQuiet = new Option<bool>("--quiet") { Description = "Only the JSON line" };
        var exchange = new Command("exchange", "The ranks' mail exchange at a window's end, on MPI: run it under mpirun (mpirun -np 3 dotnet "
            + "GossipSim.Scenarios.dll bench exchange); without mpirun one rank's mail loops back. Each round every rank sends --bytes to "
            + "every other in one all-to-all and checks what it received; rank 0 prints one JSON line (ranks, bytesPerRound, rounds, seconds, "
            + "megabytesPerSecond, exchangesPerSecond, verified, ...).")
        {
            bytes, rounds, exchangeQuiet,
        };
        exchange.SetAction(r => Bench.ExchangeBench.Run(r.GetValue(bytes), r.GetValue(rounds), r.GetValue(exchangeQuiet)));
        var coreSeconds = new Option<double?>("--seconds")
        {
            Description = "Seconds each measurement runs: each core alone, then all together (default 2)",
            CustomParser = r => Analysis.Cli.UsageErrors.Number(r, 0.05, 600),
        };
        var coresQuiet = new Option<bool>("--quiet") { Description = "Only the JSON line" };
        var cores = new Command("cores", "How fast each core runs two kinds of work (a chain in registers, compute; dependent reads through "
            + "64 MiB, memory), alone and all together (one thread pinned to each), and what that allows: a virtual machine's cores can "
            + "differ, and threads that wait for each other window by window then gain less than the core count. Run it before comparing "
            + "thread counts. Prints one JSON line (cores, computeAloneRelative, computeTogetherRelative, computeDivisibleBound, "
            + "computeEqualPartsBound, the same for memory, even, verdict, ...) and the verdict in words.")
        {
            coreSeconds, coresQuiet,
        };
        cores.SetAction(r => Bench.CoresBench.Run(r.GetValue(coreSeconds) ?? 2, r.GetValue(coresQuiet)));
        var bench = new Command("bench", "Benchmarks of the simulator and of this machine (see docs/performance.md).")
            { flood, phold, exchange, cores };
        return bench;
    }

    private static Command SwarmCommand()
    {
        var runs = new Option<int>("--runs") { Description = "Number of seeded runs", DefaultValueFactory = _ => 50 };
        var peers = new Option<int>("--peers") { Description = "Peers per run", DefaultValueFactory = _ => 50 };
        var seed = new Option<ulong>("--seed")
            { Description = "Swarm seed: run i's faults and draws all derive from (seed, i)", DefaultValueFactory = _ => 1 };
        var only = new Option<int?>("--only")
            { Description = "Replay one run (as printed for a failure), keeping its trace, logs and report" };
        var jobs = new Option<int>("--jobs")
            { Description = "Runs at a time (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var outDir = new Option<string>("--out")
            { Description = "Where a replayed run's results go", DefaultValueFactory = _ => ResultsFolders.Default("swarm") };
        var swarmThreads = CountOption("--threads", "Threads each run's simulator uses (the runs' traces are the same for any number; "
            + "--jobs already keeps the cores busy)", 1, 256, byDefault: 1);
        // The menus as they are when the command line is read: a host registered its own roles before, so they are drawn too.
        var broadcasts = Engine.Config.PeerTunables.BroadcastNames;
        var detectors = Engine.Config.PeerTunables.DetectorNames;
        var overlays = Engine.Config.TunableChoice.NamesOf<Engine.Config.Overlay>();
        var broadcast = new Option<string?>("--broadcast")
            { Description = $"Draw the runs' broadcasts from these only, comma-separated, of {string.Join(", ", broadcasts)} (default: all)" };
        var overlay = new Option<string?>("--overlay")
            { Description = $"Draw the runs' overlays from these only, comma-separated, of {string.Join(", ", overlays)} (default: all)" };
        var detector = new Option<string?>("--failure-detector")
            { Description = $"Draw the runs' failure detectors from these only, comma-separated, of {string.Join(", ", detectors)} "
                + "(default: all)" };
        var cmd = new Command("swarm", "Swarm testing: many small seeded simulations with random faults (loss up to 30 %, duplication, "
            + "reordering, latency spikes, partitions, crashes and restarts of peers and seeds, clean leaves, newcomers), each run under "
            + $"one combination of broadcast ({string.Join(", ", broadcasts)}), overlay ({string.Join(", ", overlays)}) and failure "
            + $"detector ({string.Join(", ", detectors)}) drawn from its seed, a host's own roles among them, then "
            + "a heal phase; every run is checked (safety, heal, liveness, bounded memory) and a failing one is printed with the command "
            + "that replays it (--only, naming its protocol).")
        {
            runs, peers, seed, only, jobs, outDir, swarmThreads, broadcast, overlay, detector,
        };
        cmd.SetAction(r => RunExits.Of(() => Swarm.SwarmRunner.Execute(r.GetValue(seed), r.GetValue(runs), r.GetValue(peers),
            r.GetValue(only), r.GetValue(jobs), r.GetValue(outDir)!, r.GetValue(swarmThreads) ?? 1,
            Swarm.SwarmMenu.All.Only(r.GetValue(broadcast), r.GetValue(overlay), r.GetValue(detector))), "the swarm"));
        return cmd;
    }

    private static bool? OnOff(string? v) => v switch { "on" => true, "off" => false, _ => null };

    public static void PrintSummary(RunResult r)
    {
        foreach (var line in RunSummaryLines.Of(r)) Console.WriteLine(line);
    }
}

using System.Diagnostics;
using System.Text.Json;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;

namespace GossipSim.Scenarios.Swarm;

/// <summary>One swarm run's outcome.</summary>
public sealed record SwarmRunResult(int Run, Scenario Scenario, RunSummary Summary)
{
    /// <summary>No check failed that the run's protocol promises (random faults leave some checks nothing to check: those are not
    /// failures).</summary>
    public bool Passed => !Failed.Any();

    /// <summary>The checks that failed, but for delivery to every live peer under a broadcast that does not promise it
    /// (<see cref="Engine.Roles.BroadcastChoice.ReachesEveryLivePeer"/>).</summary>
    public IEnumerable<CheckResult> Failed => Summary.Checks!.Where(c => c.Failed && !Unpromised(c));

    /// <summary>Whether <paramref name="c"/> is a check the run's protocol does not promise to pass.</summary>
    public bool Unpromised(CheckResult c) => c.Name == Analysis.Checks.TraceChecks.NewGossipReachesAll
        && !Engine.Peer.BroadcastMenu.Choices[(int)SwarmProtocol.Of(Scenario).Broadcast].ReachesEveryLivePeer;
}

/// <summary>
/// Swarm testing (TigerBeetle's VOPR, in small): many short seeded simulations with random
/// faults, each checked afterwards; a failing run is printed with the one command that replays it.
/// </summary>
public static class SwarmRunner
{
    /// <summary>The command that replays run <paramref name="run"/>: it names the run's broadcast, overlay and detector, so it is
    /// the same run whatever else is on the menus of the program that replays it.</summary>
    public static string ReplayCommand(ulong swarmSeed, int peers, int run, SwarmProtocol protocol) =>
        $"{Host.HostProgram.RunCommand} -c Release -- swarm --seed {swarmSeed} --peers {peers} --only {run} {protocol.Options}";

    /// <summary>The command that replays <paramref name="r"/>.</summary>
    public static string ReplayCommand(ulong swarmSeed, int peers, SwarmRunResult r) =>
        ReplayCommand(swarmSeed, peers, r.Run, SwarmProtocol.Of(r.Scenario));

    /// <param name="threads">Threads each run's simulator uses (its trace is the same for any number).</param>
    /// <param name="menu">What the runs' protocols are drawn from (default: <see cref="SwarmMenu.All"/>).</param>
    public static List<SwarmRunResult> Run(ulong swarmSeed, int runs, int peers, int jobs, Action<string>? progress = null, int threads = 1,
        SwarmMenu? menu = null)
    {
        menu ??= SwarmMenu.All; // read once: every run draws from the same menu
        var results = new SwarmRunResult[runs];
        int done = 0;
        Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) }, i =>
        {
            // A run that throws is a finding like a failed check: it is reported with its replay, and the other runs go on.
            try { results[i] = RunOne(swarmSeed, i, peers, outDir: null, threads, menu); }
            catch (Exception e) { results[i] = Threw(i, SwarmScenario.Make(swarmSeed, i, peers, menu), e); }
            int n = Interlocked.Increment(ref done);
            // A failure's replay is printed at once: a swarm stopped before its end still names every failure it met.
            progress?.Invoke($"  {n}/{runs} runs done{(results[i].Passed ? "" : $", run {i} FAILED ({FailureLine(results[i])}): replay: "
                + ReplayCommand(swarmSeed, peers, results[i]))}");
        });
        return results.ToList();
    }

    /// <summary>The check a run fails when it throws instead of ending.</summary>
    public const string RunEnds = "the run ends without an error";

    private static SwarmRunResult Threw(int run, Scenario scenario, Exception e) =>
        new(run, scenario, new RunSummary
        {
            Scenario = scenario.Name!, Seed = scenario.Seed,
            Checks = [CheckResult.Fail(RunEnds, "the simulation runs to its end",
                $"{e.GetType().Name}: {e.Message} ({e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()})")],
        });

    /// <summary>One run; with an output directory it keeps the trace, logs and scenario for inspection.</summary>
    public static SwarmRunResult RunOne(ulong swarmSeed, int run, int peers, string? outDir, int threads = 1, SwarmMenu? menu = null)
    {
        var scenario = SwarmScenario.Make(swarmSeed, run, peers, menu);
        ScenarioLoader.Validate(scenario, scenario.Name!);
        string dir = outDir ?? Path.Combine(Path.GetTempPath(), $"gossipsim-swarm-{Environment.ProcessId}-{run}");
        var options = new RunOptions { Quiet = true, Logs = outDir != null, TraceFile = outDir != null, Threads = threads };
        try
        {
            var result = RunDoor.Run(scenario, options, dir, _ => { }, outDir == null ? null : r =>
            {
                string scenarioPath = Path.Combine(dir, "scenario.json");
                File.WriteAllText(scenarioPath, JsonSerializer.Serialize(scenario, Scenario.JsonOptions));
                ResultsWriter.Write(r, scenario, scenarioPath, options with { CommandLine = ReplayCommand(swarmSeed, peers, run, SwarmProtocol.Of(scenario)) });
            });
            return new SwarmRunResult(run, scenario, result.Summary);
        }
        finally
        {
            if (outDir == null && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    public static int Execute(ulong swarmSeed, int runs, int peers, int? only, int jobs, string outRoot, int threads = 1,
        SwarmMenu? menu = null)
    {
        menu ??= SwarmMenu.All;
        if (peers < 5 || peers > 5000) { Console.Error.WriteLine("error: --peers must be 5 to 5,000"); return 2; }
        if (only is { } one)
        {
            string dir = Path.Combine(outRoot, $"run-{one}");
            Console.WriteLine($"replaying swarm run {one} (swarm seed {swarmSeed}, {peers} peers) into {dir}/");
            return RunExits.Of(() =>
            {
                var r = RunOne(swarmSeed, one, peers, dir, threads, menu);
                PrintRun(r, swarmSeed, peers, verbose: true);
                return r.Passed ? 0 : 1;
            });
        }
        Console.WriteLine($"swarm: {runs} runs of {peers} peers, swarm seed {swarmSeed}, {jobs} at a "
            + $"time{(threads > 1 ? $", each on {threads} threads" : "")}; faults until {SwarmScenario.HealAt} s, heal "
            + $"to {SwarmScenario.Duration} s; protocols drawn from {menu}");
        var wall = Stopwatch.StartNew();
        double last = 0;
        var results = Run(swarmSeed, runs, peers, jobs, threads: threads, menu: menu, progress: line =>
        {
            lock (Console.Out)
            {
                if (wall.Elapsed.TotalSeconds - last < 5 && !line.Contains("FAILED")) return;
                last = wall.Elapsed.TotalSeconds;
                Console.WriteLine(line);
            }
        });
        var failed = results.Where(r => !r.Passed).ToList();
        foreach (var r in failed) PrintRun(r, swarmSeed, peers, verbose: false);
        // A broadcast that leaves a residue fails delivery to every live peer by design: how often, so a pass does not hide it.
        var residue = results.Where(r => r.Summary.Checks!.Any(c => c.Failed && r.Unpromised(c))).ToList();
        Console.WriteLine($"swarm done in {wall.Elapsed.TotalSeconds:F1} s: {results.Count - failed.Count} passed, {failed.Count} failed"
            + (residue.Count == 0 ? "" : $" ({residue.Count} of them under "
                + $"{string.Join(", ", residue.Select(r => Engine.Peer.BroadcastMenu.NameOf(SwarmProtocol.Of(r.Scenario).Broadcast)).Distinct())}"
                + ", which leaves a residue by design, missed delivery to every live peer: not counted)"));
        return failed.Count == 0 ? 0 : 1;
    }

    /// <summary>"flood+swim: liveness: crashed peers removed in time": the run's protocol and the checks it failed.</summary>
    public static string FailureLine(SwarmRunResult r) =>
        $"{SwarmScenario.ProtocolName(r.Scenario)}: {string.Join("; ", r.Failed.Select(c => c.Name))}";

    /// <summary>A fault in the run's line: "12.5s loss 15.0 % for 7s".</summary>
    private static string Describe(Fault f) => $"{f.At}s {f.Describe()}{(f.DurationSeconds is { } d ? $" for {d}s" : "")}";

    private static void PrintRun(SwarmRunResult r, ulong swarmSeed, int peers, bool verbose)
    {
        Console.WriteLine($"run {r.Run}: {(r.Passed ? "PASS" : "FAIL")} ({SwarmScenario.ProtocolName(r.Scenario)}, {r.Scenario.Seeds} seeds, "
            + $"faults: {string.Join("; ", FaultParser.Parse(r.Scenario).Select(Describe))})");
        foreach (var c in r.Summary.Checks!.Where(c => verbose || r.Failed.Contains(c)))
            Console.WriteLine("  " + c.Line() + (c.Failed && r.Unpromised(c) ? " (not counted: this broadcast leaves a residue by design)" : ""));
        if (!r.Passed) Console.WriteLine($"  replay: {ReplayCommand(swarmSeed, peers, r)}");
    }
}

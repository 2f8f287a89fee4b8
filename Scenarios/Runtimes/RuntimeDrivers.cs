using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes.Docker;
using GossipSim.Scenarios.Runtimes.Netns;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Scenarios.Runtimes.Sim;

namespace GossipSim.Scenarios.Runtimes;

/// <summary>
/// The one table of runtimes: a scenario's "runtime" (or --runtime) names its driver here, and
/// the one place a run's plan is resolved from a scenario and the command line. Everything above
/// (commands, compare, swarm, soak, the dashboard) plans and runs through here without naming a
/// runtime. A new runtime is a folder beside these and one line in the table.
/// </summary>
public static class RuntimeDrivers
{
    private static readonly IRuntimeDriver[] s_table =
        [SimRuntime.Instance, RealRuntime.Instance, NetnsRuntime.Instance, DockerRuntime.Instance];

    /// <summary>The deterministic simulator's driver: compare and compare-protocols run their models on it.</summary>
    public static IRuntimeDriver Simulator => SimRuntime.Instance;

    /// <summary>Every runtime's name, in the order the help lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = s_table.Select(d => d.Name).ToArray();

    /// <summary>The most peers a runtime that starts one process per node (loopback processes, the namespace bed) allows.</summary>
    public const int MaxProcessPeers = RealRunner.MaxPeers;

    /// <summary>The driver of <paramref name="runtime"/>: the loader has checked the name, so an unknown one is a bug above.</summary>
    public static IRuntimeDriver Of(string runtime) =>
        s_table.FirstOrDefault(d => d.Name == runtime) ?? throw new ArgumentException($"no runtime \"{runtime}\"", nameof(runtime));

    /// <summary>Why <paramref name="runtime"/> cannot run on this machine (the namespace bed needs root, iproute2 and nft; docker a
    /// swarm manager's engine), or null when it can.</summary>
    public static string? Unavailable(string runtime) => Of(runtime).Unavailable();

    /// <summary>
    /// The plan of <paramref name="s"/> as the command line changes it: --runtime, --seeds and
    /// --peers applied, the options only the simulator takes refused elsewhere, and the scenario
    /// checked again as changed (its faults and origins against these numbers, churn and metrics
    /// against this runtime), then <see cref="RunPlan.Of"/>. Changes <paramref name="s"/> in place.
    /// </summary>
    /// <param name="source">The scenario's file, as its errors name it.</param>
    /// <exception cref="ScenarioException">An option does not fit the scenario, or the changed scenario is not valid.</exception>
    public static RunPlan Plan(Scenario s, RunOptions o, string outDir, string? source = null)
    {
        if (o.RuntimeOverride != null) s.Runtime = o.RuntimeOverride;
        var driver = Of(s.Runtime);
        if (!driver.Simulates)
        {
            if (o.OperatorFile != null)
                throw new ScenarioException($"--operator repeats a simulation's recorded manager commands: {s.Name} runs on "
                    + $"\"{s.Runtime}\", not \"sim\"");
            if (o.MaxHeapGiB != null)
                throw new ScenarioException($"--max-heap bounds the simulator's heap: {s.Name} runs on \"{s.Runtime}\", whose "
                    + "nodes are processes of their own");
            if (o.Ranks != null)
                throw new ScenarioException($"mpirun runs the simulator's ranks: {s.Name} runs on \"{s.Runtime}\", not "
                    + "\"sim\" (run it without mpirun)");
        }
        if (o.SeedsOverride is { } seeds) s.Seeds = seeds;
        if (o.PeersOverride is { } peers) s.Peers = peers;
        foreach (var (role, name) in o.RoleOverrides) s.Protocol[role.Field] = role.PositionOf(name);
        // The file was checked as written: check it again as the command line changed it.
        string[] overrides =
        [
            .. o.RuntimeOverride != null ? [$"--runtime {s.Runtime}"] : Array.Empty<string>(),
            .. o.SeedsOverride != null || o.PeersOverride != null ? [$"--seeds {s.Seeds} --peers {s.Peers}"] : Array.Empty<string>(),
            .. o.RoleOverrides.Select(r => $"{r.Option.Option} {r.Name}"),
        ];
        if (overrides.Length > 0) ScenarioLoader.Validate(s, $"{source ?? s.Name} (with {string.Join(' ', overrides)})");
        return RunPlan.Of(s, o, outDir, driver);
    }

    /// <summary>
    /// The results of a network started by hand (the RealNet executable's seeds and peers, on one
    /// machine or several) from its nodes' folders, written to <paramref name="outDir"/> as a real run's are.
    /// </summary>
    /// <exception cref="ScenarioException">A folder is missing or holds no node, the nodes are not a run, or the results folder is in
    /// use.</exception>
    public static RunResult CollectByHand(IReadOnlyList<string> folders, string outDir, Action<string> say, string commandLine) =>
        ByHandCollection.Collect(folders, outDir, say, commandLine);
}

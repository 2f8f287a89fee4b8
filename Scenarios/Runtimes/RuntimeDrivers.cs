using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes.Docker;
using GossipSim.Scenarios.Runtimes.Netns;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Scenarios.Runtimes.Sim;

namespace GossipSim.Scenarios.Runtimes;

/// <summary>
/// The one place that picks a runtime's driver, by the scenario's "runtime" (or --runtime):
/// everything above it (commands, compare, swarm, the dashboard) runs a scenario, asks whether a
/// runtime can run here, and reads a runtime's limits without naming one.
/// A new runtime is a folder beside these and one line here.
/// </summary>
public static class RuntimeDrivers
{
    /// <summary>The most peers a runtime that starts one process per node (loopback processes, the namespace bed) allows.</summary>
    public const int MaxProcessPeers = RealRunner.MaxPeers;

    /// <summary>Runs <paramref name="s"/> to its end on its runtime, writing node outputs under <paramref name="outDir"/>.</summary>
    /// <exception cref="RunFailedException">The runtime could not run here, or broke down (and was torn down).</exception>
    public static RunResult Run(Scenario s, RunOptions o, string outDir, Action<string> say)
    {
        try
        {
            return s.Runtime switch
            {
                "sim" => SimRunner.Run(s, o, outDir, say),
                "netns" => NetnsRunner.Run(s, o, outDir, say),
                "docker" => DockerRunner.Run(s, o, outDir, say),
                _ => RealRunner.Run(s, o, outDir, say),
            };
        }
        catch (NamespacesUnavailableException ex) { throw new RunFailedException($"namespaces unavailable: {ex.Message}", ex); }
        catch (BedException ex) { throw new RunFailedException($"the namespace bed failed (it has been torn down): {ex.Message}", ex); }
        catch (DockerUnavailableException ex) { throw new RunFailedException($"docker unavailable: {ex.Message}", ex); }
        catch (DockerException ex) { throw new RunFailedException($"the docker run failed: {ex.Message}", ex); }
    }

    /// <summary>
    /// The results of a network started by hand (the RealNet executable's seeds and peers, on one
    /// machine or several) from its nodes' folders, written to <paramref name="outDir"/> as a real run's are.
    /// </summary>
    /// <exception cref="ScenarioException">A folder is missing or holds no node, the nodes are not a run, or the results folder is in
    /// use.</exception>
    public static RunResult CollectByHand(IReadOnlyList<string> folders, string outDir, Action<string> say, string commandLine) =>
        ByHandCollection.Collect(folders, outDir, say, commandLine);

    /// <summary>Why <paramref name="runtime"/> cannot run on this machine (the namespace bed needs root, iproute2 and nft; docker a
    /// swarm manager's engine), or null when it can.</summary>
    public static string? Unavailable(string runtime) => runtime switch
    {
        "netns" => NetnsBed.Unavailable(),
        "docker" => DockerCli.Unavailable(),
        _ => null,
    };

    /// <summary>
    /// Refuses, before anything runs, a scenario <paramref name="runtime"/> does not run: real nodes (loopback,
    /// in-process, the namespace bed) refuse churn, in the words of the file check.
    /// </summary>
    /// <exception cref="ScenarioException">The runtime does not run this scenario.</exception>
    public static void RefuseUnrunnable(string runtime, Scenario s)
    {
        if (runtime != "sim") RealRunner.RefuseChurn(s);
    }
}

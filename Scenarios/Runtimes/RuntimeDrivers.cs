using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes.Netns;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Scenarios.Runtimes.Sim;

namespace GossipSim.Scenarios.Runtimes;

/// <summary>
/// The one place that picks a runtime's driver, by the scenario's "runtime" (or --runtime):
/// everything above it (commands, swarm, the dashboard) runs a scenario without naming one.
/// A new runtime is a folder beside these and one line here.
/// </summary>
public static class RuntimeDrivers
{
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
                _ => RealRunner.Run(s, o, outDir, say),
            };
        }
        catch (NamespacesUnavailableException ex) { throw new RunFailedException($"namespaces unavailable: {ex.Message}", ex); }
        catch (BedException ex) { throw new RunFailedException($"the namespace bed failed (it has been torn down): {ex.Message}", ex); }
    }
}

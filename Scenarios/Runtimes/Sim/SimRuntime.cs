using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;

namespace GossipSim.Scenarios.Runtimes.Sim;

/// <summary>"sim" in the runtime table: the deterministic simulator, which runs every scenario anywhere.</summary>
public sealed class SimRuntime : IRuntimeDriver
{
    public static readonly SimRuntime Instance = new();
    private SimRuntime() { }

    public string Name => RuntimeNames.Sim;
    public bool Simulates => true;
    public string? Unavailable() => null;
    public void Refuse(Scenario s) { }
    public bool DashboardFollows(Scenario s) => true;
    public RunResult Run(RunPlan plan, Action<string> say) => SimRunner.Run(plan, say);
    public RunFailedException? Failure(Exception ex) => null;
}

using GossipSim.Analysis.Wan;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Places;
using GossipSim.Scenarios.Run;
using GossipSim.Simulator.Latency;

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
    public NodePlaces? PlacesOf(LatencyModel latency, ulong seed, int seeds) =>
        RunPlaces.Of(latency, seed, a => SimAddresses.IndexOf(a, seeds));
    public RunFailedException? Failure(Exception ex) => null;
}

using GossipSim.Analysis.Wan;
using GossipSim.Simulator.Latency;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Places;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes.Processes;

namespace GossipSim.Scenarios.Runtimes.Netns;

/// <summary>"netns" in the runtime table: the namespace test bed (root, iproute2 and nft).</summary>
public sealed class NetnsRuntime : IRuntimeDriver
{
    public static readonly NetnsRuntime Instance = new();
    private NetnsRuntime() { }

    public string Name => RuntimeNames.Netns;
    public bool Simulates => false;
    public string? Unavailable() => NetnsBed.Unavailable();
    public void Refuse(Scenario s) => RealRunner.RefuseChurn(s);
    /// <summary>The nodes' files are inside the namespaces' run: the dashboard does not follow it live (replay shows it after).</summary>
    public bool DashboardFollows(Scenario s) => false;
    public RunResult Run(RunPlan plan, Action<string> say) => NetnsRunner.Run(plan, say);

    /// <summary>The bed's relay applies the wan model by the nodes' indices in the bed's address plan.</summary>
    public NodePlaces? PlacesOf(LatencyModel latency, ulong seed, int seeds) =>
        RunPlaces.Of(latency, seed, a => BedAddresses.IndexOf(a, seeds));

    public RunFailedException? Failure(Exception ex) => ex switch
    {
        NamespacesUnavailableException e => new RunFailedException($"namespaces unavailable: {e.Message}", e),
        BedException e => new RunFailedException($"the namespace bed failed (it has been torn down): {e.Message}", e),
        _ => null,
    };
}

using GossipSim.Analysis.Wan;
using GossipSim.Simulator.Latency;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes.Processes;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>"docker" in the runtime table: a container per node on the local Docker Swarm's overlay network.</summary>
public sealed class DockerRuntime : IRuntimeDriver
{
    public static readonly DockerRuntime Instance = new();
    private DockerRuntime() { }

    public string Name => RuntimeNames.Docker;
    public bool Simulates => false;
    public string? Unavailable() => DockerEngines.Unavailable();
    public void Refuse(Scenario s) => RealRunner.RefuseChurn(s);
    public bool DashboardFollows(Scenario s) => true;
    public RunResult Run(RunPlan plan, Action<string> say) => DockerRunner.Run(plan, say);

    /// <summary>None: the overlay network cannot delay a message (its run says so: RealRunner.LatencyNotAppliedLine).</summary>
    public NodePlaces? PlacesOf(LatencyModel latency, ulong seed, int seeds) => null;
    public RunFailedException? Failure(Exception ex) => ex switch
    {
        DockerUnavailableException e => new RunFailedException($"docker unavailable: {e.Message}", e),
        DockerException e => new RunFailedException($"the docker run failed: {e.Message}", e),
        _ => null,
    };
}

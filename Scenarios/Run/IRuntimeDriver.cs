using GossipSim.Analysis.Wan;
using GossipSim.Simulator.Latency;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Run;

/// <summary>
/// A runtime as the one run door sees it (the table of them is <c>Runtimes.RuntimeDrivers</c>):
/// what it refuses before anything starts, whether it can run on this machine, and the run of a
/// plan resolved already, so no driver decides a seed, a folder or a check twice.
/// </summary>
public interface IRuntimeDriver
{
    /// <summary>The scenario's "runtime" (and --runtime) that picks this driver.</summary>
    string Name { get; }

    /// <summary>The deterministic simulator, whose options (--operator, --max-heap, mpirun's ranks) no real runtime takes.</summary>
    bool Simulates { get; }

    /// <summary>Why this runtime cannot run on this machine, or null when it can.</summary>
    string? Unavailable();

    /// <summary>Refuses, before anything runs, a scenario this runtime does not run.</summary>
    /// <exception cref="ScenarioException">The runtime does not run <paramref name="s"/>.</exception>
    void Refuse(Scenario s);

    /// <summary>Whether the live dashboard can follow a run of <paramref name="s"/> here (it reads the simulator's events, or node
    /// processes' trace files on this machine).</summary>
    bool DashboardFollows(Scenario s);

    /// <summary>Where the run's nodes are on the measured Internet when this runtime applies <paramref name="latency"/> and it is
    /// the wan model (the run's model and seed, and this runtime's address plan); null otherwise, and on a runtime that cannot apply
    /// it (its run says so in one line).</summary>
    /// <param name="seeds">The run's seeds: its peers' indices follow them.</param>
    NodePlaces? PlacesOf(LatencyModel latency, ulong seed, int seeds);

    /// <summary>Runs the plan to its end, writing node outputs under its folder (held by whoever runs the plan).</summary>
    RunResult Run(RunPlan plan, Action<string> say);

    /// <summary>This runtime's own breakdown, in the user's words; null when <paramref name="ex"/> is not one of its own.</summary>
    RunFailedException? Failure(Exception ex);
}

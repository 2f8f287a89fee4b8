using GossipSim.Scenarios.Definition;
using GossipSim.Simulator.Ranks;
using GossipSim.Simulator.Ranks.Mpi;
using GossipSim.Simulator.Threads;

namespace GossipSim.Scenarios.Run;

/// <summary>
/// A run decided once, before it starts: the scenario as it will run (the command line's changes
/// applied and checked), the seed every random draw derives from, the runtime's driver, the
/// results folder and the limits. Drivers read it and decide none of it again, so a seed or a
/// refusal cannot differ between the command that asked and the runtime that ran.
/// </summary>
public sealed record RunPlan
{
    public required Scenario Scenario { get; init; }
    public required RunOptions Options { get; init; }
    public required IRuntimeDriver Driver { get; init; }
    /// <summary>The run's seed: --seed, else the scenario's.</summary>
    public required ulong Seed { get; init; }
    /// <summary>Where the run's node outputs (and the caller's results) go.</summary>
    public required string OutDir { get; init; }

    /// <summary>The ranks of the mpirun this process is one of, when there are several (null: the run is this process alone).</summary>
    public IRankExchange? Ranks { get; init; }
    /// <summary>Threads the simulator's partitions run on: --threads, else one per core, shared between the ranks on this
    /// machine. The trace is the same for any number.</summary>
    public required int Threads { get; init; }

    /// <summary>Whether this process holds and writes the results folder: under mpirun only rank 0 does, the others' output reaching
    /// it through the network's mail.</summary>
    public bool HoldsFolder => Ranks is not { Rank: > 0 };

    /// <summary>The heap ceiling a simulation runs under, in GiB: --max-heap's, else the scenario's (null: none).</summary>
    public double? HeapCeilingGiB => Options.MaxHeapGiB ?? Scenario.MaxHeapGiB;

    /// <summary>A real run whose manager takes commands at the terminal: what is left typed when it ends was typed for it, not the
    /// shell.</summary>
    public bool ManagerReadsTerminal => !Driver.Simulates && Options.OnRealRunStarted != null;

    /// <summary>
    /// The plan of <paramref name="s"/> on <paramref name="driver"/> as given: refused now if that runtime does not run it, an
    /// empirical latency measured from its trace, the seed, the ranks and the threads decided. The scenario's own fields are taken
    /// as they are (the command line's changes are <c>Runtimes.RuntimeDrivers.Plan</c>'s).
    /// </summary>
    /// <exception cref="ScenarioException">The runtime does not run the scenario, or its latency's trace cannot be measured.</exception>
    /// <exception cref="RunFailedException">A live run (the dashboard) was asked of several ranks.</exception>
    public static RunPlan Of(Scenario s, RunOptions o, string outDir, IRuntimeDriver driver)
    {
        driver.Refuse(s);
        MeasuredLatencies.Measure(s);
        var ranks = o.Ranks is { Ranks: > 1 } r ? r : null;
        if (ranks != null && o.Live != null)
            throw new RunFailedException("a live run (the dashboard) runs on one process: leave out mpirun, or --live");
        int threads = ThreadsOf(o.Threads, SimThreads.Default,
            ranks == null ? 1 : MpiLaunch.RanksOnThisMachine(Environment.GetEnvironmentVariable));
        return new RunPlan
        {
            Scenario = s, Options = o, Driver = driver, Seed = o.SeedOverride ?? s.Seed, OutDir = outDir, Ranks = ranks,
            Threads = threads,
        };
    }

    /// <summary>The simulator's threads: <paramref name="asked"/> (--threads), else the machine's cores shared out between the
    /// ranks running on it, at least one each.</summary>
    public static int ThreadsOf(int? asked, int cores, int ranksOnThisMachine) =>
        asked ?? Math.Max(1, cores / Math.Max(1, ranksOnThisMachine));
}

using GossipSim.Scenarios.Run.Control;
namespace GossipSim.Scenarios.Run;

/// <summary>How to run a scenario: the command-line choices that are not part of the scenario itself.</summary>
public sealed record RunOptions
{
    public ulong? SeedOverride { get; init; }
    public string? OutDir { get; init; }
    public string? RuntimeOverride { get; init; }
    /// <summary>null = automatic (on for at most <see cref="AutoLogsMaxPeers"/> peers).</summary>
    public bool? Logs { get; init; }
    /// <summary>null = automatic (trace file written for at most <see cref="AutoTraceMaxPeers"/> peers; the hash is always
    /// computed).</summary>
    public bool? TraceFile { get; init; }
    public bool Quiet { get; init; }
    public string CommandLine { get; init; } = "";
    /// <summary>The command that makes these results again, when it is not the scenario's run (collect).</summary>
    public string? ReproCommand { get; init; }
    /// <summary>Override the scenario's number of seeds or peers (--seeds, --peers).</summary>
    public int? SeedsOverride { get; init; }
    public int? PeersOverride { get; init; }
    /// <summary>Run the scenario with these roles from the menus instead of its protocol section's (--broadcast, --overlay,
    /// --failure-detector): the engine's, or ones a GossipSim host registered; each as its option and the name given.</summary>
    public IReadOnlyList<(RoleOption Option, string Name)> RoleOverrides { get; init; } = [];
    /// <summary>Real runs: keep the network up under the manager until quit, whatever the scenario's length (up).</summary>
    public bool UntilQuit { get; init; }
    /// <summary>Real runs: the manager tells the network's events as they happen (<see cref="Narration.LiveNarration"/>): a run that
    /// takes commands at the terminal.</summary>
    public bool Narrate { get; init; }
    /// <summary>Real runs: called once the seeds listen, with the run's manager interface (dashboard, prompt).</summary>
    public Action<IRealRunControl>? OnRealRunStarted { get; init; }
    /// <summary>Real runs: called with every running node at a fixed interval (a soak's resource samples).</summary>
    public NodeWatch? Watch { get; init; }
    /// <summary>Simulated runs: every trace event as it happens, in order (a live viewer).</summary>
    public Engine.Trace.ITraceSink? LiveTrace { get; init; }
    /// <summary>Simulated runs: paced to wall time and managed live through this (the dashboard); null runs as fast as it can.</summary>
    public LiveSimulation? Live { get; init; }
    /// <summary>Simulated runs: threads the network's partitions run on (null: one per core). The trace is the same for any
    /// number.</summary>
    public int? Threads { get; init; }
    /// <summary>Simulated runs: a heap ceiling in GiB instead of the scenario's <c>maxHeapGiB</c> (see
    /// <see cref="Runtimes.Sim.HeapCeiling"/>).</summary>
    public double? MaxHeapGiB { get; init; }

    /// <summary>Simulated runs: manager commands recorded by a live run (<see cref="OperatorLog"/>), applied again at their virtual
    /// times.</summary>
    public string? OperatorFile { get; init; }
    /// <summary>Simulated runs: the ranks of an mpirun this process is one of (null: one process). Rank 0 writes the results.</summary>
    public Simulator.Ranks.IRankExchange? Ranks { get; init; }

    /// <summary>The trace file (compressed) is written by default up to this many peers: sim-crash-hub-1k's (1,000 peers, each creating 12
    /// messages) runs to hundreds of MiB; a replay, the dashboard and a re-report need it.</summary>
    public const int AutoTraceMaxPeers = 1000;

    /// <summary>
    /// Per-node log files (every receipt, link and list) are written by default up to this many
    /// peers: at a thousand peers each flooding, they run to gigabytes, while the trace keeps every
    /// event in a tenth of that.
    /// </summary>
    public const int AutoLogsMaxPeers = 100;
}

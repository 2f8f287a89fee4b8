namespace GossipSim.Scenarios.Sim;

/// <summary>How to run a scenario: the command-line choices that are not part of the scenario itself.</summary>
public sealed record RunOptions
{
    public ulong? SeedOverride { get; init; }
    public string? OutDir { get; init; }
    public string? RuntimeOverride { get; init; }
    /// <summary>null = automatic (on for at most 1,000 peers).</summary>
    public bool? Logs { get; init; }
    /// <summary>null = automatic (trace file written for at most 1,000 peers; the hash is always computed).</summary>
    public bool? TraceFile { get; init; }
    public bool Quiet { get; init; }
    public string CommandLine { get; init; } = "";
    /// <summary>The command that makes these results again, when it is not the scenario's run (collect).</summary>
    public string? ReproCommand { get; init; }
    /// <summary>Override the scenario's number of seeds or peers (--seeds, --peers).</summary>
    public int? SeedsOverride { get; init; }
    public int? PeersOverride { get; init; }
    /// <summary>Real runs: keep the network up under the manager until quit, whatever the scenario's length (up).</summary>
    public bool UntilQuit { get; init; }
    /// <summary>Real runs: called once the seeds listen, with the run's manager interface (dashboard, prompt).</summary>
    public Action<Real.IRunControl>? OnRealRunStarted { get; init; }
    /// <summary>Simulated runs: every trace event as it happens, in order (a live viewer).</summary>
    public Engine.Trace.ITraceSink? LiveTrace { get; init; }

    public const int AutoDetailMaxPeers = 1000;
}

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
    /// <summary>Real runs: called once the seeds listen, with the run's manager interface (dashboard, prompt).</summary>
    public Action<Real.IRealRunControl>? OnRealRunStarted { get; init; }
    /// <summary>Simulated runs: every trace event as it happens, in order (a live viewer).</summary>
    public Engine.Trace.ITraceSink? LiveTrace { get; init; }
    /// <summary>Simulated runs: paced to wall time and managed live through this (the dashboard); null runs as fast as it can.</summary>
    public LiveSimulation? Live { get; init; }
    /// <summary>Simulated runs: manager commands recorded by a live run (<see cref="OperatorLog"/>), applied again at their virtual times.</summary>
    public string? OperatorFile { get; init; }

    public const int AutoDetailMaxPeers = 1000;
}

namespace GossipSim.Scenarios.Run.Control;

/// <summary>
/// A running network, real or a simulation paced live, as the manager (terminal prompt,
/// dashboard buttons) sees it. Commands are queued and carried out on the run's own loop, in
/// order, through the run's <see cref="Faults.FaultInterpreter"/>; each action goes into the
/// trace like a scheduled fault.
/// </summary>
public interface IRunControl
{
    /// <summary>Carries out one command on the run's loop. Thread-safe. A command the runtime cannot do is refused with one line
    /// (<see cref="RunCapability.Refusal"/>).</summary>
    Task<RunAnswer> SendAsync(RunCommand command);

    /// <summary>The commands this runtime carries out.</summary>
    RunCapabilities Capabilities { get; }

    /// <summary>The scenario's name and planned length in seconds.</summary>
    string ScenarioName { get; }
    double PlannedSeconds { get; }

    /// <summary>Set once the run takes no more commands: it is stopping (or has stopped) every node.</summary>
    bool Finished { get; }
}

/// <summary>A real run: its nodes write their own traces, which a live viewer follows.</summary>
public interface IRealRunControl : IRunControl
{
    /// <summary>Each node's output directory (trace.jsonl, status.json, log) is below this.</summary>
    string NodesDirectory { get; }

    /// <summary>Time zero of the run (Unix epoch based, as in the nodes' traces).</summary>
    TimeSpan TimeOrigin { get; }
}

/// <summary>The manager's actions as typed calls.</summary>
public static class RunControl
{
    public static Task<RunAnswer> ListAsync(this IRunControl run) => run.SendAsync(new ListNodes());
    public static Task<RunAnswer> KillAsync(this IRunControl run, NodeTarget target) => run.SendAsync(new KillNode(target));
    public static Task<RunAnswer> RestartAsync(this IRunControl run, NodeTarget target) => run.SendAsync(new RestartNode(target));
    public static Task<RunAnswer> PartitionAsync(this IRunControl run, IReadOnlyList<IReadOnlyList<string>> groups, bool oneWay)
        => run.SendAsync(new PartitionNetwork(groups, oneWay));
    public static Task<RunAnswer> HealAsync(this IRunControl run) => run.SendAsync(new HealNetwork());
}

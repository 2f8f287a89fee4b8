namespace GossipSim.Scenarios.Real;

/// <summary>
/// A running real network, as the manager (terminal prompt, dashboard buttons) sees it.
/// Commands are queued and carried out on the run's own loop, in order, and each action goes
/// into the trace like a scheduled fault.
/// </summary>
public interface IRunControl
{
    /// <summary>
    /// Runs one manager command and returns its answer lines: <c>list</c>, <c>add [n]</c>,
    /// <c>kill &lt;address|hub&gt;</c>, <c>restart &lt;address&gt;</c>, <c>partition ...</c>,
    /// <c>heal</c>, <c>quit</c>. Thread-safe.
    /// </summary>
    Task<IReadOnlyList<string>> ExecuteAsync(string command);

    /// <summary>Each node's output directory (trace.jsonl, status.json, log) is below this.</summary>
    string NodesDirectory { get; }

    /// <summary>Time zero of the run (Unix epoch based, as in the nodes' traces).</summary>
    TimeSpan TimeOrigin { get; }

    /// <summary>The scenario's name and planned length in seconds.</summary>
    string ScenarioName { get; }
    double PlannedSeconds { get; }

    /// <summary>Set once the run takes no more commands: it is stopping (or has stopped) every node.</summary>
    bool Finished { get; }
}

using GossipSim.Scenarios.Real;

namespace GossipSim.Dashboard.Tests.Support;

/// <summary>A stand-in for a real run's manager: records commands, answers from a table.</summary>
public sealed class FakeRun(string nodesDirectory) : IRunControl
{
    private readonly List<string> _commands = new();
    public Func<string, IReadOnlyList<string>> Answer { get; set; } = c => new[] { $"ok {c}" };
    public IReadOnlyList<string> Commands { get { lock (_commands) return _commands.ToList(); } }

    public Task<IReadOnlyList<string>> ExecuteAsync(string command)
    {
        lock (_commands) _commands.Add(command);
        return Task.FromResult(Answer(command));
    }

    public string NodesDirectory { get; } = nodesDirectory;
    public TimeSpan TimeOrigin { get; set; }
    public string ScenarioName => "fake";
    public double PlannedSeconds => 60;
    public bool Finished { get; set; }
}

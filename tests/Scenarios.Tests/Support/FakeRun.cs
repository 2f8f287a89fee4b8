using GossipSim.Scenarios.Run.Control;

namespace GossipSim.Scenarios.Tests.Support;

/// <summary>A stand-in for a real run's manager: records commands, answers from a table.</summary>
public sealed class FakeRun(string nodesDirectory) : IRealRunControl
{
    private readonly List<RunCommand> _commands = new();
    public Func<RunCommand, RunAnswer> Answer { get; set; } = c => RunAnswer.Ok($"ok {c.Name}");
    public IReadOnlyList<RunCommand> Commands { get { lock (_commands) return _commands.ToList(); } }

    public Task<RunAnswer> SendAsync(RunCommand command)
    {
        lock (_commands) _commands.Add(command);
        return Task.FromResult(Answer(command));
    }

    public RunCapabilities Capabilities { get; set; } = RunCapability.NodeCommands;
    public string NodesDirectory { get; } = nodesDirectory;
    public TimeSpan TimeOrigin { get; set; }
    public string ScenarioName => "fake";
    public double PlannedSeconds => 60;
    public bool Finished { get; set; }
}

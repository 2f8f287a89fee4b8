using GossipSim.Dashboard.Runs;

namespace GossipSim.Dashboard.Tests.Support;

/// <summary>A stand-in for a live real run as the dashboard sees it: records the manager lines, answers from a table.</summary>
public sealed class FakeLiveRun(string nodesDirectory) : ILiveRealRun
{
    private readonly List<string> _lines = new();
    public Func<string, ManagerAnswer> Answer { get; set; } = line => new ManagerAnswer(line, true, new[] { $"ok {line}" }, Array.Empty<ListedNode>());
    public IReadOnlyList<string> Lines { get { lock (_lines) return _lines.ToList(); } }

    public Task<ManagerAnswer> SendAsync(string line)
    {
        lock (_lines) _lines.Add(line);
        return Task.FromResult(Answer(line));
    }

    public IReadOnlyList<string> Commands => new[] { "list", "add", "kill", "restart", "quit" };
    public string NodesDirectory { get; } = nodesDirectory;
    public TimeSpan TimeOrigin { get; set; }
    public string ScenarioName => "fake";
    public double PlannedSeconds => 60;
    public bool Finished { get; set; }
}

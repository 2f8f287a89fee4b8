
namespace GossipSim.RealNet.Tests.Support;

/// <summary>
/// A test that starts node processes (and other servers) in a directory of its own; every one
/// it started is killed in teardown, also when the test failed.
/// </summary>
[NonParallelizable]
public abstract class NodeProcessFixture
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly List<IDisposable> _started = new();

    /// <summary>This test's directory: node output, seed list, server data.</summary>
    protected string Dir { get; private set; } = "";

    [SetUp]
    public void MakeDir()
    {
        Dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, GetType().Name, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff"));
        Directory.CreateDirectory(Dir);
    }

    [TearDown]
    public void KillEverything()
    {
        foreach (var p in _started) p.Dispose();
        _started.Clear();
    }

    /// <summary>A node process with its output in <c>Dir/name</c>.</summary>
    protected NodeProcess StartNode(string role, string name, IEnumerable<string> args, int? openFileLimit = null) =>
        Track(NodeProcess.Start(role, Path.Combine(Dir, name), args, openFileLimit));

    /// <summary>The node processes started so far, in the order they were.</summary>
    protected IEnumerable<NodeProcess> StartedNodes => _started.OfType<NodeProcess>();

    protected T Track<T>(T process) where T : IDisposable
    {
        _started.Add(process);
        return process;
    }
}

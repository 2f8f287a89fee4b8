using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Scenarios.Tests.Support;

using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>
/// Which node program the launcher starts (the NativeAOT node a build with -p:NodeNative=true
/// publishes into node-native/, or the JIT one), and that the native node does what the JIT one does.
/// </summary>
public class NodeProgramTests
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder() => _dir = Directory.CreateTempSubdirectory("gossipsim-nodeprogram-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private string Dll => Path.Combine(_dir, "GossipSim.RealNet.dll");
    private string Native => Path.Combine(_dir, "node-native", "GossipSim.RealNet");

    private void Write(string path, DateTime at)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        File.SetLastWriteTimeUtc(path, at);
    }

    [Test]
    public void TheNativeNode_IsChosen_WhenItIsAsNewAsTheDll()
    {
        Write(Dll, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Write(Native, new DateTime(2026, 1, 1, 0, 1, 0, DateTimeKind.Utc));
        Assert.That(RealRunner.NodeProgram(_dir, jit: false), Is.EqualTo(Native));
    }

    [Test]
    public void TheDll_IsChosen_WhenTheNativeNodeIsMissingStaleOrTheJitIsAskedFor()
    {
        Write(Dll, new DateTime(2026, 1, 1, 0, 1, 0, DateTimeKind.Utc));
        Assert.That(RealRunner.NodeProgram(_dir, jit: false), Is.EqualTo(Dll), "no native node");
        Write(Native, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.That(RealRunner.NodeProgram(_dir, jit: false), Is.EqualTo(Dll), "a native node older than the dll (a stale copy)");
        File.SetLastWriteTimeUtc(Native, new DateTime(2026, 1, 1, 0, 2, 0, DateTimeKind.Utc));
        Assert.That(RealRunner.NodeProgram(_dir, jit: true), Is.EqualTo(Dll), "GOSSIPSIM_JIT_NODES=1");
    }

    [Test]
    public void TheRunSaysWhichNodeProgramRuns()
    {
        Assert.That(RealRunner.NodeProgramKind(Native), Is.EqualTo("native nodes"));
        Assert.That(RealRunner.NodeProgramKind(Dll), Is.EqualTo("JIT nodes: dotnet GossipSim.RealNet.dll"));
    }

    [TestCase("Debug", "dotnet build Scenarios -p:NodeNative=true")]
    [TestCase("Release", "dotnet build Scenarios -c Release -p:NodeNative=true")]
    public void JitNodesNobodyAskedFor_AreSaid_WithTheCommandThatBuildsTheNativeNode(string configuration, string command)
    {
        string dir = Path.Combine(_dir, "bin", configuration, "net10.0") + Path.DirectorySeparatorChar;
        string dll = Path.Combine(dir, "GossipSim.RealNet.dll");
        Assert.That(RealRunner.NativeNodeHint(dll, dir, jitAsked: false), Does.Contain(command));
        Assert.That(RealRunner.NativeNodeHint(dll, dir, jitAsked: true), Is.Null, "GOSSIPSIM_JIT_NODES=1 asked for the JIT");
        Assert.That(RealRunner.NativeNodeHint(Path.Combine(dir, "node-native", "GossipSim.RealNet"), dir, jitAsked: false), Is.Null,
            "native nodes run");
    }

    [Test]
    public void NeitherProgram_IsAnError_ThatSaysToBuild()
    {
        var ex = Assert.Throws<ScenarioException>(() => RealRunner.NodeProgram(_dir, jit: false));
        Assert.That(ex!.Message, Does.Contain("build the solution first"));
    }

    /// <summary>The native node a Scenarios build with -p:NodeNative=true published (.ci/run's does; skipped when none did).</summary>
    private static string BuiltNativeNode()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string path = RepositoryFiles.Path("Scenarios", "bin", tfm.Parent!.Name, tfm.Name, "node-native", "GossipSim.RealNet");
        MachineParts.Require(MachinePart.NativeNode, File.Exists(path) ? null
            : $"{path} was not built: dotnet build Scenarios -c {tfm.Parent.Name} -p:NodeNative=true builds it");
        return path;
    }

    /// <summary>
    /// The native node starts, serves /metrics (prometheus-net and HttpListener, compiled ahead of
    /// time) and stops cleanly on SIGTERM, tracing its stop: what the JIT node does.
    /// </summary>
    [Test]
    public async Task TheNativeNode_ServesMetrics_AndStopsCleanlyOnSigterm()
    {
        var (seed, port, outDir) = MetricsSeed.Start(BuiltNativeNode(), _dir);
        try
        {
            await MetricsSeed.ServesItsMemberCountAsync(seed, port);
            seed.Terminate();
            Assert.That(seed.WaitExit(TimeSpan.FromSeconds(30)), Is.True, "the seed exits on SIGTERM");
            string trace = File.ReadAllText(Path.Combine(outDir, "trace.jsonl"));
            Assert.That(trace, Does.Contain("\"ev\":\"node-started\"").And.Contain("\"ev\":\"node-stopped\""), "the trace holds the start and the clean stop");
            Assert.That(File.ReadAllText(Directory.GetFiles(outDir, "seed-*.txt").Single()), Does.Contain("stopped (exit code 0)"), "a clean stop, logged");
        }
        finally
        {
            seed.Kill();
            seed.WaitExit(TimeSpan.FromSeconds(30));
        }
    }
}

using GossipSim.Scenarios.Runtimes.Processes;

namespace GossipSim.Scenarios.Tests.Support;

/// <summary>Tests of whole runs: each gets a fresh output folder, and no node process outlives a test, failed or not.</summary>
[NonParallelizable]
public abstract class RunFolder
{
    protected string Dir { get; private set; } = "";

    [SetUp]
    public void MakeDir() => Dir = Directory.CreateTempSubdirectory("gossipsim-run-").FullName;

    [TearDown]
    public void Clean()
    {
        ChildProcesses.KillAll();
        Directory.Delete(Dir, recursive: true);
    }
}

using GossipSim.Scenarios.Runtimes.Processes;

namespace GossipSim.Scenarios.Tests.Support;

/// <summary>Tests of whole runs: each gets a fresh output folder, and no node process outlives a test, failed or not. A failed
/// test's folder is kept (its path printed) for a look at its trace and logs; a passing test's is deleted.</summary>
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
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
            TestContext.Out.WriteLine($"the failed run's folder is kept for a look: {Dir}");
        else
            Directory.Delete(Dir, recursive: true);
    }
}

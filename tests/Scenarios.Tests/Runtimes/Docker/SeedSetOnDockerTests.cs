using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Runtimes.Docker;
using GossipSim.Scenarios.Tests.Runtimes.Processes;
using GossipSim.Scenarios.Tests.Runtimes.Sim;
using GossipSim.Scenarios.Tests.Support;
using GossipSim.TestSupport;

namespace GossipSim.Scenarios.Tests.Runtimes.Docker;

/// <summary>
/// Issue 56, 2, on containers: the shipped seed-set.json run with --runtime docker. The seed list in the run's volume pins the run's
/// operator key; each new seed is a new container started with --joining, its key copied into the volume first; each change is
/// signed on the launcher's side and handed to a seed of the set in force as a request file in its state directory, written and its
/// answer read through the engine (the volume's keeper), as the set each seed holds is. Without an engine this skips in one line
/// saying what to install (fails in CI).
/// </summary>
[NonParallelizable]
public class SeedSetOnDockerTests : RunFolder
{
    [SetUp]
    public void NeedsASwarm()
    {
        MachineParts.Require(MachinePart.DockerEngine, RuntimeDrivers.Unavailable("docker"));
    }

    [Test]
    public void TheSeedSetScenario_OnContainers_AddsReplacesAndRemovesSeeds_AndPassesEveryCheck()
    {
        var s = ScenarioLoader.Load(Path.Combine(GoldenTraceHashTests.ScenariosFolder(), "seed-set.json"));
        var r = RunDoor.Run(s, new RunOptions { Quiet = true, TraceFile = true, Logs = false, RuntimeOverride = RuntimeNames.Docker }, Dir,
            TestContext.Progress.WriteLine);

        Assert.That(r.Summary.Runtime, Is.EqualTo(RuntimeNames.Docker));
        SeedSetOnRealTests.AddedReplacedAndRemovedSeeds_AndPassedEveryCheck(r, Dir);
        Assert.That(DockerBed.Remains(DockerAddresses.StackOf(s.Name!)), Is.Empty, "no container, volume or network of the run is left");
    }
}

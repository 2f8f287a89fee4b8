using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Fitting;
using GossipSim.Analysis.Summary;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Control;
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

    /// <summary>The manager's seed-set commands on containers: a seed added, then one of the list's removed (the set names it by the
    /// address its host name and key stand for), while the peers gossip.</summary>
    [Test]
    public void TheManager_OnContainers_AddsASeedAndRemovesAnother_ByTheSeedsVote()
    {
        var (result, answers, trace) = ManagerSeedSetRun.Run("docker-manager-seed-set", RuntimeNames.Docker, "processes", peers: 4, Dir);
        Assert.That(answers[0].Lines.Single(), Does.StartWith("seed-set add new seed #3: the seeds vote on it"));
        Assert.That(answers[1].Lines.Single(), Does.StartWith("seed-set remove seed #0: the seeds vote on it"));
        // Every check passes but "crashed peers removed in time", which has no crash to judge here.
        Assert.That(ChecksSaid.NotHeld(result.Summary, TraceChecks.CrashedRemoved), Is.Empty, ChecksSaid.Of(result.Summary));
        var held = trace.Where(e => e.Kind == TraceKind.SeedSetChanged).GroupBy(e => e.Node).ToDictionary(g => g.Key, g => g.Max(e => e.A));
        var seeds = trace.Where(e => e.Kind == TraceKind.NodeStarted && e.Detail == "seed").Select(e => e.Node).Distinct().ToList();
        Assert.That(seeds, Has.Count.EqualTo(4), "the new seed's container started");
        Assert.That(seeds.Count(a => held.GetValueOrDefault(a) == 4), Is.GreaterThanOrEqualTo(3), "the three seeds of the final set hold version 4");
        Assert.That(DockerBed.Remains(DockerAddresses.StackOf("docker-manager-seed-set")), Is.Empty, "no container, volume or network of the run is left");
    }
}

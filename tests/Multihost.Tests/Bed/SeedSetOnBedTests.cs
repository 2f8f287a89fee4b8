using GossipSim.Analysis.Checks;
using GossipSim.TestSupport;
using GossipSim.Analysis.Summary;
using GossipSim.Analysis.Fitting;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Runtimes.Netns;

namespace GossipSim.Multihost.Tests.Bed;

/// <summary>
/// Issue 56, 2, on the namespace bed: the shipped seed-set.json with --runtime netns. The bed is built with a namespace for each seed
/// the schedule's changes start, each started with --joining at its own seed address; changes are handed in the seeds' state
/// directories (the bed's node processes run on this filesystem) as on loopback. About 75 s.
/// </summary>
public class SeedSetOnBedTests : BedTestBase
{
    [Test]
    public void TheSeedSetScenario_OnTheBed_AddsReplacesAndRemovesSeeds_AndPassesEveryCheck()
    {
        string dir = Directory.CreateTempSubdirectory("gs-bed-seed-set-").FullName;
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve("seed-set.json"));
        var r = RunDoor.Run(s, new RunOptions { Quiet = true, TraceFile = true, Logs = false, RuntimeOverride = RuntimeNames.Netns }, dir,
            TestContext.Progress.WriteLine);
        Assert.That(NetnsBed.NamespacesOfThisProcess(), Is.Empty, "the run tore its bed down");

        Assert.That(ChecksSaid.NotHeld(r.Summary), Is.Empty, ChecksSaid.Of(r.Summary));
        var trace = TraceSamples.Events(Analysis.Trace.TraceFile.Require(dir)).ToList();
        var end = trace.First(e => e.Kind == TraceKind.RunEnded).Time;
        var seeds = trace.Where(e => e.Kind == TraceKind.NodeStarted && e.Detail == "seed").Select(e => e.Node).ToHashSet();
        var gone = trace.Where(e => (e.Kind == TraceKind.CrashInjected && e.Detail == "seed")
            || (e.Kind == TraceKind.NodeStopped && e.Time < end)).Select(e => e.Node).Where(seeds.Contains).ToHashSet();
        Assert.That(seeds.Select(a => a.IpText), Is.EquivalentTo(new[] { "10.77.0.1", "10.77.0.2", "10.77.0.3", "10.77.0.4", "10.77.0.5" }),
            "3 seeds and the 2 the changes started, each on its own host");
        Assert.That(gone, Has.Count.EqualTo(2), "seed 0 crashed, one voted out and stopped");
        // Three changes, two steps each: the three seeds up at the end hold version 6.
        var newest = trace.Where(e => e.Kind == TraceKind.SeedSetChanged).GroupBy(e => e.Node).ToDictionary(g => g.Key, g => g.Max(e => e.A));
        Assert.That(seeds.Except(gone).Select(a => newest.GetValueOrDefault(a)), Is.EqualTo(new[] { 6L, 6L, 6L }));
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>The manager's seed-set on the bed: a run that takes commands gets two seed namespaces to spare (a namespace is not added to
    /// a built bed); the manager adds a seed in one, then seed 0 is voted out. About 60 s.</summary>
    [Test]
    public void TheManager_AddsASeedInASpareNamespace_AndRemovesAnother_ByTheSeedsVote()
    {
        string dir = Directory.CreateTempSubdirectory("gs-bed-manager-seed-set-").FullName;
        var (result, answers, trace) = Scenarios.Tests.Runtimes.Processes.ManagerSeedSetRun.Run("bed-manager-seed-set", RuntimeNames.Netns,
            "processes", peers: 4, dir);
        Assert.That(NetnsBed.NamespacesOfThisProcess(), Is.Empty, "the run tore its bed down");
        Assert.That(answers[0].Lines.Single(), Does.StartWith("seed-set add new seed #3: the seeds vote on it"));
        Assert.That(answers[1].Lines.Single(), Does.StartWith("seed-set remove seed #0: the seeds vote on it"));
        // Every check passes but "crashed peers removed in time", which has no crash to judge here.
        Assert.That(ChecksSaid.NotHeld(result.Summary, TraceChecks.CrashedRemoved), Is.Empty, ChecksSaid.Of(result.Summary));
        var seeds = trace.Where(e => e.Kind == TraceKind.NodeStarted && e.Detail == "seed").Select(e => e.Node.IpText).Distinct().ToList();
        Assert.That(seeds, Is.EquivalentTo(new[] { "10.77.0.1", "10.77.0.2", "10.77.0.3", "10.77.0.4" }), "the new seed on its own host");
        var held = trace.Where(e => e.Kind == TraceKind.SeedSetChanged).GroupBy(e => e.Node).ToDictionary(g => g.Key, g => g.Max(e => e.A));
        Assert.That(held.Values.Count(v => v == 4), Is.GreaterThanOrEqualTo(3), "the three seeds of the final set hold version 4");
        Directory.Delete(dir, recursive: true);
    }
}

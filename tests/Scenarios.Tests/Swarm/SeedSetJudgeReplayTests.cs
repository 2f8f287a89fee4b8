using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Swarm;

namespace GossipSim.Scenarios.Tests.Swarm;

/// <summary>
/// A swarm run the judge got wrong (docs/soak.md, class R), replayed whole: it must now pass every check. A peer the seeds in force
/// removed behind a partition crashed before it rejoined, listed only by the seed being voted out beside it (that seed had not heard
/// its leaving yet), and the judge held the seeds in force to a removal they had made already.
/// </summary>
public class SeedSetJudgeReplayTests
{
    [SetUp]
    public void TheSamplesAreOnTheMenu() => Protocols.SampleProtocols.Register();

    // Partition of peers 6-14 with seed #3 from 17.56 s, remove seed #3 at 20.92 s, peer 10.1.0.9 crashed at 23.65 s.
    [TestCase(2, 1076, "rumour", "hyparview", "phi-accrual")]
    public void TheRun_PassesEveryCheck(int swarmSeed, int run, string broadcast, string overlay, string detector)
    {
        var r = SwarmRunner.RunOne((ulong)swarmSeed, run, 50, outDir: null, menu: SwarmMenu.All.Only(broadcast, overlay, detector));
        Assert.That(r.Scenario.Faults!.Any(f => f.Action == "seed-set"), "the run changes the seed set");
        // Rumour leaves a residue by design: its delivery check is reported, not counted (as the swarm counts it).
        var failed = r.Summary.Checks!.Where(c => c.Failed && !(broadcast == "rumour" && c.Name == TraceChecks.NewGossipReachesAll))
            .Select(c => c.Line()).ToList();
        Assert.That(failed, Is.Empty, string.Join("\n", failed));
    }
}

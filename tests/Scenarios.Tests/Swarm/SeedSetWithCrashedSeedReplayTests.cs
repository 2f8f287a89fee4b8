using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Swarm;

namespace GossipSim.Scenarios.Tests.Swarm;

/// <summary>
/// Swarm runs that throw a seed-set change at a run whose seed crashes (docs/soak.md, classes P to R), replayed whole: each must now
/// pass every check. The swarm left such runs out until these were mended.
/// <list type="bullet">
/// <item>P: the seed a change removed heard its leaving, crashed, and the run's "restart" brought it back; it voted no more and
/// peers asked it nothing, but the judge compared its stale list with the seeds in force (the judge now leaves it out).</item>
/// <item>Q: with one seed down, a removal of a crashed peer was proposed while another seed was behind on the change; that seed
/// voted no for the version alone, which ended the reporters' evidence, and the sweep removed the peer 50 s later (a seed behind
/// or ahead on the set now stays silent on a removal, and the proposer's retry meets one set).</item>
/// <item>R: a peer the seeds in force removed behind a partition crashed before it rejoined, listed only by the seed being voted
/// out beside it (it had not heard its leaving yet): the judge held the seeds in force to a removal they had made already.</item>
/// </list>
/// </summary>
public class SeedSetWithCrashedSeedReplayTests
{
    [SetUp]
    public void TheSamplesAreOnTheMenu() => Protocols.SampleProtocols.Register();

    // P: replace seed #2 at 8.67 s, seed #2 crashed at 11.31 s and restarted by "restart crashed" at 34.9 s.
    [TestCase(1, 605, "plumtree", "hyparview", "swim")]
    // P: seed #0 crashed at 9.26 s, removed at 16.97 s while down, restarted at 28.85 s (it learns the change at its return).
    [TestCase(1, 326, "rumour", "uniform", "phi-accrual")]
    // Q: seed #1 down 9.3-26.6 s, remove seed #2 at 20.61 s, a peer crashed at 21.03 s: removed at 76.6 s before, bound 46.6 s.
    [TestCase(1, 719, "rumour", "hyparview", "phi-accrual")]
    // R: partition of peers 6-14 with seed #3 from 17.56 s, remove seed #3 at 20.92 s, peer 10.1.0.9 crashed at 23.65 s.
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

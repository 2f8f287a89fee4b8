using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Swarm;

namespace GossipSim.Scenarios.Tests.Swarm;

/// <summary>
/// Swarm runs the judge got wrong (docs/soak.md, classes M and N), replayed whole: each must now pass every check.
/// <list type="bullet">
/// <item>M: a seed voted out of the seed set ran on until the runner stopped it; a peer the seeds in force had removed crashed
/// later, listed only by the voted-out seed, and was judged "never removed".</item>
/// <item>N: a peer crashed 0.3 s before its rejoin's add was committed: unlisted at its crash, it was skipped by the removal check
/// and counted by "seeds list exactly the live peers"; a member added after it died is held to its certificate's silence.</item>
/// </list>
/// And runs that throw a seed-set change at a run whose seed crashes (classes P to T), which the swarm left out until these were
/// mended:
/// <list type="bullet">
/// <item>P: a seed voted out that a fault restarted was compared with the seeds in force (the judge's).</item>
/// <item>Q: a seed behind on the set voted no on a removal for the version alone, ending the evidence (it now stays silent).</item>
/// <item>R: a crash listed only by the seed being voted out was held against the seeds in force (the judge's); and a live peer
/// removed only by a seed voted out since was owed a rejoin the set in force never asked of it (the judge's).</item>
/// <item>S: every send of a report about a neighbour dropped at a failed send failed (its seeds down or cut off): nothing reported
/// it again (it is now held for retries, as a leaver's is).</item>
/// <item>T: a seed voted in while another was down voted no on removing a peer it had not learned yet (it now says nothing, and the
/// proposer asks again).</item>
/// <item>U: a seed restarted into a set change kept silent on a removal proposed at the version it had not reached, and the 2-seed
/// set's removal waited out the proposer's back-off (it now decides the proposal once it holds that version).</item>
/// </list>
/// </summary>
public class SeedSetAndLateAddReplayTests
{
    [SetUp]
    public void TheSamplesAreOnTheMenu() => Protocols.SampleProtocols.Register();

    [TestCase(2026, 1107, "flood", "hyparview", "swim")]   // M: seed-set remove seed #0 at 12.46 s, a peer crashed at 22.43 s
    [TestCase(12, 247, "rumour", "hyparview", "swim")]      // M: seed-set remove seed #2 at 12.7 s, the hub crashed at 15.68 s
    [TestCase(2026, 722, "plumtree", "hyparview", "classic")] // N
    [TestCase(1, 605, "plumtree", "hyparview", "swim")]         // P: replace seed #2 at 8.67 s, it crashed at 11.31 s, restarted 34.9 s
    [TestCase(1, 326, "rumour", "uniform", "phi-accrual")]      // P: seed #0 crashed at 9.26 s, removed while down, restarted 28.85 s
    [TestCase(1, 719, "rumour", "hyparview", "phi-accrual")]    // Q: seed #1 down 9.3-26.6 s, remove seed #2 at 20.61 s
    [TestCase(2, 1076, "rumour", "hyparview", "phi-accrual")]   // R: peer 10.1.0.9 crashed behind a partition with seed #3
    [TestCase(13, 2308, "rumour", "uniform", "swim")]           // R: peer 10.1.0.26 removed only by seed #1, replaced at 28.47 s
    [TestCase(1, 999, "flood", "hyparview", "phi-accrual")]     // S: remove seed #2, then seed #1 down and seed #0 cut off
    [TestCase(12, 2032, "plumtree", "hyparview", "swim")]       // T: add a seed at 24.8 s while seed #2 is down
    [TestCase(2, 239, "plumtree", "hyparview", "classic")]      // U: seed #0 down 13.42-32.04 s, remove seed #2 at 17.48 s
    public void TheRun_PassesEveryCheck(int swarmSeed, int run, string broadcast, string overlay, string detector)
    {
        var r = SwarmRunner.RunOne((ulong)swarmSeed, run, 50, outDir: null, menu: SwarmMenu.All.Only(broadcast, overlay, detector));
        // Rumour leaves a residue by design: its delivery check is reported, not counted (as the swarm counts it).
        var failed = r.Summary.Checks!.Where(c => c.Failed && !(broadcast == "rumour" && c.Name == TraceChecks.NewGossipReachesAll))
            .Select(c => c.Line()).ToList();
        Assert.That(failed, Is.Empty, string.Join("\n", failed));
        Assert.That(r.Summary.Checks!.Single(c => c.Name == TraceChecks.CrashedRemoved).Verdict, Is.Not.EqualTo(CheckVerdict.Failed));
    }
}

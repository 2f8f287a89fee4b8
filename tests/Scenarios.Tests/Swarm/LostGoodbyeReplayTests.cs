using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Swarm;

namespace GossipSim.Scenarios.Tests.Swarm;

/// <summary>
/// Swarm class B (docs/soak.md), replayed: runs of swarm seed 1 (50 peers) where a leaving peer's goodbye reached no seed, or
/// reached one whose proposal then lost its votes under loss, so the seeds still listed it at the end. Its neighbours now pass
/// the goodbye on, and the seeds list exactly the live peers.
/// </summary>
public class LostGoodbyeReplayTests
{
    [TestCase(321)]  // loss 23 % and a one-way partition: the one proposal from the goodbye lost its votes, nobody proposed again
    [TestCase(5148)] // loss 23 %
    [TestCase(5305)] // loss 30 %, 5 seeds
    public void ASwarmRunWithALeaveUnderLoss_EndsWithTheSeedsListingExactlyTheLivePeers(int run)
    {
        // Found when the swarm drew only the engine's own protocols: on that menu it is the same run.
        var r = SwarmRunner.RunOne(1, run, 50, outDir: null, menu: SwarmMenu.EngineOwn);
        Assert.That(r.Scenario.Faults.Any(f => f.Action == "leave"), "the run has a leave");
        var lists = r.Summary.Checks!.Single(c => c.Name == TraceChecks.ListsLivePeers);
        Assert.That(lists.Verdict, Is.EqualTo(CheckVerdict.Passed), lists.Line());
    }

    [Test]
    public void ALeaverAndAllItsNeighboursBehindAPartition_IsRemovedOnceTheirReportsAreSentAgain()
    {
        // Swarm seed 12, run 390 (rumour, the sample uniform overlay, phi accrual): the leaver and its six neighbours were behind a
        // partition of peers 5-20; every goodbye and every report was lost, and nobody reported it again after the heal.
        Protocols.SampleProtocols.Register();
        var r = SwarmRunner.RunOne(12, 390, 50, outDir: null, menu: SwarmMenu.All.Only("rumour", "uniform", "phi-accrual"));
        Assert.That(r.Scenario.Faults.Any(f => f.Action == "leave"), "the run has a leave");
        var lists = r.Summary.Checks!.Single(c => c.Name == TraceChecks.ListsLivePeers);
        Assert.That(lists.Verdict, Is.EqualTo(CheckVerdict.Passed), lists.Line());
    }
}

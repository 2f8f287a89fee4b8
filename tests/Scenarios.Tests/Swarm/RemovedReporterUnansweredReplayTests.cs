using GossipSim.Analysis.Checks;
using GossipSim.Scenarios.Swarm;

namespace GossipSim.Scenarios.Tests.Swarm;

/// <summary>
/// A swarm run of seed 1 (50 peers, plumtree+hyparview, 5 seeds) where the one neighbour that saw a crash had been removed while
/// alive behind a partition: peer 37, removed at 27.6-27.8 s, dropped peer 42 at a failed send at 28.03 s (42 had crashed at
/// 27.7 s) and reported it; the seeds answered a removed member with its own removal, not about 42, so the report had no answer,
/// its rejoin let it go, nobody else was linked to 42, and 42 was still listed at 80 s. Reports nobody answered are now held over
/// a rejoin (a ping of the neighbour first, then the report again if it is silent): 42 removed at 33.8 s.
/// </summary>
public class RemovedReporterUnansweredReplayTests
{
    [Test]
    public void AFailedSendReportTurnedAwayBecauseItsReporterWasRemoved_IsMadeAgainAfterTheRejoin_AndEveryCheckPasses()
    {
        var r = SwarmRunner.RunOne(1, 1699, 50, outDir: null, menu: SwarmMenu.All.Only("plumtree", "hyparview", "classic"));
        var removal = r.Summary.Checks!.Single(c => c.Name == TraceChecks.CrashedRemoved);
        Assert.That(removal.Verdict, Is.EqualTo(CheckVerdict.Passed), removal.Line());
        var failed = r.Summary.Checks!.Where(c => c.Failed).Select(c => c.Line()).ToList();
        Assert.That(failed, Is.Empty, string.Join("\n", failed));
    }
}

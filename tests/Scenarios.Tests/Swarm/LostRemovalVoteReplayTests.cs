using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Swarm;

namespace GossipSim.Scenarios.Tests.Swarm;

/// <summary>
/// Swarm runs of seed 1 (50 peers) where a leaver's removal lost its votes (docs/soak.md, class I): the leaver said goodbye
/// while too few seeds could hear its proposers (loss, a partition, a crashed seed); each proposer found it silent, but every
/// proposal or vote between the seeds was lost, so each proposal timed out with one yes. The neighbours' reports
/// had joined those proposals and were turned away with them, and nothing proposed it again: it was still listed at the end.
/// A seed now proposes such a removal again while only silence came back, after waits that double up to a cap, so a majority
/// out of reach for a while is outlasted (<see cref="Engine.Seed.RemovalRetry"/>).
/// </summary>
public class LostRemovalVoteReplayTests
{
    // plumtree, classic: peer 40 left at 19.95 s; still listed by all three seeds at 80 s before the fix.
    [TestCase(5821)]
    // flood, classic: peers 19 and 42 left at 29.16 s with one seed crashed and the other behind a partition that healed 0.27 s
    // later; the one reachable seed's proposals reached nobody, and at 80 s peer 19 was still listed.
    [TestCase(1126)]
    // flood+swim, classic: two peers left at 24.77 s while seed 1 was crashed (24.29-31.3 s) and seed 2 behind a partition
    // (21.15-34.92 s); seed 0's three back-to-back proposals were over by 31 s, and at 80 s one leaver was still listed. Its
    // later proposals now wait longer each time, and one reaches the restarted seed 1.
    [TestCase(7895)]
    // flood+hyparview: peer 41 left at 23.61 s with seed 1 crashed (16.76-36.95 s) and seed 2 behind a partition (21.83-33.05 s).
    [TestCase(8032)]
    // flood+swim: peers 28 and 49 left at 25.93 s with seed 0 crashed (14.76-33.03 s) and seed 1 behind a partition (24.55-37.18 s).
    [TestCase(3604)]
    public void ALeaverWhoseRemovalVotesWereLost_IsNoLongerListed(int run)
    {
        // Found when the swarm drew only the engine's own protocols: on that menu it is the same run.
        var r = SwarmRunner.RunOne(1, run, 50, outDir: null, menu: SwarmMenu.EngineOwn);
        var listed = r.Summary.Checks!.Single(c => c.Name == TraceChecks.ListsLivePeers);
        Assert.That(listed.Verdict, Is.EqualTo(CheckVerdict.Passed), listed.Line());
        var failed = r.Summary.Checks!.Where(c => c.Failed).Select(c => c.Line()).ToList();
        Assert.That(failed, Is.Empty, string.Join("\n", failed));
    }
}

using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Swarm;

namespace GossipSim.Scenarios.Tests.Swarm;

/// <summary>
/// Swarm runs of seed 1 (50 peers) where a leaver's removal lost its votes (docs/soak.md, class H): the leaver said goodbye
/// while too few seeds could hear its proposers (loss, a partition, a crashed seed); each proposer found it silent, but every
/// proposal or vote between the seeds was lost, so each proposal timed out with one yes. The neighbours' reports
/// had joined those proposals and were turned away with them, and nothing proposed it again: it was still listed at the end.
/// A seed now proposes such a removal again while only silence came back (<see cref="Engine.Seed.RemovalRetry"/>).
/// </summary>
public class LostRemovalVoteReplayTests
{
    // plumtree, classic: peer 40 left at 19.95 s; still listed by all three seeds at 80 s before the fix.
    [TestCase(5821)]
    // flood, classic: peers 19 and 42 left at 29.16 s with one seed crashed and the other behind a partition that healed 0.27 s
    // later; the one reachable seed's proposals reached nobody, and at 80 s peer 19 was still listed.
    [TestCase(1126)]
    public void ALeaverWhoseRemovalVotesWereLost_IsNoLongerListed(int run)
    {
        var r = SwarmRunner.RunOne(1, run, 50, outDir: null);
        var listed = r.Summary.Checks!.Single(c => c.Name == TraceChecks.ListsLivePeers);
        Assert.That(listed.Verdict, Is.EqualTo(CheckVerdict.Passed), listed.Line());
        var failed = r.Summary.Checks!.Where(c => c.Failed).Select(c => c.Line()).ToList();
        Assert.That(failed, Is.Empty, string.Join("\n", failed));
    }
}

using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Swarm;

namespace GossipSim.Scenarios.Tests.Swarm;

/// <summary>
/// Swarm run 9044 of seed 1 (50 peers; plumtree, classic overlay, classic detector; docs/soak.md, class J): a partition cut peers
/// 0-15 off, the seeds removed all sixteen, and their far ends dropped every link across and replaced it on their own side. After
/// the heal the sixteen rejoined holding only links among themselves, and a lost link another peer made is that peer's to replace,
/// so nobody linked the two sides again: the overlay stayed split and every later message missed one side. A peer registered
/// again now asks for the newcomer's count of new links beside those it kept, and every check passes.
/// </summary>
public class SplitOverlayReplayTests
{
    [Test]
    public void APartitionedSideThatRejoined_LinksToTheOtherSideAgain_AndEveryCheckPasses()
    {
        // Found when the swarm drew only the engine's own protocols: on that menu it is the same run.
        var r = SwarmRunner.RunOne(1, 9044, 50, outDir: null, menu: SwarmMenu.EngineOwn);
        var reach = r.Summary.Checks!.Single(c => c.Name == TraceChecks.NewGossipReachesAll);
        Assert.That(reach.Verdict, Is.EqualTo(CheckVerdict.Passed), reach.Line());
        var failed = r.Summary.Checks!.Where(c => c.Failed).Select(c => c.Line()).ToList();
        Assert.That(failed, Is.Empty, string.Join("\n", failed));
    }
}

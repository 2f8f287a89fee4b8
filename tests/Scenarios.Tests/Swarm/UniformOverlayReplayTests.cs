using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Swarm;

namespace GossipSim.Scenarios.Tests.Swarm;

/// <summary>
/// Swarm runs of seed 1 (50 peers) that failed with the sample uniform overlay (docs/soak.md, 10,000 runs at b34c08f), each a promise
/// the checks caught: "every live peer receives every new message".
/// <list type="bullet">
/// <item>3069 (flood): peer 0's every link went to peers behind a partition, which the seeds removed; with no link left it asked the
/// seeds for peers, that request was lost (12 % loss), and the engine kept it "out" for good, so the overlay could never ask again and
/// the peer missed every later message. A registered overlay's request for peers now lapses when its retry interval passes unanswered.</item>
/// <item>549 (plumtree): the partitioned side rejoined holding k links among themselves, and the overlay asked only for what it lacked,
/// so the overlay stayed split (9 of 47 peers reached). A peer taken back asks for k new links beside those it kept, as seed-pa does.</item>
/// <item>2546 (plumtree), once a leaver's reports were sent again (ReportRetries) and the run took another course: five peers held k
/// links among themselves and lost all their others when the seeds removed the side a partition cut off; they asked for none, an
/// island for good. A link the seeds' removal ended is replaced even by a peer that keeps k (docs/soak.md, class O).</item>
/// </list>
/// </summary>
public class UniformOverlayReplayTests
{
    [SetUp]
    public void TheSamplesAreOnTheMenu() => Protocols.SampleProtocols.Register();

    [TestCase(3069, "flood")]
    [TestCase(549, "plumtree")]
    [TestCase(2546, "plumtree")]
    public void AUniformOverlayRun_ThatLeftAPeerOrASideUnlinked_NowPassesEveryCheck(int run, string broadcast)
    {
        var r = SwarmRunner.RunOne(1, run, 50, outDir: null, menu: SwarmMenu.All.Only(broadcast, "uniform", "classic"));
        var reach = r.Summary.Checks!.Single(c => c.Name == TraceChecks.NewGossipReachesAll);
        Assert.That(reach.Verdict, Is.EqualTo(CheckVerdict.Passed), reach.Line());
        var failed = r.Summary.Checks!.Where(c => c.Failed).Select(c => c.Line()).ToList();
        Assert.That(failed, Is.Empty, string.Join("\n", failed));
    }
}

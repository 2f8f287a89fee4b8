using GossipSim.Scenarios.Runtimes;
using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes.Sim;
using GossipSim.Scenarios.Swarm;

namespace GossipSim.Scenarios.Tests.Swarm;

/// <summary>
/// A peer removed while alive registers again, the seeds list its new incarnation, and it crashes before a majority of seeds has
/// answered it (docs/soak.md, class K). In swarm run 9663 of seed 1 (plumtree, 5 seeds) it held two seeds' answers of three; its
/// one kept link was of the removed incarnation, shown the new certificate only at registration, so that removal cut it at the
/// far end and nobody watched the crash. It had reported that link to a seed but never refreshed, so no seed counted its silence
/// either, and it stayed listed for good. A rejoining peer now shows its kept links its certificate with the first seed's answer
/// (<see cref="Engine.Peer.KeptLinks"/>), and a seed counts the silence of a member that reported to it
/// (<see cref="Engine.Membership.CertificateSilence"/>). Since every node's stream is seeded by one rule on every runtime
/// (RngStreams.NodeSeed) the run takes another course; the rules' own tests are KeptLinksTests, RejoinTests and SybilAdmissionTests'
/// silent reporter.
/// </summary>
public class UnwatchedRejoinReplayTests
{
    // Peer 34 rejoined at 25.07 s, its add committed by 28.38 s, crashed at 29.4 s; still listed by all five seeds at 80 s (and at
    // 330 s in a longer run) before the fix. Its kept link now watches the new incarnation and reports the crash.
    [Test]
    public void SwarmRun9663_ARejoinedPeerThatCrashedBeforeItsRegistrationCompleted_IsNoLongerListed()
    {
        // Found when the swarm drew only the engine's own protocols: on that menu it is the same run.
        var r = SwarmRunner.RunOne(1, 9663, 50, outDir: null, menu: SwarmMenu.EngineOwn);
        var listed = r.Summary.Checks!.Single(c => c.Name == TraceChecks.ListsLivePeers);
        Assert.That(listed.Verdict, Is.EqualTo(CheckVerdict.Passed), listed.Line());
        var failed = r.Summary.Checks!.Where(c => c.Failed).Select(c => c.Line()).ToList();
        Assert.That(failed, Is.Empty, string.Join("\n", failed));
    }
}

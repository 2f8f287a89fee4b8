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
/// (<see cref="Engine.Membership.CertificateSilence"/>).
/// </summary>
public class UnwatchedRejoinReplayTests
{
    // Peer 34 rejoined at 25.07 s, its add committed by 28.38 s, crashed at 29.4 s; still listed by all five seeds at 80 s (and at
    // 330 s in a longer run) before the fix. Its kept link now watches the new incarnation and reports the crash.
    [Test]
    public void SwarmRun9663_ARejoinedPeerThatCrashedBeforeItsRegistrationCompleted_IsNoLongerListed()
    {
        var r = SwarmRunner.RunOne(1, 9663, 50, outDir: null);
        var listed = r.Summary.Checks!.Single(c => c.Name == TraceChecks.ListsLivePeers);
        Assert.That(listed.Verdict, Is.EqualTo(CheckVerdict.Passed), listed.Line());
        var failed = r.Summary.Checks!.Where(c => c.Failed).Select(c => c.Line()).ToList();
        Assert.That(failed, Is.Empty, string.Join("\n", failed));
    }

    /// <summary>
    /// Swarm run 5955 of seed 1 (plumtree+hyparview+swim) takes that course now: peer 1 rejoined at 26.64 s, held two seeds' answers
    /// and crashed at 27.47 s, its kept links all ended (HyParView's far ends had dropped them), having reported one link to the
    /// seed that answered first. Nobody could report it; only its silence can remove it, within the unwatched bound (184 s), longer
    /// than the swarm's 80 s. Run to 330 s it is removed within that bound; before the seeds counted a reporter's silence it was
    /// never removed.
    /// </summary>
    [Test]
    public void SwarmRun5955RunLonger_ARejoinedPeerNobodyWatched_IsRemovedByItsSilence_WithinTheUnwatchedBound()
    {
        var s = SwarmScenario.Make(1, 5955, 50);
        s.DurationSeconds = 330;
        ScenarioLoader.Validate(s, s.Name!);
        string dir = Directory.CreateTempSubdirectory("gossipsim-swarm-5955-").FullName;
        try
        {
            var summary = RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = false }, dir, _ => { }).Summary;
            var crash = summary.Failures!.Single(f => f.Node == "10.1.0.1:7000");
            Assert.That((crash.Unwatched, crash.ReportedAt), Is.EqualTo(((bool?)true, (double?)null)), "nobody could report it");
            var removed = summary.Checks!.Single(c => c.Name == TraceChecks.CrashedRemoved);
            Assert.That(removed.Verdict, Is.EqualTo(CheckVerdict.Passed), removed.Line());
            var failed = summary.Checks!.Where(c => c.Failed).Select(c => c.Line()).ToList();
            Assert.That(failed, Is.Empty, string.Join("\n", failed));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

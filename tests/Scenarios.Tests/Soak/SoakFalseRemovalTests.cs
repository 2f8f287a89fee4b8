using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Soak;

namespace GossipSim.Scenarios.Tests.Soak;

/// <summary>The soak's "no false removal" judges a live peer's removal as the run's own check does: one the machine explains (the
/// peer's node held up as long as a seed's probe waits) is not the protocol's.</summary>
public class SoakFalseRemovalTests
{
    private static readonly CheckResult HeldUp = CheckResult.NotExercised(TraceChecks.NoLiveRemoval,
        "the live peer the seeds removed was held up by the machine as long as a seed's probe waits (t=23.820 peer 10.0.0.5:5001: "
        + "held up 6.705 s in the 8.500 s before, a seed's probe waits 0.500 s), so it looked dead; it must rejoin instead");
    private static readonly CheckResult Partitioned = CheckResult.NotExercised(TraceChecks.NoLiveRemoval,
        "the run partitioned the network, so a live peer may be removed; it must rejoin instead");
    private static readonly CheckResult Removed = CheckResult.Fail(TraceChecks.NoLiveRemoval,
        "no seed removed a peer that had not crashed or left", "t=20.000 peer 10.0.0.5:5001 removed while up");

    [TestCase(0, null, CheckVerdict.Passed, TestName = "nobody live removed: passed")]
    [TestCase(2, "held up", CheckVerdict.NotExercised, TestName = "removed while the machine held them up: not the protocol's")]
    [TestCase(1, "failed", CheckVerdict.Failed, TestName = "removed while up and running: failed")]
    [TestCase(1, "partitioned", CheckVerdict.Failed, TestName = "a partition excuses the run's check, not the soak's (it cuts nothing)")]
    [TestCase(1, null, CheckVerdict.Failed, TestName = "no check of the run to say why: failed")]
    public void ALivePeerRemoved_IsJudgedAsTheRunsCheckJudgesIt(int falseRemovals, string? runCheck, CheckVerdict verdict)
    {
        var summary = new RunSummary
        {
            FalseRemovals = falseRemovals,
            Checks = runCheck switch { "held up" => [HeldUp], "partitioned" => [Partitioned], "failed" => [Removed], _ => null },
        };
        var check = SoakRun.FalseRemovalCheck(summary);
        Assert.That(check.Name, Is.EqualTo(SoakRun.NoFalseRemoval));
        Assert.That(check.Verdict, Is.EqualTo(verdict), check.Line());
        if (verdict == CheckVerdict.NotExercised) Assert.That(check.Detail, Does.Contain("2 live peers removed").And.Contain("held up 6.705 s"));
        if (verdict == CheckVerdict.Failed) Assert.That(check.Line(), Does.Contain($"{falseRemovals} live peers removed"));
    }
}

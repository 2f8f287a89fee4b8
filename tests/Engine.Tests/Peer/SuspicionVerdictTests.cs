using GossipSim.Engine.Liveness;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>Every row of R11's suspicion rule: report when a majority of the witnesses who answered could not reach the suspect; silence counts neither way; no witness or no answer at all: report (the seeds' own probes decide).</summary>
public class SuspicionVerdictTests
{
    //        asked, unreachable, reachable, timeUp, verdict
    [TestCase(0, 0, 0, false, Verdict.Report, TestName = "NoOtherNeighbour_Reports_TheSeedsProbeDecides")]
    [TestCase(0, 0, 0, true, Verdict.Report)]
    [TestCase(3, 0, 0, false, Verdict.Wait, TestName = "NoAnswerYet_Waits")]
    [TestCase(3, 0, 0, true, Verdict.Report, TestName = "NoWitnessAnswered_ByTheTimeout_Reports")]
    [TestCase(3, 1, 0, false, Verdict.Wait, TestName = "OneOfThreeUnreachable_TwoSilent_Waits")]
    [TestCase(3, 1, 0, true, Verdict.Report, TestName = "OnlyAnswerSaysUnreachable_AtTheTimeout_Reports")]
    [TestCase(3, 2, 0, false, Verdict.Report, TestName = "MajorityOfThreeUnreachable_ReportsAtOnce")]
    [TestCase(3, 0, 1, false, Verdict.Wait)]
    [TestCase(3, 0, 1, true, Verdict.NotConfirmed, TestName = "OnlyAnswerSaysReachable_AtTheTimeout_NotConfirmed")]
    [TestCase(3, 0, 2, false, Verdict.NotConfirmed, TestName = "MajorityOfThreeReachable_NotConfirmedAtOnce")]
    [TestCase(3, 1, 1, false, Verdict.Wait, TestName = "OneEachWay_LastStillOut_Waits")]
    [TestCase(3, 1, 1, true, Verdict.NotConfirmed, TestName = "OneEachWay_AtTheTimeout_ATieIsNotConfirmed")]
    [TestCase(3, 2, 1, false, Verdict.Report)]
    [TestCase(3, 1, 2, false, Verdict.NotConfirmed)]
    [TestCase(4, 2, 0, false, Verdict.Wait, TestName = "HalfOfFourUnreachable_IsNotYetAMajority")]
    [TestCase(4, 2, 0, true, Verdict.Report)]
    [TestCase(4, 3, 0, false, Verdict.Report)]
    [TestCase(4, 2, 2, false, Verdict.NotConfirmed, TestName = "TwoEachWayOfFour_NotConfirmed")]
    [TestCase(4, 0, 2, false, Verdict.NotConfirmed, TestName = "HalfOfFourReachable_CanNoLongerBeOutvoted")]
    [TestCase(4, 2, 1, true, Verdict.Report, TestName = "TwoToOne_WithOneSilent_AtTheTimeout_Reports")]
    [TestCase(1, 1, 0, false, Verdict.Report)]
    [TestCase(1, 0, 1, false, Verdict.NotConfirmed)]
    [TestCase(8, 4, 3, false, Verdict.Wait)]
    [TestCase(8, 5, 0, false, Verdict.Report)]
    [TestCase(8, 3, 4, false, Verdict.NotConfirmed)]
    public void Decide(int asked, int unreachable, int reachable, bool timeUp, Verdict expected) =>
        Assert.That(SuspicionVerdict.Decide(asked, unreachable, reachable, timeUp), Is.EqualTo(expected));

    [TestCase(2, 2, 1)]
    [TestCase(-1, 0, 0)]
    [TestCase(2, -1, 0)]
    public void MoreAnswersThanWitnessesAsked_IsRefused(int asked, int unreachable, int reachable) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SuspicionVerdict.Decide(asked, unreachable, reachable, true));

    [Test]
    public void AllAnswersIn_NeverWaits_WhateverTheTimer()
    {
        for (int asked = 1; asked <= 8; asked++)
            for (int unreachable = 0; unreachable <= asked; unreachable++)
                Assert.That(SuspicionVerdict.Decide(asked, unreachable, asked - unreachable, timeUp: false), Is.Not.EqualTo(Verdict.Wait), $"{unreachable} of {asked}");
    }
}

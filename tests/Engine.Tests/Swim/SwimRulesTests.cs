using GossipSim.Engine.Core;
using GossipSim.Engine.Swim;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Swim;

/// <summary>SWIM's decisions, one table each (Das, Gupta and Motivala, DSN 2002; Lifeguard's suspicion timeout, Dadgar et al. 2018).</summary>
public class SwimRulesTests
{
    [TestCase(false, false, 3, ProbeTimeoutStep.Nothing, TestName = "An old probe's timeout does nothing")]
    [TestCase(true, true, 3, ProbeTimeoutStep.Nothing, TestName = "An answered probe asks nobody")]
    [TestCase(true, false, 3, ProbeTimeoutStep.AskOthers, TestName = "An unanswered probe asks others to probe")]
    [TestCase(true, false, 0, ProbeTimeoutStep.Wait, TestName = "An unanswered probe with nobody to ask waits for the period's end")]
    public void AtProbeTimeout(bool current, bool answered, int others, ProbeTimeoutStep expected) =>
        Assert.That(SwimRules.AtProbeTimeout(current, answered, others), Is.EqualTo(expected));

    [TestCase(false, false, SuspectStanding.NotSuspected, PeriodEndStep.Fine, TestName = "A period without a probe suspects nobody")]
    [TestCase(true, true, SuspectStanding.NotSuspected, PeriodEndStep.Fine, TestName = "An answered probe suspects nobody")]
    [TestCase(true, true, SuspectStanding.Suspected, PeriodEndStep.Fine, TestName = "An answered probe of a suspect is fine (its pong clears it)")]
    [TestCase(true, false, SuspectStanding.NotSuspected, PeriodEndStep.Suspect, TestName = "An unanswered probe makes a suspect")]
    [TestCase(true, false, SuspectStanding.Suspected, PeriodEndStep.StillSuspected, TestName = "A suspect unanswered again keeps its timer")]
    [TestCase(true, false, SuspectStanding.Reported, PeriodEndStep.SuspectAgain, TestName = "A reported neighbour still unanswered is suspected anew")]
    public void AtPeriodEnd(bool probing, bool answered, SuspectStanding standing, PeriodEndStep expected) =>
        Assert.That(SwimRules.AtPeriodEnd(probing, answered, standing), Is.EqualTo(expected));

    // min 6 s, max 36 s, K = 3: max - 30 * log(C+1)/log(4)
    [TestCase(0, 3, 36.0, TestName = "No confirmation: the longest wait")]
    [TestCase(1, 3, 21.0, TestName = "One of three confirmed: half way on the log scale")]
    [TestCase(2, 3, 36.0 - 30.0 * 1.0986122886681098 / 1.3862943611198906, TestName = "Two of three")]
    [TestCase(3, 3, 6.0, TestName = "Every asked peer confirmed: the shortest wait")]
    [TestCase(5, 3, 6.0, TestName = "More confirmations than expected: never below the shortest")]
    [TestCase(0, 0, 6.0, TestName = "Nobody to confirm: the shortest wait, as it cannot fall")]
    public void SuspicionTimeout_FallsFromMaxToMinOnALogScale(int confirmations, int expected, double seconds) =>
        Assert.That(SwimRules.SuspicionTimeout(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(36), confirmations, expected).TotalSeconds,
            Is.EqualTo(seconds).Within(1e-6));

    // k = 3 peers asked per round
    [TestCase(3, 8, 0, 3, TestName = "Many other neighbours known: k confirmations expected")]
    [TestCase(3, 3, 0, 3, TestName = "Exactly k others known: k")]
    [TestCase(3, 2, 0, 2, TestName = "Two others known: at most two can confirm")]
    [TestCase(3, 0, 0, 0, TestName = "No other neighbour known (no pong yet): none can confirm, so the shortest wait")]
    [TestCase(3, 2, 1, 1, TestName = "Two known, one asked stayed silent: one can confirm")]
    [TestCase(3, 2, 2, 0, TestName = "Every known other stayed silent: none can confirm")]
    [TestCase(3, 8, 1, 2, TestName = "Eight known, three asked, one silent: the two that answered")]
    [TestCase(3, 8, 5, 0, TestName = "Eight known, five silent: none expected")]
    [TestCase(0, 5, 0, 0, TestName = "Nobody asked: none expected")]
    public void ExpectedConfirmations_IsKBoundedByWhoCouldConfirm(int asked, int othersKnown, int silent, int expected) =>
        Assert.That(SwimRules.ExpectedConfirmations(asked, othersKnown, silent), Is.EqualTo(expected));

    [Test]
    public void ACrashedPeerWithOneOtherNeighbour_WhoConfirms_IsReportedAfterTheShortestWait()
    {
        int k = SwimRules.ExpectedConfirmations(3, othersKnown: 1, silent: 0);
        Assert.That(SwimRules.SuspicionTimeout(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(36), 1, k), Is.EqualTo(TimeSpan.FromSeconds(6)));
    }

    private static readonly NodeAddress A = NodeAddress.Parse("10.0.0.1:1"), B = NodeAddress.Parse("10.0.0.2:1"),
        C = NodeAddress.Parse("10.0.0.3:1");

    [Test]
    public void NextInRound_SkipsWhoIsNoLongerLinked_AndEndsWithTheRound()
    {
        NodeAddress[] round = [A, B, C];
        Assert.That(SwimRules.NextInRound(round, 0, [A, B, C]), Is.EqualTo(0));
        Assert.That(SwimRules.NextInRound(round, 1, [A, C]), Is.EqualTo(2), "B left: C is next");
        Assert.That(SwimRules.NextInRound(round, 3, [A, B, C]), Is.EqualTo(-1), "the round is over");
        Assert.That(SwimRules.NextInRound(round, 1, [A]), Is.EqualTo(-1), "nobody left in the round");
        Assert.That(SwimRules.NextInRound([], 0, [A]), Is.EqualTo(-1), "no round yet");
    }

    [TestCase(1.0, 0.5, 3, 8.5)]
    [TestCase(2.0, 0.5, 1, 8.5)]
    [TestCase(1.0, 0.5, 0, 4.5)]
    public void SuspectedWithin_IsARoundOfTwiceTheOwnLinks_PlusPhase_AndTheProbe(double period, double timeout, int links, double seconds) =>
        Assert.That(SwimRules.SuspectedWithin(TimeSpan.FromSeconds(period), TimeSpan.FromSeconds(timeout), links).TotalSeconds,
            Is.EqualTo(seconds).Within(1e-9));

    [TestCase(2, 1.0)]
    [TestCase(3, 4.0 / 3.0)]
    [TestCase(1000, 1.5815)]
    public void ExpectedPeriodsToFirstDetection_TendsToEOverEMinusOne(int members, double expected) =>
        Assert.That(SwimRules.ExpectedPeriodsToFirstDetection(members), Is.EqualTo(expected).Within(1e-3));

    [Test]
    public void ExpectedPeriodsToFirstDetection_OfALargeGroup_IsEOverEMinusOne() =>
        Assert.That(SwimRules.ExpectedPeriodsToFirstDetection(1_000_000), Is.EqualTo(Math.E / (Math.E - 1)).Within(1e-5));
}

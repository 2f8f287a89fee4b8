using GossipSim.Engine.Seed;

namespace GossipSim.Engine.Tests;

/// <summary>A removal whose vote timed out is proposed again while the proposer's own probe found the member silent and no seed
/// said it answered, up to the bound.</summary>
public class RemovalRetryTests
{
    //        own yes, against, made, max, again
    [TestCase(true, 0, 1, 3, true, TestName = "OnlySilenceCameBack_ProposesAgain")]
    [TestCase(true, 0, 2, 3, true)]
    [TestCase(true, 0, 3, 3, false, TestName = "AtTheBound_GivesUp")]
    [TestCase(true, 1, 1, 3, false, TestName = "ASeedVotedNo_GivesUp")]
    [TestCase(false, 0, 1, 3, false, TestName = "MyOwnProbeWasAnswered_GivesUp")]
    [TestCase(true, 0, 1, 1, false, TestName = "OneProposalAllowed_GivesUp")]
    public void ProposesAgain(bool ownYes, int against, int made, int max, bool again) =>
        Assert.That(RemovalRetry.ProposesAgain(ownYes, against, made, max), Is.EqualTo(again));

    /// <summary>The waits double from the proposal timeout and stop growing at the cap.</summary>
    //        made, timeout, cap, wait (seconds)
    [TestCase(1, 1.5, 30, 1.5, TestName = "AfterTheFirst_WaitsOneProposalTimeout")]
    [TestCase(2, 1.5, 30, 3)]
    [TestCase(3, 1.5, 30, 6)]
    [TestCase(4, 1.5, 30, 12, TestName = "EachWait_TwiceThePrevious")]
    [TestCase(6, 1.5, 30, 30, TestName = "PastTheCap_WaitsTheCap")]
    [TestCase(1000, 6, 30, 30, TestName = "ManyProposals_NoOverflow")]
    [TestCase(1, 6, 2, 2, TestName = "CapBelowTheTimeout_WaitsTheCap")]
    public void WaitBeforeNext(int made, double timeout, double cap, double wait) =>
        Assert.That(RemovalRetry.WaitBeforeNext(made, TimeSpan.FromSeconds(timeout), TimeSpan.FromSeconds(cap)),
            Is.EqualTo(TimeSpan.FromSeconds(wait)));
}

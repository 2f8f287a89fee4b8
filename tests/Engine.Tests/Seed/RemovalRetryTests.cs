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
}

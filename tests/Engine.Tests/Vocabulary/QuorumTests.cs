using GossipSim.Engine.Membership;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class QuorumTests
{
    [TestCase(1, 1)]
    [TestCase(2, 2)]
    [TestCase(3, 2)]
    [TestCase(4, 3)]
    [TestCase(5, 3)]
    [TestCase(6, 4)]
    [TestCase(7, 4)]
    public void Quorum_IsFloorHalfPlusOne(int seeds, int majority)
    {
        Assert.That(Quorum.Of(seeds), Is.EqualTo(majority));
        Assert.That(Quorum.Reached(majority, seeds), Is.True);
        Assert.That(Quorum.Reached(majority - 1, seeds), Is.False);
    }

    [TestCase(3, 1, false)]
    [TestCase(3, 2, true)]
    [TestCase(4, 1, false)]
    [TestCase(4, 2, true)]
    [TestCase(5, 2, false)]
    [TestCase(5, 3, true)]
    public void Quorum_IsImpossible_OnceEnoughSeedsVoteNo(int seeds, int against, bool impossible) =>
        Assert.That(Quorum.Impossible(against, seeds), Is.EqualTo(impossible));

    //        seeds, accepted, not yet accepted, to ask
    [TestCase(1, 0, 1, 1)]
    [TestCase(3, 0, 3, 2)]
    [TestCase(3, 1, 2, 1)]
    [TestCase(3, 2, 1, 0)]
    [TestCase(3, 3, 0, 0)]
    [TestCase(5, 0, 5, 3)]
    [TestCase(5, 1, 1, 1)]
    [TestCase(4, 0, 4, 3)]
    [TestCase(4, 2, 2, 1)]
    [TestCase(7, 0, 2, 2)]
    public void Registration_AsksAsManySeedsAsTheMajorityStillNeeds_AtMostThoseLeft(int seeds, int accepted, int notYetAccepted, int toAsk) =>
        Assert.That(Quorum.SeedsToAsk(seeds, accepted, notYetAccepted), Is.EqualTo(toAsk));

    [Test]
    public void Quorum_OfZeroSeeds_IsRefused() => Assert.Throws<ArgumentOutOfRangeException>(() => Quorum.Of(0));
}

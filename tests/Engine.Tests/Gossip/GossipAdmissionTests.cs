using GossipSim.Engine.Gossip;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Gossip;

public class GossipAdmissionTests
{
    private static readonly TimeSpan Now = TimeSpan.FromSeconds(1000), Ttl = TimeSpan.FromSeconds(300);

    // from a neighbour, number, seconds from now it was created -> verdict (MessagesPerPeer 10)
    [TestCase(true, 1, 0, GossipVerdict.Take)]
    [TestCase(true, 10, -299, GossipVerdict.Take)]
    [TestCase(true, 10, 299, GossipVerdict.Take, Description = "another host's clock a little ahead")]
    [TestCase(false, 1, 0, GossipVerdict.NotFromANeighbour)]
    [TestCase(true, 0, 0, GossipVerdict.NumberOutOfRange)]
    [TestCase(true, 11, 0, GossipVerdict.NumberOutOfRange)]
    [TestCase(true, int.MinValue, 0, GossipVerdict.NumberOutOfRange)]
    [TestCase(true, 1, 301, GossipVerdict.FromTheFuture)]
    [TestCase(true, 1, -301, GossipVerdict.TooOld)]
    [TestCase(false, 99, -301, GossipVerdict.TooOld, Description = "old: dropped quietly whatever else is wrong")]
    public void Decide(bool fromNeighbour, int number, double createdFromNowSeconds, GossipVerdict expected) =>
        Assert.That(GossipAdmission.Decide(fromNeighbour, number, 10, Now + TimeSpan.FromSeconds(createdFromNowSeconds), Now, Ttl), Is.EqualTo(expected));

    [Test]
    public void Decide_OnTimesAtTheEndsOfTheRange_DoesNotOverflow()
    {
        Assert.That(GossipAdmission.Decide(true, 1, 10, TimeSpan.MinValue, Now, Ttl), Is.EqualTo(GossipVerdict.TooOld));
        Assert.That(GossipAdmission.Decide(true, 1, 10, TimeSpan.MaxValue, Now, Ttl), Is.EqualTo(GossipVerdict.FromTheFuture));
    }
}

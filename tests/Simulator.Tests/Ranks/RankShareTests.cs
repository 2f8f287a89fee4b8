using GossipSim.Simulator.Ranks;

namespace GossipSim.Simulator.Tests.Ranks;

public class RankShareTests
{
    // ranks, partitions -> each rank's (first, count)
    [TestCase(1, 1, new[] { 0, 1 })]
    [TestCase(1, 4, new[] { 0, 4 })]
    [TestCase(2, 2, new[] { 0, 1, 1, 1 })]
    [TestCase(2, 4, new[] { 0, 2, 2, 2 })]
    [TestCase(3, 4, new[] { 0, 2, 2, 1, 3, 1 })]
    [TestCase(3, 8, new[] { 0, 3, 3, 3, 6, 2 })]
    [TestCase(4, 6, new[] { 0, 2, 2, 1, 3, 2, 5, 1 })]
    public void EachRank_OwnsAContiguousShare_AsEvenAsTheCountsAllow(int ranks, int partitions, int[] expected)
    {
        var share = RankShare.Of(ranks, partitions);
        var got = Enumerable.Range(0, ranks).SelectMany(r => { var (first, count) = share.Of(r); return new[] { first, count }; });
        Assert.That(got, Is.EqualTo(expected));
        for (int p = 0; p < partitions; p++)
        {
            var (first, count) = share.Of(share.OwnerOf(p));
            Assert.That(p, Is.InRange(first, first + count - 1), $"partition {p} lies in its owner's share");
        }
    }

    [Test]
    public void MoreRanksThanPartitions_IsRefused_SayingWhatToDo()
    {
        var failure = Assert.Throws<RankExchangeException>(() => RankShare.Of(3, 2));
        Assert.That(failure!.Message, Does.Contain("3 ranks but only 2 partitions").And.Contain("at most 2 ranks"));
    }
}

using GossipSim.Simulator.Ranks;

namespace GossipSim.Simulator.Tests.Ranks;

/// <summary>The test ranks keep the exchange's contract: segment r of what a rank receives is what rank r sent it.</summary>
public class ThreadRanksTests
{
    [Test]
    public void EachRank_ReceivesFromEachRank_WhatThatRankAddressedToIt()
    {
        var received = ThreadRanks.Run(3, ranks =>
        {
            // Rank s sends rank d s+1 bytes of value 10 s + d: lengths and contents both name the pair.
            var mail = RankMail.Pack(Enumerable.Range(0, ranks.Ranks)
                .Select(d => (ReadOnlyMemory<byte>)Enumerable.Repeat((byte)(10 * ranks.Rank + d), ranks.Rank + 1).ToArray()).ToList());
            var incoming = new RankMail(ranks.Ranks);
            ranks.Exchange(mail, incoming);
            return Enumerable.Range(0, ranks.Ranks).Select(s => incoming.Segment(s).ToArray()).ToArray();
        });
        for (int d = 0; d < 3; d++)
            for (int s = 0; s < 3; s++)
                Assert.That(received[d][s], Is.EqualTo(Enumerable.Repeat((byte)(10 * s + d), s + 1).ToArray()), $"rank {d} from rank {s}");
    }

    [TestCase(RankReduction.Sum, 0 + 1 + 2)]
    [TestCase(RankReduction.Max, 2)]
    [TestCase(RankReduction.Min, 0)]
    [TestCase(RankReduction.Xor, 0 ^ 1 ^ 2)]
    public void AllReduce_GivesEveryRankTheSameCombination(RankReduction reduction, long expected)
    {
        var results = ThreadRanks.Run(3, ranks => ranks.AllReduce(ranks.Rank, reduction));
        Assert.That(results, Is.All.EqualTo(expected));
    }
}

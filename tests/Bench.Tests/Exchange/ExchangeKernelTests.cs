using GossipSim.Bench.Exchange;
using GossipSim.Simulator.Ranks;
using GossipSim.Simulator.Tests.Ranks;

namespace GossipSim.Bench.Tests.Exchange;

/// <summary>
/// The exchange kernel on one rank and on ranks as threads: every byte sent is checked where it
/// arrives, and a damaged or misdelivered segment shows in the result on every rank. The kernel
/// under a real mpirun is tested in Scenarios.Tests (Bench/ExchangeUnderMpirunTests).
/// </summary>
public class ExchangeKernelTests
{
    [Test]
    public void OneRank_LoopsItsMailBack_AndVerifiesIt()
    {
        using var rank = new SingleRank();
        var rounds = new List<int>();
        var r = ExchangeKernel.Run(rank, 1000, 4, (round, _) => rounds.Add(round));
        Assert.That(r.Loopback, Is.True);
        Assert.That(r.BytesPerRound, Is.EqualTo(1000));
        Assert.That(r.VerifiedBytes, Is.EqualTo(4000));
        Assert.That(r.Verified, Is.True);
        Assert.That(rounds, Is.EqualTo(new[] { 1, 2, 3, 4 }));
    }

    [TestCase(2)]
    [TestCase(3)]
    public void EachRank_SendsEachOtherRankItsBytes_AndEveryRankSeesThemAllVerified(int ranks)
    {
        var results = ThreadRanks.Run(ranks, r => ExchangeKernel.Run(r, 1001, 3));
        long expected = (long)ranks * (ranks - 1) * 1001;
        foreach (var r in results)
        {
            Assert.That((r.Ranks, r.Loopback, r.BytesPerRound), Is.EqualTo((ranks, false, expected)));
            Assert.That(r.VerifiedBytes, Is.EqualTo(3 * expected));
            Assert.That(r.WarmUpFailures, Is.Zero);
            Assert.That(r.Verified, Is.True);
        }
        Assert.That(results.Select(r => r.SentHash).Distinct().Count(), Is.EqualTo(1), "every rank combined the same hashes");
    }

    [Test]
    public void TheWarmUp_SendsEachPairItsOwnLength_EmptyOnesIncluded()
    {
        // On three ranks: 0, 5 and 10 bytes, and each length to some pair.
        var lengths = from s in Enumerable.Range(0, 3) from d in Enumerable.Range(0, 3) select ExchangeKernel.WarmUpLength(s, d);
        Assert.That(lengths.Distinct().Order(), Is.EqualTo(new[] { 0, 5, 10 }));
    }

    [Test]
    public void ALostWarmUpSegment_ShowsOnEveryRank()
    {
        var results = ThreadRanks.Run(3, r => ExchangeKernel.Run(r, 64, 1), tamper: (rank, incoming) =>
        {
            if (rank == 0 && incoming.Length(1) == ExchangeKernel.WarmUpLength(1, 0)) incoming.Segment(1).Clear();
        });
        Assert.That(ExchangeKernel.WarmUpLength(1, 0), Is.GreaterThan(0), "rank 1 sends rank 0 some bytes in the warm-up");
        Assert.That(results.Select(r => r.WarmUpFailures), Is.All.EqualTo(1));
        Assert.That(results.Select(r => r.Verified), Is.All.False);
    }

    [Test]
    public void ADamagedByte_ShowsOnEveryRank()
    {
        var results = ThreadRanks.Run(3, r => ExchangeKernel.Run(r, 100, 3), tamper: (rank, incoming) =>
        {
            if (rank == 2 && incoming.Length(0) == 100) incoming.Segment(0)[50] ^= 1;   // the timed rounds, not the warm-up
        });
        foreach (var r in results)
        {
            Assert.That(r.MismatchedSegments, Is.EqualTo(3), "rank 2's segment from rank 0, each round");
            Assert.That(r.ReceivedHash, Is.Not.EqualTo(r.SentHash));
            Assert.That(r.Verified, Is.False);
        }
    }

    [Test]
    public void SegmentsDeliveredToTheWrongRank_DoNotVerify()
    {
        var results = ThreadRanks.Run(3, r => ExchangeKernel.Run(r, 64, 1), tamper: (rank, incoming) =>
        {
            // Rank 1 gets rank 2's mail where rank 0's belongs and the reverse: same bytes in all, wrong senders.
            if (rank != 1 || incoming.Length(0) != 64) return;
            var (a, b) = (incoming.Segment(0).ToArray(), incoming.Segment(2).ToArray());
            a.CopyTo(incoming.Segment(2));
            b.CopyTo(incoming.Segment(0));
        });
        Assert.That(results.Select(r => r.MismatchedSegments), Is.All.EqualTo(2));
        Assert.That(results.Select(r => r.Verified), Is.All.False);
    }
}

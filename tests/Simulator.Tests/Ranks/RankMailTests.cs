using GossipSim.Simulator.Ranks;

namespace GossipSim.Simulator.Tests.Ranks;

/// <summary>Mail is one segment per rank, packed in rank order; one rank's exchange hands back a copy of its own mail.</summary>
public class RankMailTests
{
    [Test]
    public void Packing_KeepsEachRanksSegment_InRankOrder_EmptyOnesIncluded()
    {
        var mail = RankMail.Pack([new byte[] { 1, 2, 3 }, Array.Empty<byte>(), new byte[] { 4 }, new byte[] { 5, 6 }]);
        Assert.That(mail.Ranks, Is.EqualTo(4));
        Assert.That(mail.TotalBytes, Is.EqualTo(6));
        Assert.That(Enumerable.Range(0, 4).Select(mail.Length), Is.EqualTo(new[] { 3, 0, 1, 2 }));
        Assert.That(mail.Segment(0).ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(mail.Segment(1).IsEmpty, Is.True);
        Assert.That(mail.Segment(2).ToArray(), Is.EqualTo(new byte[] { 4 }));
        Assert.That(mail.Segment(3).ToArray(), Is.EqualTo(new byte[] { 5, 6 }));
        Assert.That(mail.Offsets, Is.EqualTo(new[] { 0, 3, 3, 4 }), "MPI_Alltoallv's displacements: each segment right after the one before");
        Assert.That(mail.Bytes, Is.EqualTo(new byte[] { 1, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void ASegment_WrittenInPlace_IsWhatTheMailHolds()
    {
        var mail = RankMail.WithLengths([2, 3]);
        mail.Segment(1).Fill(7);
        mail.Segment(0).Fill(9);
        Assert.That(mail.Bytes, Is.EqualTo(new byte[] { 9, 9, 7, 7, 7 }));
    }

    [Test]
    public void MailOverWhatMpiCountsInOneExchange_IsRefusedInOneLine_BeforeAnythingIsAllocated()
    {
        var error = Assert.Throws<RankExchangeException>(() => RankMail.WithLengths([int.MaxValue, 1]))!;
        Assert.That(error.Message, Is.EqualTo("a window's mail is 2,147,483,648 bytes, over the 2,147,483,647 MPI sends in one exchange"));
    }

    [Test]
    public void MailForNoRank_OrANegativeLength_IsAMistake()
    {
        Assert.Throws<ArgumentException>(() => RankMail.WithLengths([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankMail.WithLengths([1, -1]));
    }

    [Test]
    public void Resizing_KeepsTheBufferWhileItHoldsTheSegments_AndGrowsItWhenNot()
    {
        var mail = RankMail.WithLengths([4, 4]);
        var buffer = mail.Bytes;
        mail.Resize([1, 0]);
        Assert.That((mail.TotalBytes, mail.Length(0), mail.Length(1)), Is.EqualTo((1, 1, 0)));
        Assert.That(mail.Bytes, Is.SameAs(buffer), "a smaller window's mail in the same buffer");
        mail.Resize([5, 5]);
        Assert.That(mail.TotalBytes, Is.EqualTo(10));
        Assert.That(mail.Bytes, Is.Not.SameAs(buffer));
        Assert.That(mail.Offsets, Is.EqualTo(new[] { 0, 5 }));
        Assert.Throws<ArgumentException>(() => mail.Resize([1, 2, 3]), "three lengths for mail between two ranks");
    }

    [Test]
    public void OneRank_GetsItsOwnMailBack_AsACopy()
    {
        using var rank = new SingleRank();
        var outgoing = RankMail.Pack([new byte[] { 1, 2, 3 }]);
        var incoming = new RankMail(1);
        rank.Exchange(outgoing, incoming);
        outgoing.Segment(0).Clear();
        Assert.That(incoming.Segment(0).ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }), "what arrived does not change with the sender's buffer");
        Assert.Throws<ArgumentException>(() => rank.Exchange(RankMail.WithLengths([1, 1]), incoming), "mail for two ranks on a run of one");
        Assert.Throws<ArgumentException>(() => rank.Exchange(outgoing, outgoing), "MPI sends from and receives into two buffers");
    }

    [TestCase(RankReduction.Sum)]
    [TestCase(RankReduction.Max)]
    [TestCase(RankReduction.Min)]
    [TestCase(RankReduction.Xor)]
    public void OneRank_ReducesToItsOwnValues(RankReduction reduction)
    {
        using var rank = new SingleRank();
        Span<long> values = [3, -4, long.MaxValue];
        rank.AllReduce(values, reduction);
        Assert.That(values.ToArray(), Is.EqualTo(new[] { 3, -4, long.MaxValue }));
        Assert.That(rank.AllReduce(42, reduction), Is.EqualTo(42));
    }
}

using System.Buffers.Binary;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Storage;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Storage;

/// <summary>
/// The verdict on a record that does not read, as a table: a torn last write (a prefix of one
/// record, or a record with a sector of zeros, at the very end) or damage (anything else).
/// </summary>
public class TornTailTests
{
    private const long At = 1000; // where the record starts in the file: its header is inside one sector

    private static byte[] Record(long sequence) => CommitLogFormat.Record(new CommittedOp(new NodeAddress((127u << 24) | 1, 5000), 7, sequence,
        new MembershipOp(MembershipChange.Add, new PeerId(new NodeAddress((127u << 24) | 1, 6000), sequence))));

    public enum Tail
    {
        HeaderCutShort,
        PayloadCutShort,
        LengthPastTheEnd_WithAWholeRecordAfter,
        LastRecordFailingItsChecksum,
        ChecksumFailing_WithBytesAfter,
        HeaderOfZeros,
        HeaderOfZeros_WithAWholeRecordAfter,
        HeaderOfOtherBytes,
        MoreThanOneRecordLeft,
        ValidHeader_ImpossibleLength,
        ChecksumMatching_ButUndecodable,
    }

    /// <summary>The bytes from the record to the end of the file, for each case.</summary>
    private static byte[] Bytes(Tail tail)
    {
        var one = Record(1);
        var two = Record(2);
        switch (tail)
        {
            case Tail.HeaderCutShort: return one[..7];
            case Tail.PayloadCutShort: return one[..^1];
            case Tail.LengthPastTheEnd_WithAWholeRecordAfter:
                var longer = one.Concat(two).ToArray();
                BinaryPrimitives.WriteInt32BigEndian(longer, 4000);
                BinaryPrimitives.WriteUInt32BigEndian(longer.AsSpan(8), Crc32.Of(longer.AsSpan(0, 8)));
                return longer;
            case Tail.LastRecordFailingItsChecksum: one[^1] ^= 1; return one;
            case Tail.ChecksumFailing_WithBytesAfter: one[^1] ^= 1; return one.Concat(two).ToArray();
            case Tail.HeaderOfZeros: Array.Clear(one, 0, 12); return one;
            case Tail.HeaderOfZeros_WithAWholeRecordAfter: Array.Clear(one, 0, 12); return one.Concat(two).ToArray();
            case Tail.HeaderOfOtherBytes: one[1] ^= 0x55; return one;
            case Tail.MoreThanOneRecordLeft: return new byte[CommitLogFormat.MaxRecordBytes(2) + 1];
            case Tail.ValidHeader_ImpossibleLength:
                BinaryPrimitives.WriteInt32BigEndian(one, 3);
                BinaryPrimitives.WriteUInt32BigEndian(one.AsSpan(8), Crc32.Of(one.AsSpan(0, 8)));
                return one;
            case Tail.ChecksumMatching_ButUndecodable:
                one[12 + 6 + 8 + 8] = 9; // the change byte: neither add nor remove
                BinaryPrimitives.WriteUInt32BigEndian(one.AsSpan(4), Crc32.Of(one.AsSpan(12)));
                BinaryPrimitives.WriteUInt32BigEndian(one.AsSpan(8), Crc32.Of(one.AsSpan(0, 8)));
                return one;
            default: throw new ArgumentOutOfRangeException(nameof(tail));
        }
    }

    [TestCase(Tail.HeaderCutShort, true)]
    [TestCase(Tail.PayloadCutShort, true)]
    [TestCase(Tail.LengthPastTheEnd_WithAWholeRecordAfter, false)]
    [TestCase(Tail.LastRecordFailingItsChecksum, true)]
    [TestCase(Tail.ChecksumFailing_WithBytesAfter, false)]
    [TestCase(Tail.HeaderOfZeros, true)]
    [TestCase(Tail.HeaderOfZeros_WithAWholeRecordAfter, false)]
    [TestCase(Tail.HeaderOfOtherBytes, false)]
    [TestCase(Tail.MoreThanOneRecordLeft, false)]
    [TestCase(Tail.ValidHeader_ImpossibleLength, false)]
    [TestCase(Tail.ChecksumMatching_ButUndecodable, false)]
    public void OnlyOneRecordsWriteAtTheVeryEnd_IsATornTail(Tail tail, bool torn)
    {
        var rest = Bytes(tail);
        var state = CommitLogFormat.Read(2, rest, out int declared, out _, out string? detail);
        Assert.That(state, Is.Not.EqualTo(RecordState.Whole));
        string? damage = TornTail.Damage(2, state, At, rest, declared, detail);
        TestContext.Out.WriteLine($"{tail}: {state}: {damage ?? "torn"}");
        Assert.That(damage == null, Is.EqualTo(torn));
    }

    [TestCase(510, new byte[] { 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, true, Description = "the sector after the boundary never landed")]
    [TestCase(510, new byte[] { 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, true, Description = "the sector before it never landed")]
    [TestCase(510, new byte[] { 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, false, Description = "zeros that do not start at the boundary")]
    [TestCase(1000, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, true, Description = "all zeros")]
    [TestCase(1000, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, false, Description = "inside one sector, not all zeros")]
    public void AHeader_HasAnUnwrittenSector_OnlyWhereAPartBetweenSectorBoundariesIsAllZeros(long offset, byte[] header, bool unwritten)
    {
        Assert.That(TornTail.HasUnwrittenSector(offset, header), Is.EqualTo(unwritten));
    }
}

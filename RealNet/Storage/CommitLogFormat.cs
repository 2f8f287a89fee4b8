using GossipSim.Engine.Bytes;
using System.Buffers.Binary;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Wire;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Storage;

/// <summary>
/// The bytes of a seed's commit log (<see cref="FileCommitStore"/>), big-endian, CRC-32 <see cref="Crc32"/>: an
/// 8-byte format header, then records. Format 2 (<c>GSCLOG02</c>, written): payload length, payload CRC and a CRC
/// of those 8 bytes, which tells a damaged length from a torn end (format 1 could not). Format 1 (<c>GSCLOG01</c>,
/// read only): length and payload CRC. The payload is the committed operation with its proof
/// (<see cref="MessageCodec.WriteCommitted"/>); format-1 records from before codec 5 load without a proof.
/// </summary>
internal static class CommitLogFormat
{
    public const int HeaderBytes = 8;
    public const int Current = 2;
    private static ReadOnlySpan<byte> Version1 => "GSCLOG01"u8;
    private static ReadOnlySpan<byte> Version2 => "GSCLOG02"u8;

    public const int MinPayloadBytes = MessageCodec.UnprovenCommittedOpBytes;
    public const int MaxPayloadBytes = MessageCodec.MaxCommittedOpBytes;

    public static ReadOnlySpan<byte> Header(int version) => version == 1 ? Version1 : Version2;

    /// <summary>The format named by a file's first bytes; 0 when they name none.</summary>
    public static int VersionOf(ReadOnlySpan<byte> file) =>
        file.Length < HeaderBytes ? 0
        : file[..HeaderBytes].SequenceEqual(Version2) ? 2
        : file[..HeaderBytes].SequenceEqual(Version1) ? 1
        : 0;

    public static int RecordHeaderBytes(int version) => version == 1 ? 8 : 12;

    /// <summary>The largest record: anything left past a bad record that is longer than this holds more than one record's write.</summary>
    public static int MaxRecordBytes(int version) => RecordHeaderBytes(version) + MaxPayloadBytes;

    /// <summary>One operation as a record of the current format.</summary>
    public static byte[] Record(in CommittedOp op)
    {
        const int header = 12;
        var w = new WireWriter(capacity: header + 512, reserve: header);
        MessageCodec.WriteCommitted(w, op);
        var record = w.Buffer.AsSpan(0, w.Length);
        BinaryPrimitives.WriteInt32BigEndian(record, record.Length - header);
        BinaryPrimitives.WriteUInt32BigEndian(record[4..], Crc32.Of(record[header..]));
        BinaryPrimitives.WriteUInt32BigEndian(record[8..], Crc32.Of(record[..8]));
        return record.ToArray();
    }

    /// <summary>
    /// Reads the record at the start of <paramref name="rest"/> (everything from it to the end of
    /// the file). <paramref name="length"/> is the whole record's bytes when it is
    /// <see cref="RecordState.Whole"/>, its declared extent when the header could be read.
    /// </summary>
    public static RecordState Read(int version, ReadOnlySpan<byte> rest, out int length, out CommittedOp op, out string? detail)
    {
        op = default;
        detail = null;
        length = 0;
        int header = RecordHeaderBytes(version);
        if (rest.Length < header) return RecordState.HeaderCut;
        int payloadLength = BinaryPrimitives.ReadInt32BigEndian(rest);
        uint payloadCrc = BinaryPrimitives.ReadUInt32BigEndian(rest[4..]);
        if (version >= 2)
        {
            uint headerCrc = BinaryPrimitives.ReadUInt32BigEndian(rest[8..]), actual = Crc32.Of(rest[..8]);
            if (actual != headerCrc)
            {
                detail = $"its header checksum is 0x{headerCrc:x8}, its length and payload checksum give 0x{actual:x8}";
                return RecordState.BadHeader;
            }
        }
        if (payloadLength < MinPayloadBytes || payloadLength > MaxPayloadBytes)
        {
            detail = $"a payload length of {payloadLength} bytes (a record holds {MinPayloadBytes} to {MaxPayloadBytes})";
            return RecordState.BadLength;
        }
        length = header + payloadLength;
        if (rest.Length < length) return RecordState.PayloadCut;
        var payload = rest.Slice(header, payloadLength);
        uint payloadActual = Crc32.Of(payload);
        if (payloadActual != payloadCrc)
        {
            detail = $"its payload checksum is 0x{payloadCrc:x8}, its {payloadLength} payload bytes give 0x{payloadActual:x8}";
            return RecordState.BadChecksum;
        }
        try
        {
            var r = new WireReader(payload);
            op = MessageCodec.ReadCommitted(ref r, proofFollows: version >= 2 || payloadLength != MessageCodec.UnprovenCommittedOpBytes);
            r.End();
        }
        catch (WireFormatException e)
        {
            detail = $"its checksum matches but it does not decode ({e.Message})";
            return RecordState.Undecodable;
        }
        return RecordState.Whole;
    }
}

/// <summary>What reading one record found.</summary>
internal enum RecordState
{
    Whole,
    /// <summary>The file ends inside the record's header.</summary>
    HeaderCut,
    /// <summary>The header's own checksum does not match (format 2): its length cannot be trusted.</summary>
    BadHeader,
    /// <summary>A length no record can have.</summary>
    BadLength,
    /// <summary>The file ends inside the record's payload.</summary>
    PayloadCut,
    BadChecksum,
    /// <summary>The checksum matches a payload that is not an operation: a writer's bug, never a torn write.</summary>
    Undecodable,
}

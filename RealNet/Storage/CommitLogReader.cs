using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Storage;

/// <summary>What a commit log file holds.</summary>
/// <param name="WholeLength">Where its whole records end: the file's length, or where a torn last record starts.</param>
/// <param name="TornBecause">Why the bytes past <paramref name="WholeLength"/> were taken for a torn last write (null: none).</param>
internal sealed record CommitLogContent(int Version, List<CommittedOp> Ops, long WholeLength, string? TornBecause);

/// <summary>
/// Reads a commit log's bytes (<see cref="CommitLogFormat"/>): every whole record, and a torn
/// last one set apart (<see cref="TornTail"/>). Anything else that does not read throws
/// <see cref="CommitLogCorruptException"/> naming the file, the offset, what was expected and
/// what the operator can do; it never returns part of a damaged file as if it were all.
/// </summary>
internal static class CommitLogReader
{
    public static CommitLogContent Read(string path, ReadOnlySpan<byte> bytes)
    {
        const int header = CommitLogFormat.HeaderBytes;
        int version = CommitLogFormat.VersionOf(bytes);
        if (version == 0)
        {
            // Creating the file writes its header and fsyncs it; a kill or power loss before that leaves less, or zeros.
            if (bytes.Length <= header && (CommitLogFormat.Header(CommitLogFormat.Current).StartsWith(bytes)
                || !bytes.ContainsAnyExcept((byte)0)))
                return new CommitLogContent(CommitLogFormat.Current, [], 0,
                    bytes.Length == 0 ? null : "the file's header was never written whole");
            throw Corrupt(path, 0, $"it does not start with a commit log header (expected {Ascii(CommitLogFormat.Header(2))} "
                + $"or {Ascii(CommitLogFormat.Header(1))}, " +
                                   $"found {Ascii(bytes[..Math.Min(header, bytes.Length)])})", 0);
        }
        var ops = new List<CommittedOp>();
        int offset = header;
        while (offset < bytes.Length)
        {
            var rest = bytes[offset..];
            var state = CommitLogFormat.Read(version, rest, out int length, out var op, out string? detail);
            if (state == RecordState.Whole)
            {
                ops.Add(op);
                offset += length;
                continue;
            }
            if (TornTail.Damage(version, state, offset, rest, length, detail) is { } damage) throw Corrupt(path, offset, damage, ops.Count);
            return new CommitLogContent(version, ops, offset, state switch
            {
                RecordState.HeaderCut or RecordState.PayloadCut => "the file ends inside its last record",
                RecordState.BadChecksum => $"its last record fails its checksum ({detail})",
                _ => $"its last record's header is zeros where a sector never reached the disk ({detail})",
            });
        }
        return new CommitLogContent(version, ops, offset, null);
    }

    private static CommitLogCorruptException Corrupt(string path, long offset, string what, int wholeBefore) =>
        new($"commit log {path} is corrupt at byte offset {offset}: {what}. " +
            $"{wholeBefore} whole {(wholeBefore == 1 ? "record comes" : "records come")} before it. The seed does not start with part of "
                + $"its membership, and the file is left as it is. " +
            $"To recover: move {path} aside (keep it for inspection) and start the seed again; it starts with what its "
                + $"snapshot holds and catches up " +
            "every other commit from the other seeds by anti-entropy, while a majority of them runs. Or put back "
                + "this seed's file from a backup");

    private static string Ascii(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) chars[i] = bytes[i] is >= 0x20 and < 0x7F ? (char)bytes[i] : '.';
        return $"\"{new string(chars)}\"";
    }
}

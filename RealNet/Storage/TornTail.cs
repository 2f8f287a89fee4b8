namespace GossipSim.RealNet.Storage;

/// <summary>
/// Whether an unreadable commit log record is the torn end or damage. Records are fsynced one by one,
/// so a kill can spoil only the last append (cut short, or a sector read as zeros). A tear fits in one
/// record at the very end with no whole record after it, and its header is cut short, reads (format 2's
/// own checksum), or holds a zeroed sector; a whole record failing its payload checksum must end the file.
/// Anything else is damage: the seed refuses to start rather than cut fsynced records. Pure.
/// </summary>
internal static class TornTail
{
    private const int SectorBytes = 512;

    /// <param name="offset">Where the record starts in the file.</param>
    /// <param name="rest">The file from the record to its end.</param>
    /// <param name="declared">The record's extent (header and payload) when its header gave one.</param>
    /// <param name="detail">What reading the record found wrong, if it said.</param>
    /// <returns>Null for a tear; otherwise what is wrong, for the error.</returns>
    public static string? Damage(int version, RecordState state, long offset, ReadOnlySpan<byte> rest, int declared, string? detail)
    {
        int header = CommitLogFormat.RecordHeaderBytes(version);
        switch (state)
        {
            case RecordState.HeaderCut:
                return null; // less than a header left: not even one record could follow
            case RecordState.PayloadCut:
                return NotAlone(version, offset, rest) is { } after
                    ? $"a record whose length ({declared - header} payload bytes) runs past the end of the file ({rest.Length} bytes "
                    + $"left), yet {after}: the length is damaged, it was not cut by a torn write"
                    : null;
            case RecordState.BadChecksum:
                if (rest.Length > declared)
                    return $"a record that fails its checksum ({detail}) with {rest.Length - declared} bytes after it";
                return NotAlone(version, offset, rest) is { } behind ? $"a last record that fails its checksum "
                    + $"({detail}), yet {behind}" : null;
            case RecordState.BadHeader:
            case RecordState.BadLength when version == 1: // format 1 has no header checksum: a damaged length reads as an impossible one
                string what = state == RecordState.BadHeader ? $"a record header that fails its own checksum ({detail})"
                    : $"a record with {detail}";
                if (NotAlone(version, offset, rest) is { } alone) return $"{what}, and {alone}";
                return HasUnwrittenSector(offset, rest[..header]) ? null
                    : $"{what}, and no part of its header is zeros as a sector that never reached the disk leaves";
            case RecordState.BadLength:
                return $"a record with {detail}, though its header's checksum matches";
            case RecordState.Undecodable:
                return $"a record whose {detail}";
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, "a whole record is no tail");
        }
    }

    /// <summary>Why the bytes from the record on cannot be one record's write (null: they can).</summary>
    private static string? NotAlone(int version, long offset, ReadOnlySpan<byte> rest)
    {
        int max = CommitLogFormat.MaxRecordBytes(version);
        if (rest.Length > max)
            return $"the {rest.Length} bytes from it to the end of the file are more than one record ({max} bytes at most)";
        int next = NextWholeRecord(version, rest);
        return next > 0 ? $"a whole record follows it at byte offset {offset + next}" : null;
    }

    /// <summary>Where in <paramref name="rest"/> (past its first byte) a whole record starts; -1 if none does.</summary>
    internal static int NextWholeRecord(int version, ReadOnlySpan<byte> rest)
    {
        int header = CommitLogFormat.RecordHeaderBytes(version);
        for (int at = 1; at + header + CommitLogFormat.MinPayloadBytes <= rest.Length; at++)
            if (CommitLogFormat.Read(version, rest[at..], out _, out _, out _) == RecordState.Whole) return at;
        return -1;
    }

    /// <summary>Whether the header has a part, between sector boundaries of the file, that is all zeros.</summary>
    internal static bool HasUnwrittenSector(long offset, ReadOnlySpan<byte> header)
    {
        int start = 0;
        while (start < header.Length)
        {
            int end = (int)Math.Min(header.Length, SectorBytes - (offset + start) % SectorBytes + start);
            if (!header[start..end].ContainsAnyExcept((byte)0)) return true;
            start = end;
        }
        return false;
    }
}

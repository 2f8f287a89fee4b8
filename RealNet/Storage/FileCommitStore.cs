using System.Buffers.Binary;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Wire;

namespace GossipSim.RealNet.Storage;

/// <summary>
/// A seed's commit log on disk: an append-only file, fsynced after every record, so a commit
/// is durable before the seed applies, announces or acknowledges it.
/// <para>Format: an 8-byte header <c>GSCLOG01</c>, then records, each a 4-byte big-endian
/// payload length, the payload's 4-byte big-endian CRC-32, and the payload: the committed
/// operation in its wire form with its proof (<see cref="MessageCodec.WriteCommitted"/>); a
/// record written before codec version 5 ends after the operation and loads without a proof.</para>
/// <para>On opening, a last record cut short (the process died while writing it) is cut off
/// the file and the rest is kept. Anything else that does not read (a damaged record with
/// records after it, a wrong header) is an error naming the file and the offset: the seed
/// refuses to start rather than start with an empty or partial list.</para>
/// <para>Compaction: once the log holds more records than the last snapshot has operations
/// (and at least <c>compactAfter</c>), the seed's whole log is written as a
/// <see cref="CommitSnapshot"/> (temporary file, fsync, rename, directory fsync) and the log
/// is cut back to its header, so it costs what the snapshot cost again before the next one.
/// A kill at any step loses nothing: before the rename the old snapshot and the whole log
/// still hold everything (a leftover temporary file is deleted at start); after it, the new
/// snapshot does, and records the log still repeats are read once.</para>
/// </summary>
public sealed class FileCommitStore : ICommitStore, IDisposable
{
    public const string FileName = "commits.log";
    private const int HeaderBytes = 8;
    private const int RecordHeaderBytes = 8;
    private static ReadOnlySpan<byte> Magic => "GSCLOG01"u8;

    /// <summary>Records in the log below which it is never compacted.</summary>
    public const int DefaultCompactAfter = 4096;

    private readonly FileStream _file;
    private readonly IReadOnlyList<CommittedOp> _loaded;
    private readonly string _stateDir;
    private readonly int _compactAfter;
    private long _logRecords;      // records in commits.log now
    private long _snapshotOps;     // operations in the last snapshot

    public string Path { get; }

    /// <summary>Bytes of a torn last record that opening cut off (0 when the file ended cleanly).</summary>
    public long TruncatedBytes { get; }

    /// <summary>Compactions this store made since it was opened.</summary>
    public int Compactions { get; private set; }

    /// <summary>Tests only: called after each step of a compaction; throwing there is a kill at that point.</summary>
    internal Action<CompactionStep>? AfterStep { get; set; }

    private FileCommitStore(string stateDir, string path, FileStream file, IReadOnlyList<CommittedOp> loaded, long truncated,
        int compactAfter, long logRecords, long snapshotOps)
    {
        _stateDir = stateDir;
        Path = path;
        _file = file;
        _loaded = loaded;
        TruncatedBytes = truncated;
        _compactAfter = compactAfter;
        _logRecords = logRecords;
        _snapshotOps = snapshotOps;
    }

    /// <summary>
    /// Opens (or creates) <c>commits.log</c> in <paramref name="stateDir"/> and reads it whole,
    /// after the snapshot if there is one. Throws <see cref="CommitLogCorruptException"/> when
    /// either cannot be read, and lets I/O errors through.
    /// </summary>
    /// <param name="compactAfter">The log is compacted only once it holds at least this many records.</param>
    public static FileCommitStore Open(string stateDir, int compactAfter = DefaultCompactAfter)
    {
        Directory.CreateDirectory(stateDir);
        string path = System.IO.Path.Combine(stateDir, FileName);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.None);
        try
        {
            // Opened first: a second seed on this directory stops there, before touching the snapshot.
            File.Delete(System.IO.Path.Combine(stateDir, CommitSnapshot.TempName)); // a compaction killed before its rename
            string snapshotPath = System.IO.Path.Combine(stateDir, CommitSnapshot.FileName);
            var snapshot = File.Exists(snapshotPath) ? CommitSnapshot.Decode(snapshotPath, File.ReadAllBytes(snapshotPath)) : [];
            var bytes = new byte[file.Length];
            file.ReadExactly(bytes);
            var (logged, validLength) = Read(path, bytes);
            long truncated = bytes.Length - validLength;
            if (bytes.Length == 0)
            {
                file.Write(Magic);
                file.Flush(flushToDisk: true);
            }
            else if (truncated > 0) file.SetLength(validLength);
            file.Seek(0, SeekOrigin.End);
            if (truncated > 0) file.Flush(flushToDisk: true);
            return new FileCommitStore(stateDir, path, file, Union(snapshot, logged), truncated, compactAfter, logged.Count, snapshot.Count);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The operations of the file and how many of its bytes hold whole records.</summary>
    internal static (List<CommittedOp> ops, long validLength) Read(string path, ReadOnlySpan<byte> bytes)
    {
        var ops = new List<CommittedOp>();
        if (bytes.Length == 0) return (ops, 0);
        if (bytes.Length < HeaderBytes || !bytes[..HeaderBytes].SequenceEqual(Magic))
            throw Corrupt(path, 0, $"it does not start with the header {System.Text.Encoding.ASCII.GetString(Magic)}");
        int offset = HeaderBytes;
        while (offset < bytes.Length)
        {
            var rest = bytes[offset..];
            if (rest.Length < RecordHeaderBytes) break; // torn: the length or checksum was cut short
            int length = BinaryPrimitives.ReadInt32BigEndian(rest);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(rest[4..]);
            if (length < MessageCodec.UnprovenCommittedOpBytes || length > MessageCodec.MaxCommittedOpBytes)
                throw Corrupt(path, offset, $"a record length of {length} bytes (a record is {MessageCodec.UnprovenCommittedOpBytes} to {MessageCodec.MaxCommittedOpBytes})");
            if (rest.Length < RecordHeaderBytes + length) break; // torn: the payload was cut short
            var payload = rest.Slice(RecordHeaderBytes, length);
            bool last = rest.Length == RecordHeaderBytes + length;
            if (Crc32.Of(payload) != crc)
            {
                if (last) break; // the last write did not reach the disk whole
                throw Corrupt(path, offset, "a record whose checksum does not match, with records after it");
            }
            try
            {
                var r = new WireReader(payload);
                ops.Add(MessageCodec.ReadCommitted(ref r, proofFollows: length != MessageCodec.UnprovenCommittedOpBytes));
                r.End();
            }
            catch (WireFormatException e)
            {
                throw Corrupt(path, offset, $"a record that does not decode ({e.Message})");
            }
            offset += RecordHeaderBytes + length;
        }
        return (ops, offset);
    }

    private static CommitLogCorruptException Corrupt(string path, long offset, string what) =>
        new($"commit log {path} is corrupt at byte offset {offset}: {what}. The seed will not start with a partial membership; " +
            "move the file aside to start this seed empty (it then catches up from the other seeds by anti-entropy)");

    /// <summary>The snapshot's operations, then the log's that it does not hold (a kill between a compaction's rename and its truncation leaves both).</summary>
    private static List<CommittedOp> Union(List<CommittedOp> snapshot, List<CommittedOp> logged)
    {
        if (snapshot.Count == 0) return logged;
        var held = snapshot.Select(o => (o.Proposer, o.Epoch, o.Sequence)).ToHashSet();
        snapshot.AddRange(logged.Where(o => !held.Contains((o.Proposer, o.Epoch, o.Sequence))));
        return snapshot;
    }

    public IReadOnlyList<CommittedOp> Load() => _loaded;

    /// <summary>The log holds more records than the last snapshot had operations, and at least the threshold: rewriting costs no more than what was appended since.</summary>
    public bool CompactionDue => _logRecords >= _compactAfter && _logRecords >= _snapshotOps;

    /// <summary>
    /// Writes <paramref name="everything"/> (the seed's whole log, which holds every record of
    /// this store) as the new snapshot and cuts the log back to its header; see the class
    /// remarks for why a kill at any step loses nothing.
    /// </summary>
    public void Compact(IReadOnlyList<CommittedOp> everything)
    {
        string temp = System.IO.Path.Combine(_stateDir, CommitSnapshot.TempName);
        using (var snapshot = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            snapshot.Write(CommitSnapshot.Encode(everything));
            snapshot.Flush(flushToDisk: true);
        }
        AfterStep?.Invoke(CompactionStep.TempWritten);
        File.Move(temp, System.IO.Path.Combine(_stateDir, CommitSnapshot.FileName), overwrite: true);
        DirectorySync.Flush(_stateDir);
        AfterStep?.Invoke(CompactionStep.Renamed);
        _file.SetLength(HeaderBytes);
        _file.Seek(0, SeekOrigin.End);
        _file.Flush(flushToDisk: true);
        AfterStep?.Invoke(CompactionStep.Truncated);
        _snapshotOps = everything.Count;
        _logRecords = 0;
        Compactions++;
    }

    /// <summary>Writes one record and fsyncs the file: the commit is on disk when this returns.</summary>
    public void Append(in CommittedOp op)
    {
        var w = new WireWriter(capacity: RecordHeaderBytes + 512, reserve: RecordHeaderBytes);
        MessageCodec.WriteCommitted(w, op);
        var record = w.Buffer.AsSpan(0, w.Length);
        var payload = record[RecordHeaderBytes..];
        BinaryPrimitives.WriteInt32BigEndian(record, payload.Length);
        BinaryPrimitives.WriteUInt32BigEndian(record[4..], Crc32.Of(payload));
        _file.Write(record);
        _file.Flush(flushToDisk: true);
        _logRecords++;
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>The steps of a compaction, in order (where a test kills it).</summary>
public enum CompactionStep { TempWritten, Renamed, Truncated }

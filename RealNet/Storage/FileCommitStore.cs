using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Storage;

/// <summary>
/// A seed's commit log: an append-only file (<see cref="CommitLogFormat"/>) fsynced per record, so a commit
/// is durable before it is applied, announced or acknowledged; it loads every durable record or refuses to
/// start (docs/security.md, "A seed's commit log never lies"; docs/deployment.md, section 8). Opening: a
/// format-1 file is rewritten as format 2; only a torn end (<see cref="TornTail"/>) is cut, after a copy to
/// <c>commits.log.torn-at-OFFSET</c>; anything else is a <see cref="CommitLogCorruptException"/>, file untouched.
/// A failed append is cut back and throws <see cref="CommitNotDurableException"/>. Past <c>compactAfter</c> records the log
/// becomes a <see cref="CommitSnapshot"/> (no loss at any kill; a failure is said once, retried that many records later).
/// </summary>
public sealed class FileCommitStore : ICommitStore, IDisposable
{
    public const string FileName = "commits.log";
    private const int HeaderBytes = CommitLogFormat.HeaderBytes;
    private const string TempSuffix = ".tmp";

    /// <summary>The format this store writes (<see cref="CommitLogFormat"/>).</summary>
    public const int Format = CommitLogFormat.Current;

    /// <summary>Records in the log below which it is never compacted.</summary>
    public const int DefaultCompactAfter = 4096;

    private readonly FileStream _file;
    private readonly IReadOnlyList<CommittedOp> _loaded;
    private readonly string _stateDir;
    private readonly int _compactAfter;
    private readonly Action<string>? _report;
    private long _length;          // bytes of whole records in the file: where the next append goes
    private bool _cutPending;      // a failed append left bytes past _length that are not cut yet
    private long _logRecords;      // records in commits.log now
    private long _snapshotOps;     // operations in the last snapshot
    private long _compactNotBefore; // log records before a compaction is tried again after one failed
    private SeedSetKept? _seedSet;  // the seed set's steps and promise, as kept in SeedSetFile

    public string Path { get; }

    /// <summary>Bytes of a torn last record that opening set aside (0 when the file ended cleanly).</summary>
    public long TornBytes { get; private init; }

    /// <summary>The side file that keeps the torn last record's bytes (null: none).</summary>
    public string? TornTailFile { get; private init; }

    /// <summary>Why the bytes set aside were taken for a torn last write (null: none were).</summary>
    public string? TornBecause { get; private init; }

    /// <summary>The format the file was in when opened, when it was converted (null: it was in the current one).</summary>
    public int? ConvertedFrom { get; private init; }

    /// <summary>Compactions this store made since it was opened.</summary>
    public int Compactions { get; private set; }

    /// <summary>The seed set's steps and promise (<see cref="SeedSetFile"/>, beside the log): set durably before the seed sends
    /// what they guard; a set that cannot be kept throws <see cref="CommitNotDurableException"/> and keeps the old.</summary>
    public SeedSetKept? SeedSet
    {
        get => _seedSet;
        set
        {
            if (value is null) return;
            SeedSetFile.Save(_stateDir, value);
            _seedSet = value;
        }
    }

    /// <summary>Tests only: called after each step of a compaction; throwing there is a kill at that point.</summary>
    internal Action<CompactionStep>? AfterStep { get; set; }

    /// <summary>Tests only: appends write this many bytes of their record, then fail as a full disk does (null: writes are
    /// whole).</summary>
    internal int? DiskFullAfterBytes { get; set; }

    private FileCommitStore(string stateDir, string path, FileStream file, IReadOnlyList<CommittedOp> loaded, long length,
        int compactAfter, long logRecords, long snapshotOps, Action<string>? report)
    {
        _stateDir = stateDir;
        Path = path;
        _file = file;
        _loaded = loaded;
        _length = length;
        _compactAfter = compactAfter;
        _logRecords = logRecords;
        _snapshotOps = snapshotOps;
        _report = report;
    }

    /// <summary>
    /// Opens (or creates) <c>commits.log</c> in <paramref name="stateDir"/> and reads it whole,
    /// after the snapshot if there is one. Throws <see cref="CommitLogCorruptException"/> when
    /// either cannot be read, and lets I/O errors through.
    /// </summary>
    /// <param name="compactAfter">The log is compacted only once it holds at least this many records.</param>
    /// <param name="report">Where the store says what it does on its own while the seed runs (a compaction it had to give up).</param>
    public static FileCommitStore Open(string stateDir, int compactAfter = DefaultCompactAfter, Action<string>? report = null)
    {
        Directory.CreateDirectory(stateDir);
        string path = System.IO.Path.Combine(stateDir, FileName);
        // Unbuffered: a write that fails must leave nothing behind in the stream to be written later.
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.None);
        try
        {
            // Opened first: a second seed on this directory stops there, before touching the snapshot.
            File.Delete(System.IO.Path.Combine(stateDir, CommitSnapshot.TempName)); // a compaction killed before its rename
            File.Delete(path + TempSuffix); // a conversion killed before its rename
            string snapshotPath = System.IO.Path.Combine(stateDir, CommitSnapshot.FileName);
            var snapshot = File.Exists(snapshotPath) ? CommitSnapshot.Decode(snapshotPath, File.ReadAllBytes(snapshotPath)) : [];
            var bytes = new byte[file.Length];
            file.ReadExactly(bytes);
            var content = CommitLogReader.Read(path, bytes);
            string? tornFile = null;
            if (content.TornBecause != null)
            {
                tornFile = SetAside(stateDir, path, bytes.AsSpan((int)content.WholeLength), content.WholeLength, content.TornBecause);
                file.SetLength(content.WholeLength);
                file.Flush(flushToDisk: true);
            }
            long length = content.WholeLength;
            if (content.Version != CommitLogFormat.Current && length > 0)
            {
                file = Convert(stateDir, path, file, content.Ops, content.Version);
                length = file.Length;
            }
            if (length == 0)
            {
                file.Write(CommitLogFormat.Header(CommitLogFormat.Current));
                file.Flush(flushToDisk: true);
                DirectorySync.Flush(stateDir); // a new file is durable once its directory entry is
                length = HeaderBytes;
            }
            var seedSet = SeedSetFile.Load(stateDir);
            return new FileCommitStore(stateDir, path, file, Union(snapshot, content.Ops), length, compactAfter,
                content.Ops.Count, snapshot.Count, report)
            {
                _seedSet = seedSet,
                TornBytes = bytes.Length - content.WholeLength,
                TornTailFile = tornFile,
                TornBecause = content.TornBecause,
                ConvertedFrom = content.Version != CommitLogFormat.Current ? content.Version : null,
            };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Keeps a torn end's bytes beside the log before the log is cut: it is at most one record's
    /// write, but if the verdict were ever wrong, these bytes are what a person would look at.
    /// </summary>
    private static string SetAside(string stateDir, string path, ReadOnlySpan<byte> torn, long offset, string why)
    {
        string side = $"{path}.torn-at-{offset}";
        for (int n = 2; File.Exists(side); n++) side = $"{path}.torn-at-{offset}.{n}";
        try
        {
            using (var f = new FileStream(side, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                f.Write(torn);
                f.Flush(flushToDisk: true);
            }
            DirectorySync.Flush(stateDir);
        }
        catch (IOException e)
        {
            throw new IOException($"commit log {path} ends in a torn record at byte offset {offset} ({why}), "
                + $"whose {torn.Length} bytes are kept in {side} " +
                                  $"before the log is cut; writing that file failed ({e.Message}). The log is unchanged: free space "
                                      + $"and start the seed again", e);
        }
        return side;
    }

    /// <summary>
    /// Rewrites a log in an older format, record for record (proofs and all), in the current one:
    /// a temporary file, fsync, rename over the log, directory fsync. A kill before the rename
    /// leaves the old file (the temporary one is deleted at the next start), after it the new one.
    /// Returns the new file, opened as the old one was.
    /// </summary>
    private static FileStream Convert(string stateDir, string path, FileStream old, List<CommittedOp> ops, int from)
    {
        string temp = path + TempSuffix;
        try
        {
            using (var converted = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                converted.Write(CommitLogFormat.Header(CommitLogFormat.Current));
                foreach (var op in ops) converted.Write(CommitLogFormat.Record(op));
                converted.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
            DirectorySync.Flush(stateDir);
        }
        catch (IOException e)
        {
            try { File.Delete(temp); }
            catch (IOException) { } // then it is deleted at the next start
            throw new IOException($"commit log {path} is in format {from}, and rewriting it in "
                + $"format {CommitLogFormat.Current} failed ({e.Message}); " +
                                  "the file is unchanged: free space and start the seed again", e);
        }
        old.Dispose();
        var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.None);
        file.Seek(0, SeekOrigin.End);
        return file;
    }

    /// <summary>The snapshot's operations, then the log's that it does not hold (a kill between a compaction's rename and its truncation
    /// leaves both).</summary>
    private static List<CommittedOp> Union(List<CommittedOp> snapshot, List<CommittedOp> logged)
    {
        if (snapshot.Count == 0) return logged;
        var held = snapshot.Select(o => (o.Proposer, o.Epoch, o.Sequence)).ToHashSet();
        snapshot.AddRange(logged.Where(o => !held.Contains((o.Proposer, o.Epoch, o.Sequence))));
        return snapshot;
    }

    public IReadOnlyList<CommittedOp> Load() => _loaded;

    /// <summary>
    /// Writes one record and fsyncs the file: the commit is on disk when this returns. When it
    /// cannot be (a full disk), the file is cut back to where it was and
    /// <see cref="CommitNotDurableException"/> says so.
    /// </summary>
    public void Append(in CommittedOp op)
    {
        var record = CommitLogFormat.Record(op);
        try
        {
            if (_cutPending) CutBack();
            _file.Position = _length;
            Write(record);
            _file.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bool cut = TryCutBack();
            throw new CommitNotDurableException($"commit log {Path}: a record could not be written at byte "
                + $"offset {_length} ({e.Message}); " +
                (cut ? $"the file is cut back to {_length} bytes, so it holds only whole records"
                     : $"the file could not be cut back to {_length} bytes yet, and nothing is appended until it is"), e);
        }
        _length += record.Length;
        _logRecords++;
    }

    private void Write(byte[] record)
    {
        if (DiskFullAfterBytes is int written)
        {
            _file.Write(record, 0, Math.Min(written, record.Length));
            throw new IOException("No space left on device (simulated)");
        }
        _file.Write(record);
    }

    private bool TryCutBack()
    {
        try
        {
            CutBack();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _cutPending = true;
            return false;
        }
    }

    /// <summary>Cuts off what a failed append left, so the next record follows the last whole one.</summary>
    private void CutBack()
    {
        _cutPending = true;
        _file.SetLength(_length);
        _file.Flush(flushToDisk: true);
        _cutPending = false;
    }

    /// <summary>The log holds more records than the last snapshot had operations, and at least the threshold: rewriting costs no more than
    /// what was appended since.</summary>
    public bool CompactionDue => _logRecords >= _compactAfter && _logRecords >= _snapshotOps && _logRecords >= _compactNotBefore;

    /// <summary>
    /// Writes <paramref name="everything"/> (the seed's whole log, which holds every record of
    /// this store) as the new snapshot and cuts the log back to its header; see the class
    /// remarks for why a kill at any step loses nothing, and what a full disk does.
    /// </summary>
    public void Compact(IReadOnlyList<CommittedOp> everything)
    {
        try
        {
            SnapshotAndCut(everything);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(System.IO.Path.Combine(_stateDir, CommitSnapshot.TempName)); }
            catch (IOException) { } // then it is deleted at the next start
            _compactNotBefore = _logRecords + _compactAfter;
            _report?.Invoke($"compaction of {Path} could not be written ({e.Message}); the log still holds every record, and compaction is "
                + $"tried again {_compactAfter} records from now");
        }
    }

    private void SnapshotAndCut(IReadOnlyList<CommittedOp> everything)
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
        _snapshotOps = everything.Count;
        _file.SetLength(HeaderBytes);
        _length = HeaderBytes;
        _logRecords = 0;
        _file.Flush(flushToDisk: true);
        AfterStep?.Invoke(CompactionStep.Truncated);
        Compactions++;
    }

    /// <summary>Tests only: the file's bytes now, read through the store's own handle (the store lets no one else open it).</summary>
    internal byte[] BytesOnDisk()
    {
        var bytes = new byte[_file.Length];
        for (int read = 0; read < bytes.Length;) read += RandomAccess.Read(_file.SafeFileHandle, bytes.AsSpan(read), read);
        return bytes;
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>The steps of a compaction, in order (where a test kills it).</summary>
public enum CompactionStep { TempWritten, Renamed, Truncated }

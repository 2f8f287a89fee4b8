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
/// </summary>
public sealed class FileCommitStore : ICommitStore, IDisposable
{
    public const string FileName = "commits.log";
    private const int HeaderBytes = 8;
    private const int RecordHeaderBytes = 8;
    private static ReadOnlySpan<byte> Magic => "GSCLOG01"u8;

    private readonly FileStream _file;
    private readonly IReadOnlyList<CommittedOp> _loaded;

    public string Path { get; }

    /// <summary>Bytes of a torn last record that opening cut off (0 when the file ended cleanly).</summary>
    public long TruncatedBytes { get; }

    private FileCommitStore(string path, FileStream file, IReadOnlyList<CommittedOp> loaded, long truncated)
    {
        Path = path;
        _file = file;
        _loaded = loaded;
        TruncatedBytes = truncated;
    }

    /// <summary>
    /// Opens (or creates) <c>commits.log</c> in <paramref name="stateDir"/> and reads it whole.
    /// Throws <see cref="CommitLogCorruptException"/> when it cannot be read, and lets I/O errors through.
    /// </summary>
    public static FileCommitStore Open(string stateDir)
    {
        Directory.CreateDirectory(stateDir);
        string path = System.IO.Path.Combine(stateDir, FileName);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.None);
        try
        {
            var bytes = new byte[file.Length];
            file.ReadExactly(bytes);
            var (ops, validLength) = Read(path, bytes);
            long truncated = bytes.Length - validLength;
            if (bytes.Length == 0)
            {
                file.Write(Magic);
                file.Flush(flushToDisk: true);
            }
            else if (truncated > 0) file.SetLength(validLength);
            file.Seek(0, SeekOrigin.End);
            if (truncated > 0) file.Flush(flushToDisk: true);
            return new FileCommitStore(path, file, ops, truncated);
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

    public IReadOnlyList<CommittedOp> Load() => _loaded;

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
    }

    public void Dispose() => _file.Dispose();
}

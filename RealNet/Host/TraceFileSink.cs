using System.Buffers;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Host;

/// <summary>
/// A node process's trace.jsonl, one line per event (<see cref="TraceJson.Format"/>) flushed at once, so a
/// SIGKILL loses nothing traced. Not <see cref="JsonlTraceSink"/>: its trace hash (the launcher hashes what it
/// reads) would load OpenSSL into every node. Opened with <see cref="Open"/>, it rotates at a cap like
/// <see cref="NodeLog"/> (<c>trace.jsonl.1</c>, at most twice the cap; readers take <c>.1</c> first, <see cref="PartsOf"/>);
/// the part a second rotation replaces is lost, and the log says how much.
/// </summary>
public sealed class TraceFileSink : ITraceSink, IDisposable
{
    /// <summary>The default cap of one trace file: about 5 hours of the busiest honest node measured (all 1,000 peers gossiping every 5
    /// s).</summary>
    public const long DefaultMaxFileBytes = 512L * 1024 * 1024;

    /// <summary>The suffix of the older part of a rotated trace.</summary>
    public const string RotatedSuffix = ".1";

    private readonly ArrayBufferWriter<byte> _buf = new(512);
    private readonly string? _path;
    private readonly long _maxFileBytes;
    private readonly Action<string>? _log;
    private Stream _out;
    private long _fileBytes;

    /// <summary>Writes to <paramref name="output"/>, with no cap (the caller owns the stream).</summary>
    public TraceFileSink(Stream output)
    {
        _out = output;
        _maxFileBytes = long.MaxValue;
    }

    private TraceFileSink(string path, long maxFileBytes, Action<string>? log)
    {
        _path = path;
        _maxFileBytes = maxFileBytes;
        _log = log;
        _out = OpenFile(FileMode.Append);
    }

    /// <summary>
    /// Appends to the trace file at <paramref name="path"/> (a node restarted into the same folder
    /// keeps its earlier life), rotating it at <paramref name="maxFileBytes"/>; lines about
    /// rotations go to <paramref name="log"/>. Throws what opening the file throws.
    /// </summary>
    public static TraceFileSink Open(string path, long maxFileBytes = DefaultMaxFileBytes, Action<string>? log = null)
    {
        if (maxFileBytes < 1) throw new ArgumentOutOfRangeException(nameof(maxFileBytes), "a trace file's cap must be at least one byte");
        return new TraceFileSink(path, maxFileBytes, log);
    }

    /// <summary>The files of a node's trace at <paramref name="path"/>, oldest first: the rotated part, if any, then the file.</summary>
    public static IEnumerable<string> PartsOf(string path) =>
        new[] { path + RotatedSuffix, path }.Where(File.Exists);

    public long Lines { get; private set; }

    /// <summary>Times the file reached its cap and moved to <c>.1</c>.</summary>
    public int Rotations { get; private set; }

    public void Write(in TraceEvent e)
    {
        TraceJson.Format(e, _buf);
        Lines++;
        if (_fileBytes > 0 && _fileBytes + _buf.WrittenCount > _maxFileBytes) Rotate();
        _out.Write(_buf.WrittenSpan);
        _out.Flush();
        _fileBytes += _buf.WrittenCount;
        _buf.ResetWrittenCount();
    }

    private Stream OpenFile(FileMode mode)
    {
        var stream = new FileStream(_path!, mode, FileAccess.Write, FileShare.Read | FileShare.Delete);
        _fileBytes = stream.Length;
        return stream;
    }

    private void Rotate()
    {
        _out.Dispose();
        Rotations++;
        string older = _path + RotatedSuffix;
        long lost = File.Exists(older) ? new FileInfo(older).Length : 0;
        try
        {
            File.Move(_path!, older, overwrite: true);
            _out = OpenFile(FileMode.Append);
            _log?.Invoke($"trace file {_path} reached its cap of {Size(_maxFileBytes)}: its content moved to {older}" +
                       (lost > 0 ? $", replacing the older part written before it ({Size(lost)} of trace, now lost)" : ""));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The content cannot be kept: the cap still holds, at the cost of that content.
            _out = OpenFile(FileMode.Create);
            _log?.Invoke($"trace file {_path} reached its cap of {Size(_maxFileBytes)} and could not move to {older} "
                + $"({ex.Message}): its content was discarded");
        }
    }

    private static string Size(long bytes) =>
        bytes >= 1 << 20 ? FormattableString.Invariant($"{bytes / (double)(1 << 20):0.#} MiB")
        : bytes >= 1 << 10 ? FormattableString.Invariant($"{bytes / 1024.0:0.#} KiB")
        : FormattableString.Invariant($"{bytes} bytes");

    public void Dispose()
    {
        _out.Flush();
        if (_path != null) _out.Dispose(); // a stream given to us is the caller's to close
    }
}

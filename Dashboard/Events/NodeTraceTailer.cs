using System.Text.Json;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Events;

/// <summary>
/// Follows the trace files of a real run's nodes (<c>&lt;nodes&gt;/&lt;role&gt;-&lt;i&gt;/trace.jsonl</c>,
/// flushed per line) and merges them into one stream in time order. Each poll reads what every file gained,
/// keeps a partial last line, and holds back events younger than <see cref="HoldBack"/>, so a line stamped
/// before the poll but written after another file was read still takes its place. A file that shrank was
/// rotated: the rest of trace.jsonl.1 is read, then the new file from its start.
/// </summary>
public sealed class NodeTraceTailer
{
    private sealed class Tail(string path)
    {
        public string Path { get; } = path;
        public long Offset;
        public byte[] Partial = Array.Empty<byte>();
    }

    private readonly string _nodesDirectory;
    private readonly Dictionary<string, Tail> _tails = new();
    private readonly List<TraceEvent> _pending = new();

    public NodeTraceTailer(string nodesDirectory, TimeSpan holdBack)
    {
        _nodesDirectory = nodesDirectory;
        HoldBack = holdBack;
    }

    public TimeSpan HoldBack { get; }
    public int Files => _tails.Count;
    /// <summary>Lines that could not be read as trace events (skipped).</summary>
    public long BadLines { get; private set; }

    /// <summary>
    /// Reads every file's new lines and returns, in time order, the events stamped at or before
    /// <paramref name="now"/> minus the hold-back (all of them when <paramref name="flush"/>).
    /// <paramref name="now"/> is on the traces' clock (Unix time).
    /// </summary>
    public List<TraceEvent> Poll(TimeSpan now, bool flush = false)
    {
        if (Directory.Exists(_nodesDirectory))
        {
            foreach (var dir in Directory.EnumerateDirectories(_nodesDirectory).Order(StringComparer.Ordinal))
            {
                string file = Path.Combine(dir, "trace.jsonl");
                if (!_tails.ContainsKey(file) && File.Exists(file)) _tails[file] = new Tail(file);
            }
        }
        var fresh = new List<TraceEvent>();
        foreach (var tail in _tails.Values) Read(tail, fresh);
        // Stable: equal times keep file order, and a file's own lines are in its order.
        _pending.AddRange(fresh);
        var ordered = _pending.OrderBy(e => e.Time).ToList();
        _pending.Clear();
        var release = new List<TraceEvent>(ordered.Count);
        var limit = now - HoldBack;
        foreach (var e in ordered)
        {
            if (flush || e.Time <= limit) release.Add(e);
            else _pending.Add(e);
        }
        return release;
    }

    private void Read(Tail tail, List<TraceEvent> into)
    {
        byte[] chunk;
        try
        {
            using var fs = new FileStream(tail.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            long length = fs.Length;
            if (length < tail.Offset)
            {
                // Replaced: a node's trace at its cap moved to <file>.1 (TraceFileSink), whose end we have not read yet.
                var rest = RestOfRotated(tail);
                if (rest.Length > 0) Parse(tail, rest, into);
                tail.Offset = 0;
                tail.Partial = Array.Empty<byte>();
            }
            if (length == tail.Offset) return;
            fs.Seek(tail.Offset, SeekOrigin.Begin);
            chunk = new byte[length - tail.Offset];
            int got = 0;
            while (got < chunk.Length)
            {
                int n = fs.Read(chunk, got, chunk.Length - got);
                if (n == 0) break;
                got += n;
            }
            if (got < chunk.Length) Array.Resize(ref chunk, got);
            tail.Offset += got;
        }
        catch (IOException) { return; }
        catch (UnauthorizedAccessException) { return; }

        Parse(tail, chunk, into);
    }

    /// <summary>What the file held past our offset when it moved to its rotated part (none if that part is not it).</summary>
    private static byte[] RestOfRotated(Tail tail)
    {
        try
        {
            using var fs = new FileStream(tail.Path + RealNet.Host.TraceFileSink.RotatedSuffix, FileMode.Open, FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete);
            if (fs.Length < tail.Offset) return Array.Empty<byte>();
            fs.Seek(tail.Offset, SeekOrigin.Begin);
            var rest = new byte[fs.Length - tail.Offset];
            int got = 0;
            while (got < rest.Length)
            {
                int n = fs.Read(rest, got, rest.Length - got);
                if (n == 0) break;
                got += n;
            }
            return got < rest.Length ? rest[..got] : rest;
        }
        catch (IOException) { return Array.Empty<byte>(); }
        catch (UnauthorizedAccessException) { return Array.Empty<byte>(); }
    }

    private void Parse(Tail tail, byte[] chunk, List<TraceEvent> into)
    {
        byte[] data = tail.Partial.Length == 0 ? chunk : [.. tail.Partial, .. chunk];
        int start = 0;
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] != (byte)'\n') continue;
            var line = data.AsSpan(start, i - start);
            start = i + 1;
            if (line.IsEmpty) continue;
            try { into.Add(TraceJson.Parse(line)); }
            catch (Exception ex) when (ex is FormatException or JsonException) { BadLines++; }
        }
        tail.Partial = start < data.Length ? data[start..] : Array.Empty<byte>();
    }
}

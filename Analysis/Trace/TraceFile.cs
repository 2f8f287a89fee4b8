using System.IO.Compression;
using System.Text;
using System.Text.Json;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Trace;

/// <summary>
/// A run's trace on disk: <c>trace.jsonl.gz</c> (what runs write: a tenth of the size, and what
/// git keeps for small committed runs) or a plain <c>trace.jsonl</c>. Every reader (report, fit,
/// compare, replay) opens it here, so either form reads the same.
/// </summary>
public static class TraceFile
{
    public const string Plain = "trace.jsonl", Compressed = "trace.jsonl.gz";

    /// <summary>The trace in a results folder (the newer when both forms are there), or null.</summary>
    public static string? Find(string folder) =>
        new[] { Compressed, Plain }.Select(n => new FileInfo(Path.Combine(folder, n))).Where(f => f.Exists)
            .OrderByDescending(f => f.LastWriteTimeUtc).Select(f => f.FullName).FirstOrDefault();

    /// <summary>A results folder's trace, or an error that says why there is none and how to get one.</summary>
    public static string Require(string folder)
    {
        if (!Directory.Exists(folder)) throw new FileNotFoundException($"{folder}: no such folder");
        if (Find(folder) is { } found) return found;
        string why = $"{folder} holds no {Compressed} (nor {Plain})";
        string repro = Path.Combine(folder, "repro.txt");
        if (!File.Exists(repro)) return Fail($"{why}: is it a run's results folder?");
        string? command = File.ReadLines(repro).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
        return Fail($"{why}: this run kept no trace (runs of more than 1,000 peers write none unless run with --trace on, "
            + "and traces of large runs are not committed to git). Run it again to make one"
            + (command != null ? $": {command}{(command.Contains("--trace on") ? "" : " --trace on")}" : ""));

        static string Fail(string message) => throw new FileNotFoundException(message);
    }

    /// <summary>The file's bytes, decompressed when it is gzip (told by its first two bytes, not its name).</summary>
    public static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        int n = file.Read(magic);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>A text reader over the trace, compressed or not.</summary>
    public static StreamReader OpenText(string path)
        => new(Open(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);

    /// <summary>
    /// Every event of a trace file, in order. An unreadable line is an error naming the file and
    /// line; with <paramref name="skipped"/> it is dropped and said there instead (a node's own
    /// trace: a node killed mid-write leaves half a line at its end).
    /// </summary>
    /// <param name="progress">Called with the count of lines read, every 200,000 lines.</param>
    public static IEnumerable<TraceEvent> Read(string path, Action<string>? skipped = null, Action<long>? progress = null)
    {
        using var reader = OpenText(path);
        long lineNo = 0;
        var buffer = new byte[4096];
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (progress != null && lineNo % 200_000 == 0) progress(lineNo);
            if (string.IsNullOrWhiteSpace(line)) continue;
            int max = Encoding.UTF8.GetMaxByteCount(line.Length);
            if (buffer.Length < max) buffer = new byte[max];
            int bytes = Encoding.UTF8.GetBytes(line, buffer);
            TraceEvent e;
            try { e = TraceJson.Parse(buffer.AsSpan(0, bytes)); }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                if (skipped == null) throw new FormatException($"{path}:{lineNo}: not a trace event ({ex.Message})", ex);
                skipped($"{path}:{lineNo}: unreadable trace line skipped ({ex.Message})");
                continue;
            }
            yield return e;
        }
    }

    /// <summary>
    /// Where a run writes its trace: <c>trace.jsonl.gz</c> in <paramref name="folder"/>, compressed
    /// on the fly (fastest level: the run should not wait on it). A plain trace left by an earlier
    /// run is deleted, so the folder holds one trace.
    /// </summary>
    public static Stream Create(string folder)
    {
        File.Delete(Path.Combine(folder, Plain));
        var file = new FileStream(Path.Combine(folder, Compressed), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        return new GZipStream(file, CompressionLevel.Fastest);
    }

    /// <summary>Deletes any trace in the folder (a run that keeps none must not leave an older run's behind).</summary>
    public static void DeleteIn(string folder)
    {
        File.Delete(Path.Combine(folder, Plain));
        File.Delete(Path.Combine(folder, Compressed));
    }
}

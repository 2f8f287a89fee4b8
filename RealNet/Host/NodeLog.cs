using System.Globalization;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Host;

/// <summary>
/// A node's human-readable output (R13): each line with the local time, to its file and optionally the
/// console, flushed at once so a killed node's file is complete. Thread-safe (node loop and transport
/// write). Every line is <see cref="Detailed"/>. So no input can fill the disk, the file rotates past
/// <see cref="MaxFileBytes"/> to <c>&lt;file&gt;.1</c> (replacing the last), at most twice the cap on disk.
/// </summary>
public sealed class NodeLog : INodeLog, IDisposable
{
    /// <summary>The default cap of one log file.</summary>
    public const long DefaultMaxFileBytes = 64L * 1024 * 1024;

    private readonly object _gate = new();
    private StreamWriter? _file;
    private long _fileBytes;
    private readonly TextWriter? _console;
    private readonly string _consolePrefix;
    private readonly TimeProvider _time;

    public NodeLog(string? filePath, TextWriter? console, string consolePrefix, TimeProvider? time = null,
        long maxFileBytes = DefaultMaxFileBytes)
    {
        if (maxFileBytes < 1) throw new ArgumentOutOfRangeException(nameof(maxFileBytes), "a log file's cap must be at least one byte");
        _time = time ?? TimeProvider.System;
        MaxFileBytes = maxFileBytes;
        FilePath = filePath;
        _console = console;
        _consolePrefix = consolePrefix;
        if (filePath != null) Open();
    }

    public long MaxFileBytes { get; }

    public string? FilePath { get; }

    public bool Detailed => true;

    /// <summary>The local wall time stamps the line; the node's own clock reading is not needed.</summary>
    void INodeLog.Line(NodeAddress node, TimeSpan now, string line) => Line(line);

    public void Line(string text)
    {
        string stamp = _time.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            if (_file != null) WriteToFile($"{stamp} {text}");
            _console?.WriteLine($"{stamp} {_consolePrefix} {text}");
        }
    }

    private void WriteToFile(string line)
    {
        long bytes = System.Text.Encoding.UTF8.GetByteCount(line) + 1;
        if (_fileBytes > 0 && _fileBytes + bytes > MaxFileBytes) Rotate();
        _file!.WriteLine(line);
        _fileBytes += bytes;
    }

    private void Open(FileMode mode = FileMode.Append)
    {
        var stream = new FileStream(FilePath!, mode, FileAccess.Write, FileShare.Read | FileShare.Delete);
        _fileBytes = stream.Length;
        _file = new StreamWriter(stream) { AutoFlush = true };
    }

    private void Rotate()
    {
        _file!.Dispose();
        try
        {
            File.Move(FilePath!, FilePath + ".1", overwrite: true);
            Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The old content cannot be kept: the cap still holds, at the cost of that content.
            Open(FileMode.Create);
            _file!.WriteLine($"log rotation could not move the old content to {FilePath}.1 ({e.Message}); it was discarded");
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null; // a line written after this (a crashed node's last thread) goes nowhere
        }
    }
}

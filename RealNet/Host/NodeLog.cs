using System.Globalization;
using GossipSim.Engine.Core;

namespace GossipSim.RealNet.Host;

/// <summary>
/// A node's human-readable output (R13): each line with the local time, to the node's own file
/// and, optionally, the console, flushed at once so that a killed node's file is complete.
/// Thread-safe: the node loop and the transport both write here. A node that has a log wants
/// every line (<see cref="Detailed"/>): only huge simulations leave the detail out.
/// </summary>
public sealed class NodeLog : INodeLog, IDisposable
{
    private readonly object _gate = new();
    private readonly StreamWriter? _file;
    private readonly TextWriter? _console;
    private readonly string _consolePrefix;
    private readonly TimeProvider _time;

    public NodeLog(string? filePath, TextWriter? console, string consolePrefix, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        if (filePath != null)
        {
            var stream = new FileStream(filePath, FileMode.Append, FileAccess.Write, FileShare.Read);
            _file = new StreamWriter(stream) { AutoFlush = true };
        }
        _console = console;
        _consolePrefix = consolePrefix;
        FilePath = filePath;
    }

    public string? FilePath { get; }

    public bool Detailed => true;

    /// <summary>The local wall time stamps the line; the node's own clock reading is not needed.</summary>
    void INodeLog.Line(NodeAddress node, TimeSpan now, string line) => Line(line);

    public void Line(string text)
    {
        string stamp = _time.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _file?.WriteLine($"{stamp} {text}");
            _console?.WriteLine($"{stamp} {_consolePrefix} {text}");
        }
    }

    public void Dispose()
    {
        lock (_gate) _file?.Dispose();
    }
}

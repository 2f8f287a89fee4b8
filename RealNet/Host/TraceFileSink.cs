using System.Buffers;
using GossipSim.Engine.Trace;

namespace GossipSim.RealNet.Host;

/// <summary>
/// A node process's trace.jsonl: each event as one JSONL line (<see cref="TraceJson.Format"/>),
/// written and flushed at once so a SIGKILL loses nothing already traced. Not
/// <see cref="JsonlTraceSink"/>, for a reason of memory: a node process needs no trace hash (the
/// launcher hashes the files it reads), and that sink's SHA-256 loads OpenSSL (about 6 MB per
/// process).
/// </summary>
public sealed class TraceFileSink : ITraceSink, IDisposable
{
    private readonly ArrayBufferWriter<byte> _buf = new(512);
    private readonly Stream _out;

    public TraceFileSink(Stream output) => _out = output;

    public long Lines { get; private set; }

    public void Write(in TraceEvent e)
    {
        TraceJson.Format(e, _buf);
        Lines++;
        _out.Write(_buf.WrittenSpan);
        _out.Flush();
        _buf.ResetWrittenCount();
    }

    public void Dispose() => _out.Flush();
}

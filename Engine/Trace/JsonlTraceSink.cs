using System.Buffers;
using System.Security.Cryptography;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trace;

/// <summary>
/// Formats events as JSONL, hashes every byte (SHA-256: the run's fingerprint, R16) and
/// optionally writes them to a stream. Hashing without a file lets huge runs keep their
/// fingerprint without a gigabyte trace.
/// </summary>
public sealed class JsonlTraceSink : ITraceSink, IDisposable
{
    private readonly ArrayBufferWriter<byte> _buf = new(1 << 16);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Stream? _out;
    private readonly bool _flushEachLine;

    public long Lines { get; private set; }
    public long Bytes { get; private set; }

    /// <param name="output">Where to write the lines, or null to only hash them.</param>
    /// <param name="flushEachLine">Real nodes flush every line so a SIGKILL loses nothing already traced.</param>
    public JsonlTraceSink(Stream? output, bool flushEachLine = false)
    {
        _out = output;
        _flushEachLine = flushEachLine;
    }

    public void Write(in TraceEvent e)
    {
        TraceJson.Format(e, _buf);
        Lines++;
        if (_flushEachLine || _buf.WrittenCount > (1 << 16) - 1024) Drain();
    }

    private void Drain()
    {
        var span = _buf.WrittenSpan;
        _hash.AppendData(span);
        Bytes += span.Length;
        if (_out != null)
        {
            _out.Write(span);
            if (_flushEachLine) _out.Flush();
        }
        _buf.ResetWrittenCount();
    }

    /// <summary>"sha256:&lt;hex&gt;" of every byte written so far.</summary>
    public string HashText()
    {
        Drain();
        return "sha256:" + Convert.ToHexStringLower(_hash.GetCurrentHash());
    }

    public void Flush()
    {
        Drain();
        _out?.Flush();
    }

    public void Dispose()
    {
        Flush();
        _hash.Dispose();
    }
}

using System.Buffers;
using System.Buffers.Text;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;

namespace GossipSim.RealNet.Host;

/// <summary>
/// A node process's trace.jsonl: each event as one JSONL line, written and flushed at once so a
/// SIGKILL loses nothing already traced. The bytes are exactly those of <see cref="TraceJson.Format"/>
/// (a test holds them equal), but written here for a reason of memory: a node process needs no
/// trace hash (the launcher hashes the files it reads), and <see cref="JsonlTraceSink"/>'s SHA-256
/// loads OpenSSL (about 6 MB per process), while <see cref="TraceJson.Format"/> loads
/// System.Text.Json for its detail escaping. Only a detail with a character JSON or HTML escaping
/// would touch is handed to <see cref="TraceJson.Format"/> (so the escaping is the same).
/// </summary>
public sealed class TraceFileSink : ITraceSink, IDisposable
{
    private readonly ArrayBufferWriter<byte> _buf = new(512);
    private readonly Stream _out;

    public TraceFileSink(Stream output) => _out = output;

    public long Lines { get; private set; }

    public void Write(in TraceEvent e)
    {
        Format(e, _buf);
        Lines++;
        _out.Write(_buf.WrittenSpan);
        _out.Flush();
        _buf.ResetWrittenCount();
    }

    public void Dispose() => _out.Flush();

    /// <summary>Appends one line (with '\n'): the same bytes as <see cref="TraceJson.Format"/>.</summary>
    public static void Format(in TraceEvent e, ArrayBufferWriter<byte> buf)
    {
        if (e.Detail != null && !IsPlain(e.Detail))
        {
            FormatEscaped(e, buf);
            return;
        }
        var names = TraceSchema.Of(e.Kind);
        Raw(buf, "{\"t\":"u8);
        Seconds(buf, e.Time.Ticks);
        Raw(buf, ",\"ev\":\""u8);
        Ascii(buf, names.Event);
        Raw(buf, "\",\"node\":\""u8);
        Address(buf, e.Node);
        Raw(buf, "\""u8);
        if (names.Peer != null && !e.Peer.IsNone)
        {
            Raw(buf, ",\""u8); Ascii(buf, names.Peer); Raw(buf, "\":\""u8);
            Address(buf, e.Peer);
            Raw(buf, "\""u8);
        }
        if (!e.Message.Origin.IsNone)
        {
            Raw(buf, ",\"msg\":\""u8);
            Address(buf, e.Message.Origin);
            Raw(buf, "#"u8);
            Number(buf, e.Message.Number);
            Raw(buf, "\""u8);
        }
        if (names.A != null) { Raw(buf, ",\""u8); Ascii(buf, names.A); Raw(buf, "\":"u8); Number(buf, e.A); }
        if (names.B != null) { Raw(buf, ",\""u8); Ascii(buf, names.B); Raw(buf, "\":"u8); Number(buf, e.B); }
        if (e.Detail != null)
        {
            Raw(buf, ",\"detail\":\""u8);
            Ascii(buf, e.Detail);
            Raw(buf, "\""u8);
        }
        Raw(buf, "}\n"u8);
    }

    /// <summary>
    /// Printable ASCII that neither JSON nor the default (HTML-safe) encoder escapes: such a detail
    /// is written as it is. Anything else (quotes, backslash, &amp; ' + &lt; &gt; `, control or non-ASCII
    /// characters) goes through the encoder.
    /// </summary>
    internal static bool IsPlain(string s)
    {
        foreach (char c in s)
        {
            if (c < 0x20 || c > 0x7E) return false;
            switch (c)
            {
                case '"': case '\\': case '&': case '\'': case '+': case '<': case '>': case '`':
                    return false;
            }
        }
        return true;
    }

    // Kept out of Format so that only a detail that needs escaping loads System.Text.Json.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void FormatEscaped(in TraceEvent e, ArrayBufferWriter<byte> buf) => TraceJson.Format(e, buf);

    private static void Raw(ArrayBufferWriter<byte> buf, ReadOnlySpan<byte> bytes) => buf.Write(bytes);

    private static void Ascii(ArrayBufferWriter<byte> buf, string s)
    {
        var span = buf.GetSpan(s.Length);
        for (int i = 0; i < s.Length; i++) span[i] = (byte)s[i];
        buf.Advance(s.Length);
    }

    private static void Number(ArrayBufferWriter<byte> buf, long v)
    {
        var span = buf.GetSpan(24);
        Utf8Formatter.TryFormat(v, span, out int n);
        buf.Advance(n);
    }

    private static void Seconds(ArrayBufferWriter<byte> buf, long ticks)
    {
        if (ticks < 0) { Raw(buf, "-"u8); ticks = -ticks; }
        Number(buf, ticks / TimeSpan.TicksPerSecond);
        Raw(buf, "."u8);
        var span = buf.GetSpan(7);
        long frac = ticks % TimeSpan.TicksPerSecond;
        for (int i = 6; i >= 0; i--) { span[i] = (byte)('0' + frac % 10); frac /= 10; }
        buf.Advance(7);
    }

    private static void Address(ArrayBufferWriter<byte> buf, NodeAddress a)
    {
        Number(buf, a.Ip >> 24); Raw(buf, "."u8);
        Number(buf, (a.Ip >> 16) & 255); Raw(buf, "."u8);
        Number(buf, (a.Ip >> 8) & 255); Raw(buf, "."u8);
        Number(buf, a.Ip & 255); Raw(buf, ":"u8);
        Number(buf, a.Port);
    }
}

using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trace;

/// <summary>
/// The JSONL form of a trace event. Hand-formatted so that the bytes are fixed by the event
/// alone (time as exact ticks in seconds, fields in one order): that is what makes the
/// simulator's trace hash a fingerprint of the run.
/// </summary>
public static class TraceJson
{
    /// <summary>Appends one line (with '\n') to the buffer.</summary>
    public static void Format(in TraceEvent e, ArrayBufferWriter<byte> buf)
    {
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
            if (IsPlain(e.Detail)) Ascii(buf, e.Detail);
            else Escaped(buf, e.Detail);
            Raw(buf, "\""u8);
        }
        Raw(buf, "}\n"u8);
    }

    /// <summary>
    /// Printable ASCII that neither JSON nor the default (HTML-safe) encoder escapes: such a detail
    /// is written as it is, the same bytes the encoder would give. Anything else (quotes,
    /// backslash, &amp; ' + &lt; &gt; `, control or non-ASCII characters) goes through the encoder.
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

    // Kept out of Format so that a node process whose details are all plain never loads
    // System.Text.Json (megabytes of memory a small node process never needs).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Escaped(ArrayBufferWriter<byte> buf, string detail) => Raw(buf, JsonEncodedText.Encode(detail).EncodedUtf8Bytes);

    public static string ToLine(in TraceEvent e)
    {
        var buf = new ArrayBufferWriter<byte>(256);
        Format(e, buf);
        return Encoding.UTF8.GetString(buf.WrittenSpan).TrimEnd('\n');
    }

    /// <summary>Parses one line; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static TraceEvent Parse(ReadOnlySpan<byte> line)
    {
        try { return ParseObject(line); }
        // The reader throws this when a field holds another kind of value than its name calls
        // for (an object where a string belongs: lines two writers interleaved, a torn write).
        catch (InvalidOperationException ex) { throw new FormatException("a field holds the wrong kind of value: "
            + ex.Message.Replace("token type", "a JSON", StringComparison.Ordinal)); }
    }

    private static TraceEvent ParseObject(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        long ticks = 0;
        TraceKind kind = 0;
        NodeAddress node = default, peer = default;
        MessageId msg = default;
        long a = 0, b = 0;
        string? detail = null;
        bool haveKind = false;
        var pending = new List<(string name, JsonTokenType type, string? s, long n, double d)>(6);

        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new FormatException("expected a JSON object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "t":
                    ticks = (long)Math.Round(reader.GetDecimal() * TimeSpan.TicksPerSecond);
                    break;
                case "ev":
                    if (!TraceSchema.TryKind(reader.GetString()!, out kind))
                        throw new FormatException($"unknown event '{reader.GetString()}'");
                    haveKind = true;
                    break;
                case "node": node = ParseAddress(reader.GetString()!); break;
                case "msg": msg = ParseMessageId(reader.GetString()!); break;
                case "detail": detail = reader.GetString(); break;
                default:
                    if (reader.TokenType == JsonTokenType.String) pending.Add((name, reader.TokenType, reader.GetString(), 0, 0));
                    else if (reader.TokenType == JsonTokenType.Number) pending.Add((name, reader.TokenType, null, reader.GetInt64(), 0));
                    else reader.Skip();
                    break;
            }
        }
        if (!haveKind) throw new FormatException("missing \"ev\"");
        var names = TraceSchema.Of(kind);
        foreach (var p in pending)
        {
            if (p.name == names.Peer && p.s != null) peer = ParseAddress(p.s);
            else if (p.name == names.A) a = p.n;
            else if (p.name == names.B) b = p.n;
        }
        return new TraceEvent(TimeSpan.FromTicks(ticks), kind, node, peer, msg, a, b, detail);
    }

    /// <summary>An address as the writer prints it; "0.0.0.0:0" is no node (network-wide events: partition, heal, run end).</summary>
    private static NodeAddress ParseAddress(string text) => text == "0.0.0.0:0" ? NodeAddress.None : NodeAddress.Parse(text);

    public static MessageId ParseMessageId(string text)
    {
        int hash = text.LastIndexOf('#');
        if (hash <= 0) throw new FormatException($"'{text}' is not a message id (origin#number)");
        return new MessageId(NodeAddress.Parse(text[..hash]), int.Parse(text[(hash + 1)..],
            System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Reads a JSONL trace file; errors name the file and line.</summary>
    public static IEnumerable<TraceEvent> ReadFile(string path)
    {
        int lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            TraceEvent e;
            try { e = Parse(Encoding.UTF8.GetBytes(line)); }
            catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{lineNo}: {ex.Message}", ex);
            }
            yield return e;
        }
    }

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

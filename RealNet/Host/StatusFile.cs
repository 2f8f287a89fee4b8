using System.Buffers;
using System.Buffers.Text;
using System.Text;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Host;

/// <summary>
/// A node's one-object JSON status, rewritten in place (write, then rename) so a reader never
/// sees half a file. A launcher reads peers' degrees here to find the hub.
/// Written by hand rather than with Utf8JsonWriter: every value is a number, a boolean or an
/// address/role/hex string that needs no escaping, and a node process then does not load
/// System.Text.Json at all, which would cost every node resident memory.
/// </summary>
public static class StatusFile
{
    /// <summary>The sibling of status.json that holds the node's effective settings (<see cref="WriteConfig"/>).</summary>
    public const string ConfigFileName = "config.json";

    public static void Write(string path, Node node, TimeSpan now)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Format(buffer, node, now);
        Replace(path, buffer);
    }

    /// <summary>
    /// The settings the node runs with, once at start: every tunable of its table by its scenario
    /// name, grouped as a scenario file groups them ({"peerSettings": {"pingIntervalSeconds": 13, ...}, ...}).
    /// </summary>
    public static void WriteConfig<TConfig>(string path, TConfig config, IReadOnlyList<Tunable<TConfig>> table)
    {
        var json = new ArrayBufferWriter<byte>(1024);
        Raw(json, "{"u8);
        string? section = null;
        foreach (var t in table.OrderBy(t => t.Section, StringComparer.Ordinal))
        {
            if (t.Section != section)
            {
                if (section != null) Raw(json, "},"u8);
                section = t.Section;
                String(json, section);
                Raw(json, ":{"u8);
            }
            else
            {
                Raw(json, ","u8);
            }
            String(json, t.Field);
            Raw(json, ":"u8);
            if (t.Unit == TunableUnit.Choice) String(json, t.Format(t.Get(config))); // a name: a JSON string
            else Raw(json, Encoding.ASCII.GetBytes(t.Format(t.Get(config))));
        }
        if (section != null) Raw(json, "}"u8);
        Raw(json, "}\n"u8);
        Replace(path, json);
    }

    /// <summary>Write, then rename: a reader sees the old file or the new one, never half of one.</summary>
    private static void Replace(string path, ArrayBufferWriter<byte> content)
    {
        string tmp = path + ".tmp";
        using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
        {
            stream.Write(content.WrittenSpan);
        }
        File.Move(tmp, path, overwrite: true);
    }

    public static string ToJson(Node node, TimeSpan now)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Format(buffer, node, now);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Format(ArrayBufferWriter<byte> json, Node node, TimeSpan now)
    {
        Raw(json, "{\"address\":"u8); String(json, node.Address.ToString());
        Raw(json, ",\"role\":"u8); String(json, node.Role == NodeRole.Seed ? "seed" : "peer");
        Raw(json, ",\"pid\":"u8); Number(json, Environment.ProcessId);
        Raw(json, ",\"t\":"u8); Number(json, Math.Round(now.TotalSeconds, 3));
        switch (node)
        {
            case PeerNode p:
                Raw(json, ",\"incarnation\":"u8); Number(json, p.Incarnation);
                Raw(json, ",\"registered\":"u8); Raw(json, p.IsRegistered ? "true"u8 : "false"u8);
                Raw(json, ",\"degree\":"u8); Number(json, p.Degree);
                if (p.TreeLinks is int tree) { Raw(json, ",\"treeLinks\":"u8); Number(json, tree); }
                if (p.PassiveViewCount is int passive) { Raw(json, ",\"passiveView\":"u8); Number(json, passive); }
                Raw(json, ",\"neighbours\":["u8);
                bool first = true;
                foreach (var n in p.Neighbours)
                {
                    if (!first) Raw(json, ","u8);
                    first = false;
                    String(json, n.Address.ToString());
                }
                Raw(json, "]"u8);
                Raw(json, ",\"messageList\":"u8); Number(json, p.MessageListCount);
                Raw(json, ",\"gossipReceived\":"u8); Number(json, p.GossipReceived);
                Raw(json, ",\"gossipSent\":"u8); Number(json, p.GossipSent);
                break;
            case SeedNode s:
                Raw(json, ",\"seeds\":"u8); Number(json, s.SeedCount);
                Raw(json, ",\"members\":"u8); Number(json, s.Peers.LiveCount);
                Raw(json, ",\"digest\":"u8); String(json, s.Peers.Digest.ToString("x16",
                    System.Globalization.CultureInfo.InvariantCulture));
                Raw(json, ",\"registrationsRefused\":"u8); Number(json, s.RegistrationsRefused);
                Raw(json, ",\"reportsDropped\":"u8); Number(json, s.ReportsDropped);
                Raw(json, ",\"traceEventsHeld\":"u8); Number(json, s.TraceEventsHeld);
                break;
        }
        Raw(json, "}"u8);
    }

    private static void Raw(ArrayBufferWriter<byte> buf, ReadOnlySpan<byte> bytes) => buf.Write(bytes);

    /// <summary>A JSON string; the values written here (addresses, roles, hex) are plain ASCII, anything else is escaped as
    /// \uXXXX.</summary>
    private static void String(ArrayBufferWriter<byte> buf, string s)
    {
        Raw(buf, "\""u8);
        foreach (char c in s)
        {
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
            {
                buf.GetSpan(1)[0] = (byte)c;
                buf.Advance(1);
            }
            else
            {
                var span = buf.GetSpan(6);
                "\\u"u8.CopyTo(span);
                ((int)c).TryFormat(span[2..], out _, "x4", System.Globalization.CultureInfo.InvariantCulture);
                buf.Advance(6);
            }
        }
        Raw(buf, "\""u8);
    }

    private static void Number(ArrayBufferWriter<byte> buf, long v)
    {
        Utf8Formatter.TryFormat(v, buf.GetSpan(24), out int n);
        buf.Advance(n);
    }

    private static void Number(ArrayBufferWriter<byte> buf, double v)
    {
        Utf8Formatter.TryFormat(v, buf.GetSpan(32), out int n);
        buf.Advance(n);
    }
}

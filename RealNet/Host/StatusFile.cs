using System.Text.Json;
using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;

namespace GossipSim.RealNet.Host;

/// <summary>
/// A node's one-object JSON status, rewritten in place (write, then rename) so a reader never
/// sees half a file. A launcher reads peers' degrees here to find the hub.
/// </summary>
public static class StatusFile
{
    public static void Write(string path, Node node, TimeSpan now)
    {
        string tmp = path + ".tmp";
        using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var json = new Utf8JsonWriter(stream))
        {
            Format(json, node, now);
        }
        File.Move(tmp, path, overwrite: true);
    }

    public static string ToJson(Node node, TimeSpan now)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) Format(json, node, now);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Format(Utf8JsonWriter json, Node node, TimeSpan now)
    {
        json.WriteStartObject();
        json.WriteString("address", node.Address.ToString());
        json.WriteString("role", node.Role == NodeRole.Seed ? "seed" : "peer");
        json.WriteNumber("pid", Environment.ProcessId);
        json.WriteNumber("t", Math.Round(now.TotalSeconds, 3));
        switch (node)
        {
            case PeerNode p:
                json.WriteNumber("incarnation", p.Incarnation);
                json.WriteBoolean("registered", p.IsRegistered);
                json.WriteNumber("degree", p.Degree);
                json.WriteStartArray("neighbours");
                foreach (var n in p.Neighbours) json.WriteStringValue(n.Address.ToString());
                json.WriteEndArray();
                json.WriteNumber("messageList", p.MessageListCount);
                json.WriteNumber("gossipReceived", p.GossipReceived);
                json.WriteNumber("gossipSent", p.GossipSent);
                break;
            case SeedNode s:
                json.WriteNumber("seeds", s.SeedCount);
                json.WriteNumber("members", s.Peers.LiveCount);
                json.WriteString("digest", s.Peers.Digest.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
        json.WriteEndObject();
    }
}

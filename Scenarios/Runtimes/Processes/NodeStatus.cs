using System.Text.Json;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// A node process's status.json (each node rewrites its own every second): what a launcher
/// learns of its node processes' degrees and counters.
/// </summary>
public static class NodeStatus
{
    public static JsonElement? Read(string nodeOutDir)
    {
        string path = Path.Combine(nodeOutDir, "status.json");
        try
        {
            if (!File.Exists(path)) return null;
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.Clone();
        }
        catch (Exception ex) when (ex is IOException or JsonException) { return null; } // caught mid-rename: no status this time
    }

    /// <summary>What a launcher reads of a node from its status.json: degree and counters, or null when it has not written one yet.</summary>
    public static NodeSnapshot? Snapshot(string nodeOutDir) => Read(nodeOutDir) is { } status ? SnapshotOf(status) : null;

    /// <summary>The degree and counters of one status object (read from a file here, or from a container's volume).</summary>
    public static NodeSnapshot SnapshotOf(JsonElement status)
    {
        int Int(string name) => status.TryGetProperty(name, out var v) ? v.GetInt32() : 0;
        return new NodeSnapshot(Int("degree"),
            status.TryGetProperty("registered", out var r) && r.GetBoolean(),
            status.TryGetProperty("gossipReceived", out var g) ? g.GetInt64() : 0,
            Int("members"),
            status.TryGetProperty("treeLinks", out var t) ? t.GetInt32() : null,
            status.TryGetProperty("passiveView", out var pv) ? pv.GetInt32() : null);
    }
}

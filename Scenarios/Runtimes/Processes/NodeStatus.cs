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
}

using System.Text.Json;
using GossipSim.Engine.Core;

namespace GossipSim.Scenarios.Real;

/// <summary>
/// What a launcher learns from its node processes' status.json files (each node rewrites its
/// own every second): degrees, to find the hub or pick victims, and a progress line. Shared by
/// every launcher of node processes (loopback, namespace bed).
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

    public static int Degree(string nodeOutDir) => Read(nodeOutDir)?.GetProperty("degree").GetInt32() ?? 0;

    /// <summary>The live peer of highest degree now (ties to the lowest index), or (-1, -1).</summary>
    public static (int index, int degree) Hub(IReadOnlyList<string?> livePeerDirs)
    {
        int best = -1, bestDegree = -1;
        for (int i = 0; i < livePeerDirs.Count; i++)
        {
            if (livePeerDirs[i] is not { } dir) continue;
            int d = Degree(dir);
            if (d > bestDegree) { best = i; bestDegree = d; }
        }
        return (best, bestDegree);
    }

    /// <summary><paramref name="count"/> live peers drawn from the run's stream (the draw number keeps repeated draws apart).</summary>
    public static int[] RandomLive(IReadOnlyList<string?> livePeerDirs, int count, ulong seed, ulong drawNumber)
    {
        var live = Enumerable.Range(0, livePeerDirs.Count).Where(i => livePeerDirs[i] != null).ToArray();
        RngStreams.LivePeerDraw(seed, drawNumber).Shuffle(live.AsSpan());
        return live.Take(count).ToArray();
    }

    public static string ProgressLine(double t, double duration, IReadOnlyList<string> livePeerDirs, IEnumerable<string> liveSeedDirs)
    {
        var statuses = livePeerDirs.Select(Read).Where(x => x != null).Select(x => x!.Value).ToList();
        int registered = statuses.Count(x => x.GetProperty("registered").GetBoolean());
        long received = statuses.Sum(x => x.GetProperty("gossipReceived").GetInt64());
        var seedMembers = liveSeedDirs.Select(Read).Where(x => x != null).Select(x => x!.Value.GetProperty("members").GetInt32());
        return $"  t {t,6:F1}/{duration:F0} s  peers up {livePeerDirs.Count,4}  registered {registered,4}  seeds' lists [{string.Join(", ", seedMembers)}]  gossip received {received,8:N0}";
    }
}

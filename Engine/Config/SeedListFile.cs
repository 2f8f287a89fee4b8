using GossipSim.Engine.Core;

namespace GossipSim.Engine.Config;

/// <summary>
/// R1: the seed list file. One seed per line as IP:Port or IP,Port; blank lines and
/// '#' comments (whole line or trailing) are allowed. Errors name the file and the line.
/// </summary>
public static class SeedListFile
{
    public static IReadOnlyList<NodeAddress> Load(string path)
    {
        if (!File.Exists(path)) throw new SeedListException($"{path}: seed list file not found");
        return Parse(File.ReadAllLines(path), path);
    }

    public static IReadOnlyList<NodeAddress> Parse(IEnumerable<string> lines, string fileName)
    {
        var seeds = new List<NodeAddress>();
        var seen = new HashSet<NodeAddress>();
        int lineNo = 0;
        foreach (var raw in lines)
        {
            lineNo++;
            string line = raw;
            int hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            line = line.Trim();
            if (line.Length == 0) continue;
            if (!NodeAddress.TryParse(line, out var address, out var error))
                throw new SeedListException($"{fileName}:{lineNo}: {error}");
            if (!seen.Add(address))
                throw new SeedListException($"{fileName}:{lineNo}: seed {address} is listed twice");
            seeds.Add(address);
        }
        if (seeds.Count == 0) throw new SeedListException($"{fileName}: no seeds listed (expected lines like 127.0.0.1:5001)");
        return seeds;
    }

    public static string Format(IEnumerable<NodeAddress> seeds) =>
        "# GossipSim seed list: one seed per line, IP:Port or IP,Port\n" + string.Concat(seeds.Select(s => s + "\n"));
}

public sealed class SeedListException(string message) : Exception(message);

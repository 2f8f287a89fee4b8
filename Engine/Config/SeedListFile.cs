using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Config;

/// <summary>
/// R1: the seed list file. One seed per line as IP:Port or IP,Port, optionally followed by the
/// seed's public key (base64) to pin it: a node then takes that address only from the holder of
/// that key. One line may pin the operator's key, "operator KEY": only a change of the seed set that key
/// signed is voted on (issue 56, 2; a list without it changes by no vote). Blank lines and '#' comments (whole line or trailing)
/// are allowed. Errors name the file and the line; what a key means is the runtime's to check (the simulator has none).
/// </summary>
public static class SeedListFile
{
    public static IReadOnlyList<NodeAddress> Load(string path) => LoadEntries(path).Select(e => e.Address).ToArray();

    public static IReadOnlyList<SeedListEntry> LoadEntries(string path)
    {
        if (!File.Exists(path)) throw new SeedListException($"{path}: seed list file not found");
        return ParseEntries(File.ReadAllLines(path), path);
    }

    public static IReadOnlyList<NodeAddress> Parse(IEnumerable<string> lines, string fileName) =>
        ParseEntries(lines, fileName).Select(e => e.Address).ToArray();

    /// <param name="allowEmpty">A file of no lines is fine (a list of learned keys); a seed list needs at least one seed.</param>
    public static IReadOnlyList<SeedListEntry> ParseEntries(IEnumerable<string> lines, string fileName, bool allowEmpty = false) =>
        ParseList(lines, fileName, allowEmpty).Seeds;

    /// <summary>The operator's line's word for it, "operator KEY".</summary>
    public const string OperatorWord = "operator";

    /// <summary>The seeds and the operator's key the list pins (null: none, and the seed set changes by no vote).</summary>
    public static SeedList ParseList(IEnumerable<string> lines, string fileName, bool allowEmpty = false)
    {
        var seeds = new List<SeedListEntry>();
        var seen = new HashSet<NodeAddress>();
        (string Key, int Line)? operatorKey = null;
        int lineNo = 0;
        foreach (var raw in lines)
        {
            lineNo++;
            string line = raw;
            int hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            line = line.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith(OperatorWord, StringComparison.Ordinal) && line.Length > OperatorWord.Length
                && char.IsWhiteSpace(line[OperatorWord.Length]))
            {
                string key = line[OperatorWord.Length..].Trim();
                if (key.Contains(' ') || key.Contains('\t'))
                    throw new SeedListException($"{fileName}:{lineNo}: expected 'operator KEY' (the operator's public key, base64, one word)");
                if (operatorKey is { } first)
                    throw new SeedListException($"{fileName}:{lineNo}: the operator's key is pinned twice (first on line {first.Line})");
                operatorKey = (key, lineNo);
                continue;
            }
            string? seedKey = null;
            if (!NodeAddress.TryParse(line, out var address, out var error))
            {
                // "IP:Port KEY": the last word is the key when what comes before it is an address.
                int space = line.LastIndexOfAny([' ', '\t']);
                if (space < 0 || !NodeAddress.TryParse(line[..space].TrimEnd(), out address, out _))
                    throw new SeedListException($"{fileName}:{lineNo}: {error}");
                seedKey = line[(space + 1)..];
            }
            if (!seen.Add(address))
                throw new SeedListException($"{fileName}:{lineNo}: seed {address} is listed twice");
            seeds.Add(new SeedListEntry(address, seedKey, lineNo));
        }
        if (seeds.Count == 0 && !allowEmpty)
            throw new SeedListException($"{fileName}: no seeds listed (expected lines like 127.0.0.1:5001)");
        return new SeedList(seeds, operatorKey?.Key, operatorKey?.Line ?? 0);
    }

    private const string Header = "# GossipSim seed list: one seed per line, IP:Port or IP,Port, optionally "
        + "followed by the seed's public key\n";

    /// <summary>A list that pins no key: a node learns each seed's key on first use, and says so in a warning.</summary>
    public static string Format(IEnumerable<NodeAddress> seeds) => Header + string.Concat(seeds.Select(s => s + "\n"));

    /// <summary>A list that pins every seed by its public key (base64), what the launchers write: only the holder of that key speaks or
    /// votes as that seed.</summary>
    /// <param name="operatorKey">The operator's public key (base64), whose signature a change of the seed set needs; null: none.</param>
    public static string Format(IEnumerable<(NodeAddress Seed, string PublicKey)> keyed, string? operatorKey = null) =>
        Header + (operatorKey != null ? $"{OperatorWord} {operatorKey}\n" : "") + string.Concat(keyed.Select(p => $"{p.Seed} {p.PublicKey}\n"));
}

/// <summary>A seed list: its seeds, and the operator's public key it pins (base64, unchecked here; null: none) with its line.</summary>
public sealed record SeedList(IReadOnlyList<SeedListEntry> Seeds, string? OperatorKey, int OperatorLine);

/// <summary>One seed of the list: its address, the public key that pins it (base64, unchecked here; null: none), and its line.</summary>
public readonly record struct SeedListEntry(NodeAddress Address, string? Key, int Line);

public sealed class SeedListException(string message) : Exception(message);

using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Security;

/// <summary>
/// The seed keys a node learned on first use (<see cref="KeyBook.LearnSeedsOnFirstUse"/>), kept
/// in its state directory as <c>seed-keys.txt</c>: one line per seed, <c>IP:Port publickey</c>,
/// the seed list's own pinned form, so an operator can copy a line into the seed list to pin it,
/// or delete it when a seed was given a new key. Each binding is appended and fsynced as it is
/// learned: a node that restarts takes no other key for that seed.
/// </summary>
public sealed class LearnedSeedKeys
{
    public const string FileName = "seed-keys.txt";
    private readonly object _gate = new();

    public LearnedSeedKeys(string stateDir) => Path = System.IO.Path.Combine(stateDir, FileName);

    public string Path { get; }

    /// <summary>The bindings kept so far; none when the file does not exist. A line that does not read is an error naming the file and the
    /// line.</summary>
    public IReadOnlyDictionary<NodeAddress, NodeKey> Load()
    {
        var keys = new Dictionary<NodeAddress, NodeKey>();
        if (!File.Exists(Path)) return keys;
        IReadOnlyList<SeedListEntry> entries;
        try
        {
            entries = SeedListFile.ParseEntries(File.ReadAllLines(Path), Path, allowEmpty: true);
        }
        catch (SeedListException e)
        {
            throw new NodeKeyException($"{e.Message} (the seed keys this node learned on first use; fix or delete the line)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeKeyException($"cannot read {Path}: {e.Message}");
        }
        foreach (var entry in entries)
        {
            if (entry.Key == null)
                throw new NodeKeyException($"{Path}:{entry.Line}: seed {entry.Address} has no key (expected '<ip>:<port> <public key>')");
            keys[entry.Address] = NodeIdentity.ParsePublic(entry.Key, $"{Path}:{entry.Line}");
        }
        return keys;
    }

    /// <summary>Appends one binding and makes it durable; a binding that replaces one kept before (a peer's, when a majority of seeds
    /// vouched for another key) rewrites the file without the old line. Called from socket threads; an I/O error is the caller's to
    /// report (the binding still holds in memory).</summary>
    public void Append(NodeAddress seed, NodeKey key)
    {
        lock (_gate)
        {
            if (File.Exists(Path) && Load().ContainsKey(seed))
            {
                string prefix = seed + " ";
                var kept = File.ReadAllLines(Path).Where(l => !l.TrimStart().StartsWith(prefix, StringComparison.Ordinal)).ToList();
                kept.Add($"{seed} {key.ToBase64()}");
                string temporary = Path + ".new";
                using (var rewritten = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    using (var writer = new StreamWriter(rewritten, leaveOpen: true)) writer.Write(string.Join("\n", kept) + "\n");
                    rewritten.Flush(flushToDisk: true);
                }
                File.Move(temporary, Path, overwrite: true);
                return;
            }
            bool header = !File.Exists(Path);
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            using (var writer = new StreamWriter(file, leaveOpen: true))
            {
                if (header)
                    writer.Write("# seed keys learned on first use: copy a line into the seed list to pin it; delete it if that "
                        + "seed was given a new key\n");
                writer.Write($"{seed} {key.ToBase64()}\n");
            }
            file.Flush(flushToDisk: true);
        }
    }
}

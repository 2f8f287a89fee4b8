using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Security;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// What every launcher writes for its seeds: each seed's node key made before it first starts,
/// in the state directory its every life opens (what the node's --state-dir reads), and a seed
/// list that pins each seed by its public key. So from the first connection only the holder of
/// a seed's key speaks or votes for it; a squatter on a crashed seed's port is refused.
/// </summary>
public static class PinnedSeeds
{
    /// <summary>Each seed's public key, made now or loaded from its state directory (a seed started again keeps its key).</summary>
    public static IReadOnlyList<(NodeAddress Seed, NodeKey Key)> Keys(string nodesDir, IReadOnlyList<NodeAddress> seeds) =>
        seeds.Select((address, i) =>
        {
            string keyFile = Path.Combine(RealRunner.NodeDirectory(nodesDir, new NodeRef(NodeRole.Seed, i)),
                "state", NodeIdentity.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
            using var identity = NodeIdentity.LoadOrCreate(keyFile, out _, out _);
            return (address, identity.PublicKey);
        }).ToArray();

    /// <summary>Writes the seed list file, every line pinned.</summary>
    public static void WriteList(string seedFile, string nodesDir, IReadOnlyList<NodeAddress> seeds) =>
        File.WriteAllText(seedFile, SeedListFile.Format(Keys(nodesDir, seeds).Select(p => (p.Seed, p.Key.ToBase64()))));
}

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
/// a seed's key speaks or votes for it; a squatter on a crashed seed's port is refused. The list also pins the run's operator key
/// (made once a run, kept beside the nodes' folders), with which the launcher approves a scenario's seed-set changes (issue 56, 2).
/// </summary>
public static class PinnedSeeds
{
    /// <summary>Each seed's public key, made now or loaded from its state directory (a seed started again keeps its key).</summary>
    public static IReadOnlyList<(NodeAddress Seed, NodeKey Key)> Keys(string nodesDir, IReadOnlyList<NodeAddress> seeds) =>
        seeds.Select((address, i) => (address, KeyOf(nodesDir, NodeRef.Seed(i)))).ToArray();

    /// <summary>Writes the seed list file, every line pinned, and the operator's key.</summary>
    public static void WriteList(string seedFile, string nodesDir, IReadOnlyList<NodeAddress> seeds) =>
        File.WriteAllText(seedFile, SeedListFile.Format(Keys(nodesDir, seeds).Select(p => (p.Seed, p.Key.ToBase64())),
            OperatorKey(nodesDir).ToBase64()));

    /// <summary>The run's operator key file: the launcher signs the scenario's seed-set changes with it.</summary>
    public static string OperatorKeyPath(string nodesDir) => Path.Combine(nodesDir, "operator.key");

    /// <summary>The run's operator public key, made now or loaded.</summary>
    public static NodeKey OperatorKey(string nodesDir)
    {
        using var identity = NodeIdentity.LoadOrCreate(OperatorKeyPath(nodesDir), out _, out _);
        return identity.PublicKey;
    }

    /// <summary>A seed's public key, made before its first start (a seed a change brings in is pinned by the vote).</summary>
    public static NodeKey KeyOf(string nodesDir, NodeRef seed)
    {
        string keyFile = Path.Combine(StateDirectory(nodesDir, seed), NodeIdentity.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        using var identity = NodeIdentity.LoadOrCreate(keyFile, out _, out _);
        return identity.PublicKey;
    }

    /// <summary>Where a seed's every life keeps its state (its key, commit log, seed-set state): its --state-dir.</summary>
    public static string StateDirectory(string nodesDir, NodeRef seed) => Path.Combine(RealRunner.NodeDirectory(nodesDir, seed), "state");
}

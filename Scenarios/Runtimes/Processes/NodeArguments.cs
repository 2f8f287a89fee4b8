using System.Globalization;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// The node command line for a scenario's tunables, shared by every launcher of node processes
/// (loopback, namespace bed), so a scenario means the same run on each. Every tunable of the
/// tables goes on it with the simulator's value, but one the node works out from its own
/// listen address (<see cref="TunableSource.ListenAddress"/>).
/// </summary>
public static class NodeArguments
{
    public static List<string> Common(NodeAddress listen, string seedFile, string outDir, ulong runSeed, string role,
        int index, int parentPid) => new()
    {
        "--listen", listen.ToString(), "--seeds", seedFile, "--out", outDir, "--quiet",
        "--seed", RngStreams.NodeSeed(runSeed, role == "seed" ? NodeRole.Seed : NodeRole.Peer, index).ToString(CultureInfo.InvariantCulture),
        "--parent-pid", parentPid.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>--metrics on the node's listen IP at its scenario port (<see cref="MetricsSettings"/>); none without a metrics
    /// field.</summary>
    public static List<string> Metrics(Scenario s, NodeAddress listen, bool isSeed, int index) =>
        s.Metrics?.PortOf(s.Seeds, isSeed, index) is int port
            ? ["--metrics", new NodeAddress(listen.Ip != 0 ? listen.Ip : (127u << 24) | 1, (ushort)port).ToString()]
            : [];

    public static List<string> Seed(Scenario s) => Options(ScenarioConfig.SeedConfigOf(s), SeedTunables.All);

    public static List<string> Peer(Scenario s, bool originates) =>
        Options(ScenarioConfig.PeerConfigOf(s) with { Originates = originates }, PeerTunables.All);

    private static List<string> Options<TConfig>(TConfig config, IReadOnlyList<Tunable<TConfig>> table)
    {
        var args = new List<string>(2 * table.Count);
        foreach (var t in table)
        {
            if (t.Source == TunableSource.ListenAddress) continue;
            args.Add(t.Option);
            args.Add(t.Format(t.Get(config)));
        }
        return args;
    }
}

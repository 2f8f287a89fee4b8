using System.Globalization;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Real;

/// <summary>
/// The node command line for a scenario's tunables, shared by every launcher of node processes
/// (loopback, namespace bed), so a scenario means the same run on each.
/// </summary>
public static class NodeArguments
{
    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
    private static string Sec(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    public static List<string> Common(NodeAddress listen, string seedFile, string outDir, ulong runSeed, string role, int index, int parentPid) => new()
    {
        "--listen", listen.ToString(), "--seeds", seedFile, "--out", outDir, "--quiet",
        "--seed", ((runSeed * 1_000_003UL) + (ulong)(role == "seed" ? index : 1000 + index)).ToString(CultureInfo.InvariantCulture),
        "--parent-pid", I(parentPid),
    };

    public static List<string> Seed(Scenario s)
    {
        var c = ScenarioConfig.SeedConfigOf(s);
        return new()
        {
            "--probe-timeout", Sec(c.ProbeTimeout), "--proposal-timeout", Sec(c.ProposalTimeout),
            "--anti-entropy-interval", Sec(c.AntiEntropyInterval), "--full-peer-list-max", I(c.FullPeerListMax),
            "--peer-list-sample", I(c.PeerListSampleSize), "--probe-attempts", I(c.ProbeAttempts),
        };
    }

    public static List<string> Peer(Scenario s, bool originates)
    {
        var c = ScenarioConfig.PeerConfigOf(s);
        return new()
        {
            "--links", I(c.LinksPerNewcomer), "--gossip-interval", Sec(c.GossipInterval), "--messages", I(c.MessagesPerPeer),
            "--originates", originates ? "true" : "false", "--ping-interval", Sec(c.PingInterval), "--misses", I(c.MissesBeforeSuspect),
            "--witnesses", I(c.SuspicionWitnesses), "--witness-probe-timeout", Sec(c.WitnessProbeTimeout),
            "--suspicion-query-timeout", Sec(c.SuspicionQueryTimeout), "--neighbour-sample", I(c.NeighbourSampleSize),
            "--register-timeout", Sec(c.RegisterTimeout), "--link-timeout", Sec(c.LinkTimeout),
            "--message-list-ttl", Sec(c.MessageListTtl), "--message-list-capacity", I(c.MessageListCapacity),
            "--reattach", c.ReattachOnLoss ? "true" : "false", "--reattach-retry", Sec(c.ReattachRetry),
            "--witness-probe-attempts", I(c.WitnessProbeAttempts), "--membership-refresh", Sec(c.MembershipRefresh),
        };
    }

    /// <summary>Which peers originate gossip: the same draw as the simulator's.</summary>
    public static bool[] Origins(Scenario s, ulong seed) => Sim.SimRunner.ChooseOrigins(s, seed);
}

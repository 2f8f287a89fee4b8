using System.Globalization;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Netns;

/// <summary>
/// The node command line for a scenario's tunables: the same options the loopback launcher
/// (Real/RealRunner) passes, so a scenario means the same run on either.
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

    /// <summary>Which peers originate gossip: all, or k drawn from the run's stream (the same draw as the other runtimes).</summary>
    public static bool[] Origins(Scenario s, ulong seed)
    {
        int k = ScenarioConfig.OriginsOf(s);
        var result = new bool[s.Peers];
        if (k < 0) { Array.Fill(result, true); return result; }
        var rng = Rng.ForStream(seed, ulong.MaxValue - 2, 0x4F524947);
        var order = Enumerable.Range(0, s.Peers).ToArray();
        rng.Shuffle(order.AsSpan());
        foreach (int i in order.Take(k)) result[i] = true;
        return result;
    }
}

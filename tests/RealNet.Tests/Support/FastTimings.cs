using GossipSim.Engine.Config;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Support;

/// <summary>
/// Short protocol timings for whole-network tests: gossip and ping every 0.5 s, 3 misses. The
/// witness and seed probes get 2 s, so a live node must be unresponsive for over 5 s (not just
/// a GC pause on a busy box) before it could be removed.
/// </summary>
public static class FastTimings
{
    public static readonly SeedConfig Seed = new()
    {
        ProbeTimeout = TimeSpan.FromSeconds(2),
        ProposalTimeout = TimeSpan.FromSeconds(5),
        AntiEntropyInterval = TimeSpan.FromSeconds(1),
    };

    public static readonly PeerConfig Peer = new()
    {
        GossipInterval = TimeSpan.FromSeconds(0.5),
        MessagesPerPeer = 20,
        MessageIncludesPort = true, // every peer is on 127.0.0.1
        PingInterval = TimeSpan.FromSeconds(0.5),
        MissesBeforeSuspect = 3,
        WitnessProbeTimeout = TimeSpan.FromSeconds(2),
        SuspicionQueryTimeout = TimeSpan.FromSeconds(4),
        RegisterTimeout = TimeSpan.FromSeconds(2),
        LinkTimeout = TimeSpan.FromSeconds(2),
        ReattachRetry = TimeSpan.FromSeconds(1),
    };

    /// <summary>The same settings as command-line options of the node executable.</summary>
    public static readonly string[] SeedArgs =
        ["--probe-timeout", "2", "--proposal-timeout", "5", "--anti-entropy-interval", "1"];

    public static readonly string[] PeerArgs =
        ["--gossip-interval", "0.5", "--messages", "20", "--ping-interval", "0.5", "--misses", "3", "--witness-probe-timeout", "2",
         "--suspicion-query-timeout", "4", "--register-timeout", "2", "--link-timeout", "2", "--reattach-retry", "1"];
}

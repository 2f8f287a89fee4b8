using static GossipSim.Engine.Config.Tunable<GossipSim.Engine.Config.PeerConfig>;

namespace GossipSim.Engine.Config;

/// <summary>Every <see cref="PeerConfig"/> tunable, once: scenario name, node option, unit, range, help (see <see cref="Tunable"/>).</summary>
public static class PeerTunables
{
    public static readonly IReadOnlyList<Tunable<PeerConfig>> All =
    [
        Count(nameof(PeerConfig.LinksPerNewcomer), "peerSettings.linksPerNewcomer", "--links", 1, "R8: links a newcomer makes by preferential attachment",
            c => c.LinksPerNewcomer, (c, v) => c with { LinksPerNewcomer = v }),
        Seconds(nameof(PeerConfig.GossipInterval), "gossip.intervalSeconds", "--gossip-interval", "R9: a peer creates a gossip message this often",
            c => c.GossipInterval, (c, v) => c with { GossipInterval = v }),
        Count(nameof(PeerConfig.MessagesPerPeer), "gossip.messagesPerPeer", "--messages", 0, "R9: messages each peer creates; the same for every peer, as a peer drops gossip numbered above its own setting",
            c => c.MessagesPerPeer, (c, v) => c with { MessagesPerPeer = v }),
        Flag(nameof(PeerConfig.Originates), "node.originates", "--originates", "Whether this peer creates gossip at all",
            c => c.Originates, (c, v) => c with { Originates = v }, TunableSource.Launcher),
        Flag(nameof(PeerConfig.MessageIncludesPort), "node.messageIncludesPort", "--message-includes-port", "R9: put the port in the message text",
            c => c.MessageIncludesPort, (c, v) => c with { MessageIncludesPort = v },
            TunableSource.ListenAddress, "true when listening on a loopback address, where peers share the IP"),
        Seconds(nameof(PeerConfig.PingInterval), "peerSettings.pingIntervalSeconds", "--ping-interval", "R11: each neighbour is pinged this often",
            c => c.PingInterval, (c, v) => c with { PingInterval = v }),
        Count(nameof(PeerConfig.MissesBeforeSuspect), "peerSettings.missesBeforeSuspect", "--misses", 1, "R11: consecutive unanswered pings before a neighbour is suspected",
            c => c.MissesBeforeSuspect, (c, v) => c with { MissesBeforeSuspect = v }),
        Count(nameof(PeerConfig.SuspicionWitnesses), "peerSettings.suspicionWitnesses", "--witnesses", 1, "R11: at most this many of the suspect's other neighbours are asked",
            c => c.SuspicionWitnesses, (c, v) => c with { SuspicionWitnesses = v }),
        Seconds(nameof(PeerConfig.WitnessProbeTimeout), "peerSettings.witnessProbeTimeoutSeconds", "--witness-probe-timeout", "How long a witness waits for the suspect's pong",
            c => c.WitnessProbeTimeout, (c, v) => c with { WitnessProbeTimeout = v }),
        Count(nameof(PeerConfig.WitnessProbeAttempts), "peerSettings.witnessProbeAttempts", "--witness-probe-attempts", 1, "Pings a witness sends to the suspect, spread over --witness-probe-timeout",
            c => c.WitnessProbeAttempts, (c, v) => c with { WitnessProbeAttempts = v }),
        Seconds(nameof(PeerConfig.SuspicionQueryTimeout), "peerSettings.suspicionQueryTimeoutSeconds", "--suspicion-query-timeout", "How long the suspecting peer waits for witnesses (longer than --witness-probe-timeout)",
            c => c.SuspicionQueryTimeout, (c, v) => c with { SuspicionQueryTimeout = v }, nameof(PeerConfig.WitnessProbeTimeout)),
        Count(nameof(PeerConfig.NeighbourSampleSize), "peerSettings.neighbourSampleSize", "--neighbour-sample", 0, "Neighbours a pong carries (whom to ask on suspicion)",
            c => c.NeighbourSampleSize, (c, v) => c with { NeighbourSampleSize = v }),
        Count(nameof(PeerConfig.MaxNeighbours), "peerSettings.maxNeighbours", "--max-neighbours", 1, "Links this peer accepts at most; further link requests are refused",
            c => c.MaxNeighbours, (c, v) => c with { MaxNeighbours = v }),
        Seconds(nameof(PeerConfig.RegisterTimeout), "peerSettings.registerTimeoutSeconds", "--register-timeout", "Registration round timeout before asking other seeds",
            c => c.RegisterTimeout, (c, v) => c with { RegisterTimeout = v }),
        Seconds(nameof(PeerConfig.LinkTimeout), "peerSettings.linkTimeoutSeconds", "--link-timeout", "An unanswered link request is given up after this",
            c => c.LinkTimeout, (c, v) => c with { LinkTimeout = v }),
        Seconds(nameof(PeerConfig.MessageListTtl), "peerSettings.messageListTtlSeconds", "--message-list-ttl", "R10: Message List entries older than this are forgotten",
            c => c.MessageListTtl, (c, v) => c with { MessageListTtl = v }),
        Count(nameof(PeerConfig.MessageListCapacity), "peerSettings.messageListCapacity", "--message-list-capacity", 16, "R10: hard cap on Message List entries",
            c => c.MessageListCapacity, (c, v) => c with { MessageListCapacity = v }),
        Flag(nameof(PeerConfig.ReattachOnLoss), "peerSettings.reattachOnLoss", "--reattach", "Replace a neighbour lost to a removal by a new link",
            c => c.ReattachOnLoss, (c, v) => c with { ReattachOnLoss = v }),
        Seconds(nameof(PeerConfig.ReattachRetry), "peerSettings.reattachRetrySeconds", "--reattach-retry", "Wait before asking the seeds again when re-attachment found nobody",
            c => c.ReattachRetry, (c, v) => c with { ReattachRetry = v }),
        Seconds(nameof(PeerConfig.ReattachRetryMax), "peerSettings.reattachRetryMaxSeconds", "--reattach-retry-max",
            "Each peer list in a row that brings nobody new to link to doubles the wait before the next, up to this (at or below --reattach-retry: no backoff)",
            c => c.ReattachRetryMax, (c, v) => c with { ReattachRetryMax = v }),
        Seconds(nameof(PeerConfig.MembershipRefresh), "peerSettings.membershipRefreshSeconds", "--membership-refresh",
            "A registered peer re-states its degree to a seed this often; a seed that removed it, or does not list it, says so, and the peer rejoins (once a majority does not list it)",
            c => c.MembershipRefresh, (c, v) => c with { MembershipRefresh = v }),
    ];
}

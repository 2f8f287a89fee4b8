using static GossipSim.Engine.Config.Tunable<GossipSim.Engine.Config.PeerConfig>;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Config;

/// <summary>Every <see cref="PeerConfig"/> tunable, once: scenario name, node option, unit, range, help (see
/// <see cref="Tunable"/>).</summary>
public static class PeerTunables
{
    /// <summary>Every tunable: the engine's own, then the settings of roles a host registered (<see cref="RoleSetting"/>).</summary>
    public static IReadOnlyList<Tunable<PeerConfig>> All => s_all;

    // The menus' names and the registered roles' settings: written only while a host registers its roles at start-up
    // (Peer/BroadcastMenu.Register, Peer/FailureDetectorMenu.Register), before any run; read after.
    private static readonly List<string> s_broadcastNames = [.. TunableChoice.NamesOf<BroadcastProtocol>()];
    private static readonly List<string> s_detectorNames = [.. TunableChoice.NamesOf<FailureDetector>()];
    private static readonly List<string> s_overlayNames = [.. TunableChoice.NamesOf<Overlay>()];
    private static readonly List<(Tunable<PeerConfig> Tunable, double Default)> s_roleSettings = [];
    private static Tunable<PeerConfig>[] s_all = [.. BuiltIn()];
    private static readonly object s_lock = new();

    /// <summary>The names of the broadcasts on the menu, the engine's first.</summary>
    public static IReadOnlyList<string> BroadcastNames => s_broadcastNames;

    /// <summary>The names of the failure detectors on the menu, the engine's first.</summary>
    public static IReadOnlyList<string> DetectorNames => s_detectorNames;

    /// <summary>The names of the overlays on the menu, the engine's first.</summary>
    public static IReadOnlyList<string> OverlayNames => s_overlayNames;

    /// <summary>A registered role's setting: a number in the scenario's "protocol" section (<paramref name="field"/>) and a node
    /// option (<paramref name="option"/>), at least <paramref name="min"/>, <paramref name="defaultValue"/> when not given; read
    /// with <see cref="PeerConfig.Setting"/>. <paramref name="whole"/>: a count, not seconds.</summary>
    public static (Tunable<PeerConfig> Tunable, double Default) RoleSetting(string field, string option, double defaultValue, double min,
        bool whole, string help)
    {
        var t = whole
            ? Tunable<PeerConfig>.Count(field, "protocol." + field, option, (int)min, help,
                c => (int)c.Setting(field), (c, v) => c with { Settings = c.Settings.With(field, v) })
            : Tunable<PeerConfig>.Seconds(field, "protocol." + field, option, help,
                c => TimeSpan.FromSeconds(c.Setting(field)), (c, v) => c with { Settings = c.Settings.With(field, v.TotalSeconds) });
        return (t, defaultValue);
    }

    /// <summary>The default of registered setting <paramref name="field"/>.</summary>
    public static double DefaultOf(string field)
    {
        foreach (var (t, d) in s_roleSettings) if (t.Field == field) return d;
        throw new ArgumentException($"no role registered a setting \"{field}\"");
    }

    /// <summary>Adds a broadcast's name and its settings (Peer/BroadcastMenu.Register, which checks them first); returns its position.</summary>
    internal static int AddBroadcast(string name, IReadOnlyList<(Tunable<PeerConfig> Tunable, double Default)> settings) =>
        AddRole(s_broadcastNames, name, settings);

    /// <summary>Adds a failure detector's name and its settings (Peer/FailureDetectorMenu.Register, which checks them first); returns
    /// its position.</summary>
    internal static int AddDetector(string name, IReadOnlyList<(Tunable<PeerConfig> Tunable, double Default)> settings) =>
        AddRole(s_detectorNames, name, settings);

    /// <summary>Adds an overlay's name and its settings (Peer/OverlayMenu.Register, which checks them first); returns its position.</summary>
    internal static int AddOverlay(string name, IReadOnlyList<(Tunable<PeerConfig> Tunable, double Default)> settings) =>
        AddRole(s_overlayNames, name, settings);

    private static int AddRole(List<string> names, string name, IReadOnlyList<(Tunable<PeerConfig> Tunable, double Default)> settings)
    {
        lock (s_lock)
        {
            names.Add(name);
            s_roleSettings.AddRange(settings);
            s_all = [.. BuiltIn(), .. s_roleSettings.Select(s => s.Tunable)];
            return names.Count - 1;
        }
    }

    private static IEnumerable<Tunable<PeerConfig>> BuiltIn() =>
    [
        Count(nameof(PeerConfig.LinksPerNewcomer), "peerSettings.linksPerNewcomer", "--links", 1,
            "R8: links a newcomer makes by preferential attachment",
            c => c.LinksPerNewcomer, (c, v) => c with { LinksPerNewcomer = v }),
        Seconds(nameof(PeerConfig.GossipInterval), "gossip.intervalSeconds", "--gossip-interval",
            "R9: a peer creates a gossip message this often",
            c => c.GossipInterval, (c, v) => c with { GossipInterval = v }),
        Count(nameof(PeerConfig.MessagesPerPeer), "gossip.messagesPerPeer", "--messages", 0,
            "R9: messages each peer creates; the same for every peer, as a peer drops gossip numbered above its own setting",
            c => c.MessagesPerPeer, (c, v) => c with { MessagesPerPeer = v }),
        Flag(nameof(PeerConfig.Originates), "node.originates", "--originates", "Whether this peer creates gossip at all",
            c => c.Originates, (c, v) => c with { Originates = v }, TunableSource.Launcher),
        Flag(nameof(PeerConfig.MessageIncludesPort), "node.messageIncludesPort", "--message-includes-port",
            "R9: put the port in the message text",
            c => c.MessageIncludesPort, (c, v) => c with { MessageIncludesPort = v },
            TunableSource.ListenAddress, "true when listening on a loopback address, where peers share the IP"),
        Seconds(nameof(PeerConfig.PingInterval), "peerSettings.pingIntervalSeconds", "--ping-interval",
            "R11: each neighbour is pinged this often",
            c => c.PingInterval, (c, v) => c with { PingInterval = v }),
        Count(nameof(PeerConfig.MissesBeforeSuspect), "peerSettings.missesBeforeSuspect", "--misses", 1,
            "R11: consecutive unanswered pings before a neighbour is suspected",
            c => c.MissesBeforeSuspect, (c, v) => c with { MissesBeforeSuspect = v }),
        Count(nameof(PeerConfig.SuspicionWitnesses), "peerSettings.suspicionWitnesses", "--witnesses", 1,
            "R11: at most this many of the suspect's other neighbours are asked",
            c => c.SuspicionWitnesses, (c, v) => c with { SuspicionWitnesses = v }),
        Seconds(nameof(PeerConfig.WitnessProbeTimeout), "peerSettings.witnessProbeTimeoutSeconds", "--witness-probe-timeout",
            "How long a witness waits for the suspect's pong",
            c => c.WitnessProbeTimeout, (c, v) => c with { WitnessProbeTimeout = v }),
        Count(nameof(PeerConfig.WitnessProbeAttempts), "peerSettings.witnessProbeAttempts", "--witness-probe-attempts", 1,
            "Pings a witness sends to the suspect, spread over --witness-probe-timeout",
            c => c.WitnessProbeAttempts, (c, v) => c with { WitnessProbeAttempts = v }),
        Seconds(nameof(PeerConfig.SuspicionQueryTimeout), "peerSettings.suspicionQueryTimeoutSeconds", "--suspicion-query-timeout",
            "How long the suspecting peer waits for witnesses (longer than --witness-probe-timeout)",
            c => c.SuspicionQueryTimeout, (c, v) => c with { SuspicionQueryTimeout = v }, nameof(PeerConfig.WitnessProbeTimeout)),
        Count(nameof(PeerConfig.NeighbourSampleSize), "peerSettings.neighbourSampleSize", "--neighbour-sample", 0,
            "Neighbours a pong carries (whom to ask on suspicion)",
            c => c.NeighbourSampleSize, (c, v) => c with { NeighbourSampleSize = v }),
        Count(nameof(PeerConfig.MaxNeighbours), "peerSettings.maxNeighbours", "--max-neighbours", 1,
            "Links this peer accepts at most; further link requests are refused",
            c => c.MaxNeighbours, (c, v) => c with { MaxNeighbours = v }),
        Seconds(nameof(PeerConfig.RegisterTimeout), "peerSettings.registerTimeoutSeconds", "--register-timeout",
            "Registration round timeout before asking other seeds",
            c => c.RegisterTimeout, (c, v) => c with { RegisterTimeout = v }),
        Seconds(nameof(PeerConfig.LinkTimeout), "peerSettings.linkTimeoutSeconds", "--link-timeout",
            "An unanswered link request is given up after this",
            c => c.LinkTimeout, (c, v) => c with { LinkTimeout = v }),
        Seconds(nameof(PeerConfig.MessageListTtl), "peerSettings.messageListTtlSeconds", "--message-list-ttl",
            "R10: Message List entries older than this are forgotten",
            c => c.MessageListTtl, (c, v) => c with { MessageListTtl = v }),
        Count(nameof(PeerConfig.MessageListCapacity), "peerSettings.messageListCapacity", "--message-list-capacity", 16,
            "R10: hard cap on Message List entries",
            c => c.MessageListCapacity, (c, v) => c with { MessageListCapacity = v }),
        Count(nameof(PeerConfig.MessageListExpected), "peerSettings.messageListExpected", "--message-list-expected", 0,
            "R10: messages a Message List is expected to hold at once: its ring starts that large (up to 1,024) rather than growing "
            + "step by step; 0: not known (a scenario derives it from its gossip schedule: origins times messages, within the time to live)",
            c => c.MessageListExpected, (c, v) => c with { MessageListExpected = v }),
        Flag(nameof(PeerConfig.ReattachOnLoss), "peerSettings.reattachOnLoss", "--reattach",
            "Replace a neighbour lost to a removal by a new link",
            c => c.ReattachOnLoss, (c, v) => c with { ReattachOnLoss = v }),
        Seconds(nameof(PeerConfig.ReattachRetry), "peerSettings.reattachRetrySeconds", "--reattach-retry",
            "Wait before asking the seeds again when re-attachment found nobody",
            c => c.ReattachRetry, (c, v) => c with { ReattachRetry = v }),
        Seconds(nameof(PeerConfig.ReattachRetryMax), "peerSettings.reattachRetryMaxSeconds", "--reattach-retry-max",
            "Each peer list in a row that brings nobody new to link to doubles the wait before the next, up to this (at or below "
                + "--reattach-retry: no backoff)",
            c => c.ReattachRetryMax, (c, v) => c with { ReattachRetryMax = v }),
        Seconds(nameof(PeerConfig.MembershipRefresh), "peerSettings.membershipRefreshSeconds", "--membership-refresh",
            "A registered peer re-states its degree to a seed this often; a seed that removed it, or does not list it, says so, and the "
                + "peer rejoins (once a majority does not list it)",
            c => c.MembershipRefresh, (c, v) => c with { MembershipRefresh = v }),
        Choice<BroadcastProtocol>(nameof(PeerConfig.Broadcast), "protocol.broadcast", "--broadcast",
            "How gossip spreads: flood (R10, every neighbour but the sender), plumtree (an epidemic broadcast tree: the message on "
                + "tree links, IHAVE on the others), or a broadcast the host registered",
            c => c.Broadcast, (c, v) => c with { Broadcast = v }, () => s_broadcastNames),
        Seconds(nameof(PeerConfig.GraftTimeout), "protocol.graftTimeoutSeconds", "--graft-timeout",
            "Plumtree: a message announced by IHAVE and still missing after this is asked for (GRAFT) from its first announcer",
            c => c.GraftTimeout, (c, v) => c with { GraftTimeout = v }),
        Seconds(nameof(PeerConfig.IhaveDispatch), "protocol.ihaveDispatchSeconds", "--ihave-dispatch",
            "Plumtree: announcements wait this long in the peer's lazy queue, and those for one neighbour go in one IHAVE",
            c => c.IhaveDispatch, (c, v) => c with { IhaveDispatch = v }),
        Seconds(nameof(PeerConfig.GraftRetry), "protocol.graftRetrySeconds", "--graft-retry",
            "Plumtree: still missing this long after a GRAFT, the message is asked for from the next announcer",
            c => c.GraftRetry, (c, v) => c with { GraftRetry = v }),
        Seconds(nameof(PeerConfig.PayloadRetention), "protocol.payloadRetentionSeconds", "--payload-retention",
            "Plumtree: a received message is kept this long after its creation to answer a GRAFT",
            c => c.PayloadRetention, (c, v) => c with { PayloadRetention = v }),
        Count(nameof(PeerConfig.PlumtreeMaxAnnouncers), "protocol.plumtreeMaxAnnouncers", "--plumtree-max-announcers", 1,
            "Plumtree: announcers of one missing message noted at most, each asked once in turn; more are not noted",
            c => c.PlumtreeMaxAnnouncers, (c, v) => c with { PlumtreeMaxAnnouncers = v }),
        Choice<FailureDetector>(nameof(PeerConfig.FailureDetector), "protocol.failureDetector", "--failure-detector",
            "How a dead neighbour is found: classic (R11: every neighbour pinged each interval, witnesses asked after a few misses), "
                + "swim (one neighbour probed a period, k peers asked to probe it, suspected, then reported after Lifeguard's timeout), "
                + "or a failure detector the host registered",
            c => c.FailureDetector, (c, v) => c with { FailureDetector = v }, () => s_detectorNames),
        Seconds(nameof(PeerConfig.SwimPeriod), "protocol.swimPeriodSeconds", "--swim-period",
            "SWIM: the protocol period: one neighbour probed in each (longer than --swim-probe-timeout)",
            c => c.SwimPeriod, (c, v) => c with { SwimPeriod = v }, nameof(PeerConfig.SwimProbeTimeout)),
        Seconds(nameof(PeerConfig.SwimProbeTimeout), "protocol.swimProbeTimeoutSeconds", "--swim-probe-timeout",
            "SWIM: a probe unanswered this long after is tried through --swim-indirect-probes other peers",
            c => c.SwimProbeTimeout, (c, v) => c with { SwimProbeTimeout = v }),
        Count(nameof(PeerConfig.SwimIndirectProbes), "protocol.swimIndirectProbes", "--swim-indirect-probes", 0,
            "SWIM: peers asked to probe an unanswered target (of its other neighbours)",
            c => c.SwimIndirectProbes, (c, v) => c with { SwimIndirectProbes = v }),
        Seconds(nameof(PeerConfig.SwimSuspicionMin), "protocol.swimSuspicionMinSeconds", "--swim-suspicion-min",
            "SWIM (Lifeguard): a suspect every asked peer confirmed is reported after this",
            c => c.SwimSuspicionMin, (c, v) => c with { SwimSuspicionMin = v }),
        Seconds(nameof(PeerConfig.SwimSuspicionMax), "protocol.swimSuspicionMaxSeconds", "--swim-suspicion-max",
            "SWIM (Lifeguard): a suspect nobody confirmed is reported after this; each confirmation shortens the wait toward "
                + "--swim-suspicion-min (longer than that)",
            c => c.SwimSuspicionMax, (c, v) => c with { SwimSuspicionMax = v }, nameof(PeerConfig.SwimSuspicionMin)),
        Choice<Overlay>(nameof(PeerConfig.Overlay), "protocol.overlay", "--overlay",
            "How links are made: seed-pa (R8: preferential attachment from the seeds' lists), hyparview (active and passive views: "
                + "JOIN through one contact, FORWARDJOIN walks, SHUFFLE, a lost link replaced from the passive view), or an overlay the "
                + "host registered",
            c => c.Overlay, (c, v) => c with { Overlay = v }, () => s_overlayNames),
        Count(nameof(PeerConfig.HyParViewActiveSize), "protocol.hyparviewActiveSize", "--hyparview-active", 2,
            "HyParView: links kept at most (the active view); more drops a random one to the passive view",
            c => c.HyParViewActiveSize, (c, v) => c with { HyParViewActiveSize = v }),
        Count(nameof(PeerConfig.HyParViewOwnLinks), "protocol.hyparviewOwnLinks", "--hyparview-own-links", 0,
            "HyParView: active-view seats kept for links this peer asked for itself; links on another's word (JOIN, NEIGHBOR, "
                + "FORWARDJOIN's end) hold the rest at most and only they make room for another's request (the paper's rule: 0)",
            c => c.HyParViewOwnLinks, (c, v) => c with { HyParViewOwnLinks = v }),
        Count(nameof(PeerConfig.HyParViewWalksPerSource), "protocol.hyparviewWalksPerSource", "--hyparview-walks-per-source", 1,
            "HyParView: JOINs, FORWARDJOINs and SHUFFLEs taken from one sender per shuffle interval; more are dropped",
            c => c.HyParViewWalksPerSource, (c, v) => c with { HyParViewWalksPerSource = v }),
        Count(nameof(PeerConfig.HyParViewPassiveSize), "protocol.hyparviewPassiveSize", "--hyparview-passive", 1,
            "HyParView: peers known but not linked, from which lost links are replaced (the passive view)",
            c => c.HyParViewPassiveSize, (c, v) => c with { HyParViewPassiveSize = v }),
        Count(nameof(PeerConfig.HyParViewActiveWalk), "protocol.hyparviewActiveWalk", "--hyparview-active-walk", 1,
            "HyParView: steps of a FORWARDJOIN's and a SHUFFLE's random walk (ARWL)",
            c => c.HyParViewActiveWalk, (c, v) => c with { HyParViewActiveWalk = v }),
        Count(nameof(PeerConfig.HyParViewPassiveWalk), "protocol.hyparviewPassiveWalk", "--hyparview-passive-walk", 0,
            "HyParView: a FORWARDJOIN with this many steps left puts the newcomer in the passive view (PRWL)",
            c => c.HyParViewPassiveWalk, (c, v) => c with { HyParViewPassiveWalk = v }),
        Seconds(nameof(PeerConfig.HyParViewShuffleInterval), "protocol.hyparviewShuffleSeconds", "--hyparview-shuffle",
            "HyParView: a SHUFFLE is started this often, and a peer with room in its active view asks a passive peer to link",
            c => c.HyParViewShuffleInterval, (c, v) => c with { HyParViewShuffleInterval = v }),
        Count(nameof(PeerConfig.HyParViewShuffleActive), "protocol.hyparviewShuffleActive", "--hyparview-shuffle-active", 0,
            "HyParView: active-view entries a SHUFFLE carries (ka)",
            c => c.HyParViewShuffleActive, (c, v) => c with { HyParViewShuffleActive = v }),
        Count(nameof(PeerConfig.HyParViewShufflePassive), "protocol.hyparviewShufflePassive", "--hyparview-shuffle-passive", 0,
            "HyParView: passive-view entries a SHUFFLE carries (kp)",
            c => c.HyParViewShufflePassive, (c, v) => c with { HyParViewShufflePassive = v }),
    ];
}

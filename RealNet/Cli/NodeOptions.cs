using GossipSim.Engine.Config;
using static GossipSim.RealNet.Cli.CliOptions;

namespace GossipSim.RealNet.Cli;

/// <summary>Options every node has: where it listens, its seed list, its output, its randomness, the transport's bounds.</summary>
internal sealed class CommonOptions
{
    private static readonly Transport.TcpTransportOptions TransportDefaults = new();

    public readonly CliOption<string?> Listen = Text("--listen", "ip:port", "an IPv4 address and port (IP:Port)",
        "IPv4 address and port to listen on, e.g. 127.0.0.1:5001; port 0 lets the OS pick (printed as 'LISTENING ip:port')", required: true);

    public readonly CliOption<string?> Seeds = Text("--seeds", "file", "the seed list file",
        "Seed list file: one seed per line, IP:Port or IP,Port; blank lines and # comments allowed", required: true);

    public readonly CliOption<double> SeedsWait = Seconds("--seeds-wait", TimeSpan.Zero,
        "Wait up to this long for the seed list file to appear (a launcher writes it once the seeds' ports are known)", allowZero: true);

    public readonly CliOption<string?> Out = Text("--out", "dir", "a directory",
        "Output directory: trace.jsonl, status.json and the node's log <role>-<ip>_<port>.txt", defaultText: "out/<role>-<ip>_<port>");

    public readonly CliOption<ulong?> RandomSeed = UInt64("--seed", "Seed of the node's random stream (the seed used is logged)", "from the clock");

    public readonly CliOption<long?> Incarnation = Int64("--incarnation", "The node's incarnation (a seed's epoch)", "Unix time in milliseconds at start");

    public readonly CliOption<int?> ParentPid = ProcessId("--parent-pid",
        "Stop cleanly when the process with this id (a launcher) is gone, so a crashed launcher leaves no nodes behind", "none");

    public readonly CliOption<bool> Quiet = Flag("--quiet", false, "Do not echo the node's log to the console (the log file is still written)");

    public readonly CliOption<double> StatusInterval = Seconds("--status-interval", TimeSpan.FromSeconds(1), "How often <out>/status.json is rewritten");

    public readonly CliOption<int> MaxFrameBytes = Count("--max-frame-bytes", TransportDefaults.MaxFrameBytes, "Largest frame payload accepted or sent, in bytes", 64);
    public readonly CliOption<double> ConnectTimeout = Seconds("--connect-timeout", TransportDefaults.ConnectTimeout, "Connect timeout, and the deadline for an incoming connection's hello (with a cluster key: the whole handshake)");
    public readonly CliOption<double> FrameTimeout = Seconds("--frame-timeout", TransportDefaults.FrameTimeout,
        "Once a frame has started to arrive, all of it must arrive within this; a frame being sent must be taken within it too");
    public readonly CliOption<int> MaxConnections = Count("--max-connections", TransportDefaults.MaxConnections,
        "Open incoming connections; at the limit the oldest one still waiting for its hello is closed, or else the new one", 1);
    public readonly CliOption<bool> CheckHelloIp = Flag("--check-hello-ip", TransportDefaults.CheckHelloIp,
        "Refuse a connection whose hello names an IP other than the one it comes from (true/false; turn off only behind a NAT)");
    public readonly CliOption<string?> ClusterKey = Text("--cluster-key", "file|env:NAME", "a key file or env:NAME",
        "Authenticate and encrypt all traffic with this cluster key: a key file written by 'keygen', or env:NAME to read it (base64) " +
        "from an environment variable. Every node of the cluster needs the same key; nodes without it cannot connect", defaultText: "off (plaintext)");
    public readonly CliOption<double> IdleTimeout = Seconds("--idle-timeout", TransportDefaults.IdleTimeout, "Close a connection idle this long; 0 = never", allowZero: true);
    public readonly CliOption<double> DrainTimeout = Seconds("--drain-timeout", TransportDefaults.DrainTimeout, "On a clean stop, time given to queued messages (goodbyes) to leave", allowZero: true);

    public void AddTo(CliCommand command)
    {
        foreach (var o in new CliOption[] { Listen, Seeds, SeedsWait, Out, RandomSeed, Incarnation, ParentPid, Quiet, StatusInterval, MaxFrameBytes, ConnectTimeout,
                     FrameTimeout, IdleTimeout, DrainTimeout, MaxConnections, CheckHelloIp, ClusterKey })
            command.Options.Add(o);
    }

    /// <summary>The transport's settings; the cluster key is loaded separately (it reads a file), see <see cref="NodeRunner"/>.</summary>
    public Transport.TcpTransportOptions Transport(CliParseResult r) => TransportDefaults with
    {
        MaxFrameBytes = r.GetValue(MaxFrameBytes),
        ConnectTimeout = Get(r, ConnectTimeout),
        FrameTimeout = Get(r, FrameTimeout),
        IdleTimeout = Get(r, IdleTimeout),
        DrainTimeout = Get(r, DrainTimeout),
        MaxConnections = r.GetValue(MaxConnections),
        CheckHelloIp = r.GetValue(CheckHelloIp),
    };
}

/// <summary>Every <see cref="PeerConfig"/> tunable as an option, with the classic defaults.</summary>
internal sealed class PeerOptions
{
    private static readonly PeerConfig D = new();

    public readonly CliOption<int> Links = Count("--links", D.LinksPerNewcomer, "R8: links a newcomer makes by preferential attachment", 1);
    public readonly CliOption<double> GossipInterval = Seconds("--gossip-interval", D.GossipInterval, "R9: a gossip message is created this often once linked");
    public readonly CliOption<int> Messages = Count("--messages", D.MessagesPerPeer, "R9: messages this peer creates", 0);
    public readonly CliOption<bool> Originates = Flag("--originates", D.Originates, "Whether this peer creates gossip at all (true/false)");
    public readonly CliOption<bool?> IncludePort = OptionalFlag("--message-includes-port", "R9: put the port in the message text (true/false)",
        "true when listening on a loopback address, where peers share the IP");
    public readonly CliOption<double> PingInterval = Seconds("--ping-interval", D.PingInterval, "R11: each neighbour is pinged this often");
    public readonly CliOption<int> Misses = Count("--misses", D.MissesBeforeSuspect, "R11: consecutive unanswered pings before a neighbour is suspected", 1);
    public readonly CliOption<int> Witnesses = Count("--witnesses", D.SuspicionWitnesses, "R11: at most this many of the suspect's other neighbours are asked", 1);
    public readonly CliOption<double> WitnessProbeTimeout = Seconds("--witness-probe-timeout", D.WitnessProbeTimeout, "How long a witness waits for the suspect's pong");
    public readonly CliOption<int> WitnessProbeAttempts = Count("--witness-probe-attempts", D.WitnessProbeAttempts, "Pings a witness sends to the suspect, spread over --witness-probe-timeout", 1);
    public readonly CliOption<double> SuspicionQueryTimeout = Seconds("--suspicion-query-timeout", D.SuspicionQueryTimeout, "How long the suspecting peer waits for witnesses (longer than --witness-probe-timeout)");
    public readonly CliOption<int> NeighbourSample = Count("--neighbour-sample", D.NeighbourSampleSize, "Neighbours a pong carries (whom to ask on suspicion)", 0);
    public readonly CliOption<double> RegisterTimeout = Seconds("--register-timeout", D.RegisterTimeout, "Registration round timeout before asking other seeds");
    public readonly CliOption<double> LinkTimeout = Seconds("--link-timeout", D.LinkTimeout, "An unanswered link request is given up after this");
    public readonly CliOption<double> MessageListTtl = Seconds("--message-list-ttl", D.MessageListTtl, "R10: Message List entries older than this are forgotten");
    public readonly CliOption<int> MessageListCapacity = Count("--message-list-capacity", D.MessageListCapacity, "R10: hard cap on Message List entries", 16);
    public readonly CliOption<bool> Reattach = Flag("--reattach", D.ReattachOnLoss, "Replace a neighbour lost to a removal by a new link (true/false)");
    public readonly CliOption<double> ReattachRetry = Seconds("--reattach-retry", D.ReattachRetry, "Wait before asking the seeds again when re-attachment found nobody");
    public readonly CliOption<double> MembershipRefresh = Seconds("--membership-refresh", D.MembershipRefresh,
        "A registered peer re-states its degree to a seed this often; a seed that removed it answers with a removal notice, and the peer rejoins");

    public void AddTo(CliCommand command)
    {
        foreach (var o in new CliOption[] { Links, GossipInterval, Messages, Originates, IncludePort, PingInterval, Misses, Witnesses, WitnessProbeTimeout, WitnessProbeAttempts,
                     SuspicionQueryTimeout, NeighbourSample, RegisterTimeout, LinkTimeout, MessageListTtl, MessageListCapacity, Reattach, ReattachRetry, MembershipRefresh })
            command.Options.Add(o);
    }

    public PeerConfig Build(CliParseResult r, bool loopback) => new()
    {
        LinksPerNewcomer = r.GetValue(Links),
        GossipInterval = Get(r, GossipInterval),
        MessagesPerPeer = r.GetValue(Messages),
        Originates = r.GetValue(Originates),
        MessageIncludesPort = r.GetValue(IncludePort) ?? loopback,
        PingInterval = Get(r, PingInterval),
        MissesBeforeSuspect = r.GetValue(Misses),
        SuspicionWitnesses = r.GetValue(Witnesses),
        WitnessProbeTimeout = Get(r, WitnessProbeTimeout),
        WitnessProbeAttempts = r.GetValue(WitnessProbeAttempts),
        SuspicionQueryTimeout = Get(r, SuspicionQueryTimeout),
        NeighbourSampleSize = r.GetValue(NeighbourSample),
        RegisterTimeout = Get(r, RegisterTimeout),
        LinkTimeout = Get(r, LinkTimeout),
        MessageListTtl = Get(r, MessageListTtl),
        MessageListCapacity = r.GetValue(MessageListCapacity),
        ReattachOnLoss = r.GetValue(Reattach),
        ReattachRetry = Get(r, ReattachRetry),
        MembershipRefresh = Get(r, MembershipRefresh),
    };
}

/// <summary>Every <see cref="SeedConfig"/> tunable as an option, with its default.</summary>
internal sealed class SeedOptions
{
    private static readonly SeedConfig D = new();

    public readonly CliOption<double> ProbeTimeout = Seconds("--probe-timeout", D.ProbeTimeout, "R12: a seed's own probe of a reported peer waits this long before it votes yes");
    public readonly CliOption<int> ProbeAttempts = Count("--probe-attempts", D.ProbeAttempts, "Pings a seed's probe sends, spread over --probe-timeout (any answer means alive)", 1);
    public readonly CliOption<double> ProposalTimeout = Seconds("--proposal-timeout", D.ProposalTimeout, "R4: a proposal without a majority by then is rejected (longer than --probe-timeout)");
    public readonly CliOption<double> AntiEntropyInterval = Seconds("--anti-entropy-interval", D.AntiEntropyInterval, "R5: how often a seed compares its commits with another seed's");
    public readonly CliOption<int> FullPeerListMax = Count("--full-peer-list-max", D.FullPeerListMax, "Up to this many peers, a peer list reply is the whole list", 0);
    public readonly CliOption<int> PeerListSample = Count("--peer-list-sample", D.PeerListSampleSize, "Above that, peers drawn by degree per reply", 1);
    public readonly CliOption<int> SyncBatch = Count("--sync-batch", D.SyncBatch, "Committed operations per anti-entropy reply", 1);
    public readonly CliOption<double> DegreeRelayDelay = Seconds("--degree-relay-delay", D.DegreeRelayDelay, "How long a seed gathers peers' degree reports before relaying them to the other seeds in one message");
    public readonly CliOption<int> DegreeRelayBatch = Count("--degree-relay-batch", D.DegreeRelayBatch, "Degree reports per relay message at most (a full batch goes at once)", 1);
    public readonly CliOption<int> ExpectedPeers = Count("--expected-peers", D.ExpectedPeers, "Peers this seed expects to list: room is made for them at once (a hint; 0: none)", 0);

    public void AddTo(CliCommand command)
    {
        foreach (var o in new CliOption[] { ProbeTimeout, ProbeAttempts, ProposalTimeout, AntiEntropyInterval, FullPeerListMax, PeerListSample, SyncBatch, DegreeRelayDelay, DegreeRelayBatch, ExpectedPeers })
            command.Options.Add(o);
    }

    public SeedConfig Build(CliParseResult r) => new()
    {
        ProbeTimeout = Get(r, ProbeTimeout),
        ProbeAttempts = r.GetValue(ProbeAttempts),
        ProposalTimeout = Get(r, ProposalTimeout),
        AntiEntropyInterval = Get(r, AntiEntropyInterval),
        FullPeerListMax = r.GetValue(FullPeerListMax),
        PeerListSampleSize = r.GetValue(PeerListSample),
        SyncBatch = r.GetValue(SyncBatch),
        DegreeRelayDelay = Get(r, DegreeRelayDelay),
        DegreeRelayBatch = r.GetValue(DegreeRelayBatch),
        ExpectedPeers = r.GetValue(ExpectedPeers),
    };
}

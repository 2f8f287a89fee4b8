using GossipSim.Engine.Config;
using static GossipSim.RealNet.Cli.CliOptions;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Cli;

/// <summary>Options every node has: where it listens, its seed list, its output, its randomness, the transport's bounds.</summary>
internal sealed class CommonOptions
{
    private static readonly Transport.TcpTransportOptions TransportDefaults = new();

    public readonly CliOption<string?> Listen = Text("--listen", "ip:port", "an IPv4 address and port (IP:Port)",
        "IPv4 address and port to listen on, e.g. 127.0.0.1:5001; port 0 lets the OS pick (printed as "
            + "'LISTENING ip:port'); auto:5001 listens on the address this host's name has (a container's)", required: true);

    public readonly CliOption<string?> Seeds = Text("--seeds", "file", "the seed list file",
        "Seed list file: one seed per line, IP:Port, IP,Port or host:Port (resolved at start and at each reconnect); blank "
            + "lines and # comments allowed", required: true);

    public readonly CliOption<double> SeedsWait = Seconds("--seeds-wait", TimeSpan.Zero,
        "Wait up to this long for the seed list file to appear (a launcher writes it once the seeds' ports are known)", allowZero: true);

    public readonly CliOption<string?> Out = Text("--out", "dir", "a directory",
        "Output directory: trace.jsonl, status.json and the node's log <role>-<ip>_<port>.txt", defaultText: "out/<role>-<ip>_<port>");

    public readonly CliOption<string?> StateDir = Text("--state-dir", "dir", "a directory",
        "The node's durable state: its key (node.key) and, for a seed, its commit log (commits.log), fsynced before each commit is "
            + "applied; give a restarted node the same directory", defaultText: "<out>/state");

    public readonly CliOption<string?> Key = Text("--key", "file", "a node key file",
        "The node's private key (ECDSA P-256, PEM), made on first start: the node proves it in every handshake, and "
            + "it binds the node's address " +
        "at the seeds; keep it, and a restarted node is the same identity", defaultText: "<state-dir>/node.key");

    public readonly CliOption<string?> Metrics = Text("--metrics", "ip:port", "an IPv4 address and port (IP:Port)",
        "Serve Prometheus metrics at http://IP:Port/metrics (0.0.0.0: every interface; port 0: the OS picks, logged)", defaultText: "off");

    public readonly CliOption<ulong?> RandomSeed = UInt64("--seed", "The node's random seed: its random choices (which seeds it asks, whom "
        + "it links to) derive from it, so the same seed repeats them; the seed used is logged", "from the clock");

    public readonly CliOption<long?> Incarnation = Int64("--incarnation", "The node's incarnation (a seed's epoch)",
        "Unix time in milliseconds at start");

    public readonly CliOption<int?> ParentPid = ProcessId("--parent-pid",
        "Stop cleanly when the process with this id (a launcher) is gone, so a crashed launcher leaves no nodes behind", "none");

    public readonly CliOption<bool> Quiet = Flag("--quiet", false, "Do not echo the node's log to the console (the "
        + "log file is still written)");

    public readonly CliOption<int> LogMaxKiB = Count("--log-max-kib", (int)(Host.NodeLog.DefaultMaxFileBytes / 1024),
        "The node's log file rotates at this size (KiB): its content moves to <file>.1, replacing the one before", 1);

    public readonly CliOption<int> TraceMaxMiB = Count("--trace-max-mib", (int)(Host.TraceFileSink.DefaultMaxFileBytes >> 20),
        "The node's trace.jsonl rotates at this size (MiB): its content moves to trace.jsonl.1, replacing the one before (the "
            + "log says what that loses)", 1);

    public readonly CliOption<double> StatusInterval = Seconds("--status-interval", TimeSpan.FromSeconds(1),
        "How often <out>/status.json is rewritten");

    public readonly CliOption<int> MaxFrameBytes = Count("--max-frame-bytes", TransportDefaults.MaxFrameBytes,
        "Largest frame payload accepted or sent, in bytes", 64);
    public readonly CliOption<double> ConnectTimeout = Seconds("--connect-timeout", TransportDefaults.ConnectTimeout,
        "Connect timeout, and the deadline for an incoming connection's whole handshake (hello, identity proofs, cluster-key proofs)");
    public readonly CliOption<double> FrameTimeout = Seconds("--frame-timeout", TransportDefaults.FrameTimeout,
        "Once a frame has started to arrive, all of it must arrive within this; a frame being sent must be taken within it too");
    public readonly CliOption<int> MaxConnections = Count("--max-connections", TransportDefaults.MaxConnections,
        "Open incoming connections; at the limit the oldest one still waiting for its hello is closed, or else the new one", 1);
    public readonly CliOption<bool> CheckHelloIp = Flag("--check-hello-ip", TransportDefaults.CheckHelloIp,
        "Refuse a connection whose hello names an IP other than the one it comes from (true/false; turn off only behind a NAT)");
    public readonly CliOption<string?> ClusterKey = Text("--cluster-key", "file|env:NAME", "a key file or env:NAME",
        "Authenticate and encrypt all traffic with this cluster key: a key file written by 'keygen', or env:NAME to read it (base64) " +
        "from an environment variable. Every node of the cluster needs the same key; nodes without it cannot connect",
            defaultText: "off (plaintext)");
    public readonly CliOption<int> MaxFramesPerSecond = Count("--max-frames-per-second", TransportDefaults.MaxFramesPerSecond,
        "Frames read from one connection a second, after a burst of twice as many; a faster sender is read at this rate and TCP "
            + "holds it back; 0 = no limit", 0);
    public readonly CliOption<int> MaxHandshakesPerSecond = Count("--max-handshakes-per-second", TransportDefaults.MaxHandshakesPerSecond,
        "Incoming handshakes taken from one IP a second, after a burst of twice as many; a handshake that would wait past half "
            + "--connect-timeout goes unanswered until --connect-timeout; 0 = no limit", 0);
    public readonly CliOption<double> IdleTimeout = Seconds("--idle-timeout", TransportDefaults.IdleTimeout,
        "Close a connection to a link or a seed idle this long; 0 = never", allowZero: true);
    public readonly CliOption<double> ContactIdleTimeout = Seconds("--contact-idle-timeout", TransportDefaults.ContactIdleTimeout,
        "Close a connection to any other node (a one-off contact: a walk's reply, an indirect probe) idle this long; never later "
            + "than --idle-timeout; 0 = as --idle-timeout", allowZero: true);
    public readonly CliOption<double> DrainTimeout = Seconds("--drain-timeout", TransportDefaults.DrainTimeout,
        "On a clean stop, time given to queued messages (goodbyes) to leave", allowZero: true);

    public void AddTo(CliCommand command)
    {
        foreach (var o in new CliOption[] { Listen, Seeds, SeedsWait, Out, StateDir, Key, Metrics, RandomSeed, Incarnation, ParentPid,
            Quiet, LogMaxKiB, TraceMaxMiB, StatusInterval, MaxFrameBytes, ConnectTimeout,
                     FrameTimeout, IdleTimeout, ContactIdleTimeout, DrainTimeout, MaxConnections, MaxFramesPerSecond,
                         MaxHandshakesPerSecond, CheckHelloIp, ClusterKey })
            command.Options.Add(o);
    }

    /// <summary>The transport's settings; the cluster key is loaded separately (it reads a file), see <see cref="NodeRunner"/>.</summary>
    public Transport.TcpTransportOptions Transport(CliParseResult r) => TransportDefaults with
    {
        MaxFrameBytes = r.GetValue(MaxFrameBytes),
        ConnectTimeout = Get(r, ConnectTimeout),
        FrameTimeout = Get(r, FrameTimeout),
        IdleTimeout = Get(r, IdleTimeout),
        ContactIdleTimeout = Get(r, ContactIdleTimeout),
        DrainTimeout = Get(r, DrainTimeout),
        MaxConnections = r.GetValue(MaxConnections),
        MaxFramesPerSecond = r.GetValue(MaxFramesPerSecond),
        FrameBurst = r.IsGiven(MaxFramesPerSecond) ? BurstOf(r.GetValue(MaxFramesPerSecond)) : TransportDefaults.FrameBurst,
        MaxHandshakesPerSecond = r.GetValue(MaxHandshakesPerSecond),
        HandshakeBurst = r.IsGiven(MaxHandshakesPerSecond) ? BurstOf(r.GetValue(MaxHandshakesPerSecond)) : TransportDefaults.HandshakeBurst,
        CheckHelloIp = r.GetValue(CheckHelloIp),
    };

    /// <summary>A rate's burst on the command line: two seconds' worth, as the defaults have.</summary>
    private static int BurstOf(int perSecond) => (int)Math.Clamp(2L * perSecond, 1, int.MaxValue);
}

/// <summary>
/// Every tunable of a record as a node option, generated from its table (<see cref="PeerTunables"/>,
/// <see cref="SeedTunables"/>): name, unit, range, help, and the record's default.
/// </summary>
internal abstract class TunableOptions<TConfig> where TConfig : new()
{
    private readonly IReadOnlyList<Tunable<TConfig>> _table;
    private readonly CliOption<double>[] _options;

    protected TunableOptions(IReadOnlyList<Tunable<TConfig>> table)
    {
        var defaults = new TConfig();
        _table = table;
        _options = table.Select(t => CliOptions.Tunable(t, t.Get(defaults))).ToArray();
    }

    public void AddTo(CliCommand command) => command.Options.AddRange(_options);

    /// <summary>The option of the tunable that sets <paramref name="property"/>.</summary>
    public CliOption<double> OptionOf(string property) => _options[IndexOf(property)];

    private int IndexOf(string property)
    {
        for (int i = 0; i < _table.Count; i++)
            if (_table[i].Property == property) return i;
        throw new ArgumentException($"no tunable sets {property}", nameof(property));
    }

    /// <summary>The record's defaults with every option given; a wait shorter than the wait inside it throws, naming both
    /// options.</summary>
    public TConfig Build(CliParseResult r)
    {
        var config = new TConfig();
        for (int i = 0; i < _table.Count; i++)
            if (r.IsGiven(_options[i])) config = _table[i].Set(config, r.GetValue(_options[i]));
        foreach (var (t, expected) in Tunables.Violations(config, _table, o => o.Option))
            throw new ArgumentException($"{t.Option} must be {expected}");
        return config;
    }
}

/// <summary>Every <see cref="PeerConfig"/> tunable as an option, with the classic defaults.</summary>
internal sealed class PeerOptions() : TunableOptions<PeerConfig>(PeerTunables.All)
{
    /// <summary>As given; without --message-includes-port, the port is in messages when peers share a loopback IP.</summary>
    public PeerConfig Build(CliParseResult r, bool loopback)
    {
        var config = Build(r);
        return r.IsGiven(OptionOf(nameof(PeerConfig.MessageIncludesPort))) ? config : config with { MessageIncludesPort = loopback };
    }
}

/// <summary>Every <see cref="SeedConfig"/> tunable as an option, with its default, and how the seed comes in.</summary>
internal sealed class SeedOptions() : TunableOptions<SeedConfig>(SeedTunables.All)
{
    public readonly CliOption<bool> Joining = Flag("--joining", false, "Start a seed the seed list does not name yet: it waits for "
        + "the seeds' vote to bring it in ('seed-set add' or 'seed-set replace', approved by the operator's key the list pins)");

    public new void AddTo(CliCommand command)
    {
        base.AddTo(command);
        command.Options.Add(Joining);
    }
}

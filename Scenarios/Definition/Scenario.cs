using System.Text.Json;
using System.Text.Json.Serialization;

namespace GossipSim.Scenarios.Definition;

/// <summary>
/// A whole run as a JSON file (R14): who takes part, every protocol timing, the network, the
/// fault schedule. The same file runs on either runtime. Times are seconds unless named otherwise.
/// </summary>
public sealed class Scenario
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    /// <summary>"sim" or "real".</summary>
    public string Runtime { get; set; } = RuntimeNames.Sim;
    /// <summary>The run's random seed: every draw of the run derives from it (R16).</summary>
    public ulong Seed { get; set; } = 1;
    /// <summary>Number of seed nodes.</summary>
    public int Seeds { get; set; } = 3;
    /// <summary>Number of peers.</summary>
    public int Peers { get; set; } = 10;
    /// <summary>Peers start evenly spread over this window (seeds start at 0): the join rate is peers over it.</summary>
    public double JoinWindowSeconds { get; set; } = 10;
    /// <summary>Present: the network first grows from one peer, doubling every this many seconds, until it grows at the join rate
    /// (<see cref="JoinSchedule"/>); the joins then take longer than the window.</summary>
    public double? JoinDoublingSeconds { get; set; }
    /// <summary>Total run length; when absent, long enough for all gossip and every fault's detection plus the drain.</summary>
    public double? DurationSeconds { get; set; }
    /// <summary>Quiet time after the last gossip creation and fault, so every message can spread.</summary>
    public double DrainSeconds { get; set; } = 30;
    public GossipSettings Gossip { get; set; } = new();
    public PeerSettings PeerSettings { get; set; } = new();
    public SeedSettings SeedSettings { get; set; } = new();
    /// <summary>Which protocol the peers run and its settings (<see cref="ProtocolSettings"/>); absent: the classic protocol.</summary>
    public ProtocolSettings Protocol { get; set; } = new();
    public NetworkSettings Network { get; set; } = new();
    public List<FaultSpec> Faults { get; set; } = new();
    /// <summary>Peers joining and leaving at a rate over a window (simulator).</summary>
    public ChurnSettings? Churn { get; set; }
    /// <summary>Real runtime only: start-up grace before the clock of the schedule starts.</summary>
    public double? RealStartupSeconds { get; set; }
    /// <summary>
    /// Real runtime only: "processes" (default: one OS process per node) or "in-process" (every
    /// node in this process, each with its own TCP listener and connections on loopback; a crash
    /// closes all its sockets at once). In-process hosting runs a thousand real peers on a laptop.
    /// </summary>
    public string RealHosting { get; set; } = "processes";
    /// <summary>Node processes only: every node serves Prometheus metrics (docs/deployment.md, "Metrics"); absent: none do.</summary>
    public MetricsSettings? Metrics { get; set; }
    /// <summary>Simulator only: a heap ceiling in GiB (see <c>Runtimes.Sim.HeapCeiling</c>); absent: the machine's memory.</summary>
    public double? MaxHeapGiB { get; set; }
    /// <summary>Figures the run is expected to reproduce (a paper's result): each is a check of its own in the run's verdict.</summary>
    public List<ExpectedFigureSpec>? Expected { get; set; }

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>
/// Who gossips, and how often and how much (gossip.intervalSeconds and gossip.messagesPerPeer
/// set <see cref="Engine.Config.PeerConfig"/>, see <see cref="Engine.Config.PeerTunables"/>).
/// </summary>
[JsonConverter(typeof(TunableSettingsConverter<GossipSettings>))]
public sealed class GossipSettings() : TunableSettings("gossip", Engine.Config.PeerTunables.All)
{
    /// <summary>"all" (every peer originates, the classic protocol) or a number of randomly chosen origins.</summary>
    public JsonElement? Origins { get; set; }

    protected internal override bool ReadOther(string field, ref Utf8JsonReader reader)
    {
        if (field != "origins") return false;
        Origins = JsonElement.ParseValue(ref reader);
        return true;
    }

    protected internal override void WriteOther(Utf8JsonWriter writer)
    {
        if (Origins is not { } o) return;
        writer.WritePropertyName("origins");
        o.WriteTo(writer);
    }
}

/// <summary>Overrides of <see cref="Engine.Config.PeerConfig"/> by name (<see cref="Engine.Config.PeerTunables"/>); absent = the classic
/// default.</summary>
[JsonConverter(typeof(TunableSettingsConverter<PeerSettings>))]
public sealed class PeerSettings() : TunableSettings("peerSettings", Engine.Config.PeerTunables.All);

/// <summary>
/// The protocol the peers run: protocol.broadcast ("flood", the classic R10, or "plumtree") and its timings, set in
/// <see cref="Engine.Config.PeerConfig"/> like any tunable (<see cref="Engine.Config.PeerTunables"/>); absent = the classic protocol.
/// </summary>
[JsonConverter(typeof(TunableSettingsConverter<ProtocolSettings>))]
public sealed class ProtocolSettings() : TunableSettings("protocol", Engine.Config.PeerTunables.All);

/// <summary>Overrides of <see cref="Engine.Config.SeedConfig"/> by name (<see cref="Engine.Config.SeedTunables"/>).</summary>
[JsonConverter(typeof(TunableSettingsConverter<SeedSettings>))]
public sealed class SeedSettings() : TunableSettings("seedSettings", Engine.Config.SeedTunables.All);

public sealed class NetworkSettings
{
    public LatencySpec Latency { get; set; } = new();
    /// <summary>Probability that a message is lost, from the start of the run.</summary>
    public double Loss { get; set; }
    /// <summary>Probability that a message is delivered twice.</summary>
    public double Duplication { get; set; }
    /// <summary>Probability that a message is held back (up to reorderMaxDelayMs) so later ones overtake it.</summary>
    public double ReorderRate { get; set; }
    public double ReorderMaxDelayMs { get; set; } = 200;
}

public sealed class LatencySpec
{
    /// <summary>"constant", "uniform", "lognormal", "empirical" or "wan".</summary>
    public string Model { get; set; } = "uniform";
    public double? Ms { get; set; }
    public double? MinMs { get; set; }
    public double? MaxMs { get; set; }
    public double? MedianMs { get; set; }
    public double? Sigma { get; set; }
    /// <summary>empirical: a real run's trace (or its results folder) whose per-hop delays the model draws from; relative to the scenario
    /// file or the working directory.</summary>
    public string? From { get; set; }
    /// <summary>empirical: the delay distribution as quantiles in ms at evenly spaced probabilities 0 ... 1 (what `compare --calibrate`
    /// writes).</summary>
    public List<double>? QuantilesMs { get; set; }
    /// <summary>empirical: the receiving node's own delay, drawn once per node and gossip message and shared by every copy that reaches it
    /// (quantiles in ms as for quantilesMs); absent: none.</summary>
    public List<double>? ReceiverQuantilesMs { get; set; }
    /// <summary>empirical: every delay of one gossip message's copies times a factor drawn once per message, log-normal with this median
    /// (absent: 1)...</summary>
    public double? MessageFactorMedian { get; set; }
    /// <summary>...and this sigma (of its log; absent: 0). How busy a shared machine is slows every hop of a message alike.</summary>
    public double? MessageFactorSigma { get; set; }
    /// <summary>empirical: each node's slot per gossip message, a time after the message's creation before which no copy reaches it
    /// (quantiles in ms as for quantilesMs; drawn once per node and message); absent: none.</summary>
    public List<double>? SlotQuantilesMs { get; set; }
    /// <summary>empirical with slotQuantilesMs: 0 to 1, how much a node's slot follows how early a copy reaches it (0, absent: not at all;
    /// the slot is the node's draw alone).</summary>
    public double? SlotWakeWeight { get; set; }
    /// <summary>wan: where the nodes are, a named mix ("atlas", the default, or "even") or weights by ISO 3166 country code
    /// ({"US": 0.3, "DE": 0.2}; <see cref="WanSpec"/>).</summary>
    public JsonElement? Countries { get; set; }
    /// <summary>wan: seed i's country, the i-th code (fewer than the seeds: the rest drawn from the mix as peers are).</summary>
    public List<string>? SeedCountries { get; set; }
    /// <summary>wan: a text file of ISO 3166 codes, one a line, node i (seeds first, then peers in order) in the i-th; nodes past its
    /// end from the mix. Relative to the scenario file or the working directory.</summary>
    public string? NodeCountries { get; set; }
    /// <summary>wan: the codes the loader read from <see cref="NodeCountries"/>.</summary>
    [JsonIgnore] public List<string>? NodeCountriesRead { get; set; }
    /// <summary>Any model but empirical: on top of each delay, what a hop costs at the nodes (their own work and scheduling), an
    /// empirical model with quantilesMs as <c>compare</c> writes it. The simulator adds it; the namespace bed's relay never does (real
    /// nodes pay it themselves). <c>compare --bed netns</c> sets it from the model of a real hop shipped with the build.</summary>
    public LatencySpec? NodeHop { get; set; }
    /// <summary>empirical: where the loader found <see cref="From"/> (a trace file, or a results folder), as a full path.</summary>
    [JsonIgnore] public string? FromPath { get; set; }
    /// <summary>
    /// empirical with <see cref="From"/>: the quantiles measured from that trace. The run path measures
    /// them after loading (reading a trace is the analysis's work, which the scenario model does not reach).
    /// </summary>
    [JsonIgnore] public double[]? Measured { get; set; }
}

/// <summary>One entry of the fault schedule.</summary>
public sealed class FaultSpec
{
    /// <summary>Seconds from the start of the run.</summary>
    public double At { get; set; }
    /// <summary>"crash", "restart", "leave", "join", "move", "partition", "heal", "loss", "duplication", "latency-spike" or "seed-set".</summary>
    public string Action { get; set; } = "";
    /// <summary>seed-set: "add" (a new seed), "remove" (seed <see cref="Index"/>) or "replace" (seed <see cref="Index"/> by a new one).</summary>
    public string? Change { get; set; }
    /// <summary>"allLinked": the fault waits, from <see cref="At"/> on, until every peer has registered and linked.</summary>
    public string? After { get; set; }
    /// <summary>crash/restart/leave: "hub", "random-peers", "peer", "seed" (restart also "crashed"; leave only "random-peers" and
    /// "peer"; crash also "host"); move: "seed".</summary>
    public string? Target { get; set; }
    public int? Count { get; set; }
    public int? Index { get; set; }
    /// <summary>crash of a "host": the nodes are spread over this many hosts in turn (seed i and peer j on host i and j mod hosts, as
    /// the docker runtime spreads them over its engines), and host <see cref="Index"/> dies with all its nodes.</summary>
    public int? Hosts { get; set; }
    /// <summary>partition: groups of "seed:i", "peer:i", "peers:a-b", "seeds"; everyone not listed forms one more group.</summary>
    public List<List<string>>? Groups { get; set; }
    /// <summary>partition/loss: heal or restore after this long.</summary>
    public double? DurationSeconds { get; set; }
    /// <summary>loss/duplication: the probability; partition: unused.</summary>
    public double? Rate { get; set; }
    /// <summary>partition: "both" (default) or "one-way" (only messages from the first group to the second are lost).</summary>
    public string? Direction { get; set; }
    /// <summary>latency-spike: delays are multiplied by this...</summary>
    public double? Factor { get; set; }
    /// <summary>latency-spike: ...and this many ms added.</summary>
    public double? ExtraMs { get; set; }
}

/// <summary>
/// Each node's /metrics on its own listen IP: seed i at <see cref="BasePort"/> + i, peer j at
/// <see cref="BasePort"/> + seeds + j, so a scrape config can list them before the run starts.
/// </summary>
public sealed class MetricsSettings
{
    public int BasePort { get; set; }

    /// <summary>Node k's port (seeds first, then peers, by index); a node past port 65535 (a peer the manager added) serves none.</summary>
    public int? PortOf(int seeds, bool isSeed, int index)
        => BasePort + (isSeed ? index : seeds + index) is var port and <= 65535 ? port : null;
}

/// <summary>Churn: new peers join and random peers leave, each as a Poisson process, between from and until.</summary>
public sealed class ChurnSettings
{
    public double From { get; set; }
    public double Until { get; set; }
    public double JoinsPerSecond { get; set; }
    public double LeavesPerSecond { get; set; }
    /// <summary>true: leavers say goodbye; false: they crash.</summary>
    public bool Graceful { get; set; } = true;
}

/// <summary>
/// A figure of summary.json (its dotted key, as the report's table shows it) the run should come within <see cref="Within"/> of
/// <see cref="Value"/>, and where that value comes from (a paper, its table or figure): a check of the run's verdict.
/// </summary>
public sealed class ExpectedFigureSpec
{
    public string Figure { get; set; } = "";
    public double Value { get; set; }
    public double Within { get; set; }
    public string Source { get; set; } = "";
}

using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Config;

/// <summary>Every tunable of a peer, with the classic defaults (MISSION.md) and units in the names; <see cref="PeerTunables"/> describes
/// each for scenarios and node options.</summary>
public sealed record PeerConfig
{
    /// <summary>R8: links a newcomer makes by preferential attachment.</summary>
    public int LinksPerNewcomer { get; init; } = 3;

    /// <summary>R9: a peer creates a gossip message this often once connected.</summary>
    public TimeSpan GossipInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>R9: and stops after this many.</summary>
    public int MessagesPerPeer { get; init; } = 10;

    /// <summary>Whether this peer creates gossip at all (large runs pick a few origins).</summary>
    public bool Originates { get; init; } = true;

    /// <summary>R9: put the port in the message text (needed where peers share an IP, e.g. localhost).</summary>
    public bool MessageIncludesPort { get; init; }

    /// <summary>R11: each neighbour is pinged this often.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(13);

    /// <summary>R11: consecutive unanswered pings before the neighbour is suspected.</summary>
    public int MissesBeforeSuspect { get; init; } = 3;

    /// <summary>
    /// R11: at most this many of the suspect's other neighbours are asked (a hub may have
    /// thousands; a random sample of them keeps suspicion O(1) per suspecting peer).
    /// </summary>
    public int SuspicionWitnesses { get; init; } = 8;

    /// <summary>How long a witness waits for the suspect's answer to its own ping.</summary>
    public TimeSpan WitnessProbeTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Pings a witness sends to the suspect, spread over <see cref="WitnessProbeTimeout"/>.</summary>
    public int WitnessProbeAttempts { get; init; } = 2;

    /// <summary>How long the suspecting peer waits for the witnesses' answers.</summary>
    public TimeSpan SuspicionQueryTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Neighbours a pong carries, so the pinger knows whom to ask if it later suspects.</summary>
    public int NeighbourSampleSize { get; init; } = 8;

    /// <summary>
    /// Links a peer accepts at most: a link request beyond it is refused. Far above the largest
    /// hub of the shipped scenarios, so it binds only a peer that many requesters single out.
    /// </summary>
    public int MaxNeighbours { get; init; } = 16_384;

    /// <summary>Registration round: ask another seed if no answer by then.</summary>
    public TimeSpan RegisterTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A link request unanswered by then is given up and another neighbour chosen.</summary>
    public TimeSpan LinkTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>R10: Message List entries older than this are forgotten (and such old gossip is dropped).</summary>
    public TimeSpan MessageListTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>R10: hard cap on Message List entries; the oldest go first.</summary>
    public int MessageListCapacity { get; init; } = 100_000;

    /// <summary>
    /// R10: the messages a Message List is expected to hold at once (0: not known). Its ring starts that large, up to
    /// <see cref="Gossip.MessageList.FirstRingMax"/>, instead of growing a step at a time, and leaves no outgrown rings behind
    /// (sim-100k: a peer keeping 100 messages allocated 9.9 KB of rings and indexes on the way to the 3.0 KB it keeps; 16.6 and 5.1 KB
    /// with the 40-byte entries and four-byte index cells the list had when this was added). A scenario's run derives it from
    /// its gossip schedule when the scenario does not set it; it changes no run's events, only the memory they take.
    /// </summary>
    public int MessageListExpected { get; init; }

    /// <summary>The overlay heals: a peer that loses a neighbour to a removal attaches to a new one.</summary>
    public bool ReattachOnLoss { get; init; } = true;

    /// <summary>
    /// A registered peer re-states its degree to a seed this often; a seed that removed it
    /// (while it was cut off) answers with a removal notice, and the peer rejoins.
    /// </summary>
    public TimeSpan MembershipRefresh { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait before asking the seeds again when a re-attachment found nobody new.</summary>
    public TimeSpan ReattachRetry { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Each list in a row that brings nobody new doubles that wait, up to this: a peer of a small
    /// network, with every other peer already its neighbour, stops asking (and logging a list) every few seconds.
    /// </summary>
    public TimeSpan ReattachRetryMax { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How gossip spreads over the links: the classic flood (R10), or Plumtree's epidemic broadcast tree.</summary>
    public BroadcastProtocol Broadcast { get; init; } = BroadcastProtocol.Flood;

    /// <summary>
    /// Plumtree: a message announced by an IHAVE and not received this long after (stretched by up to as much again, by the peer's
    /// own draw: <see cref="Plumtree.PlumtreeRules.GraftWait"/>) is asked for (GRAFT). Longer than a few hops of the tree, and short:
    /// every message that misses a peer while a cut tree waits for repair is another GRAFT and another link on the tree (the
    /// measured comparison of 0.5 s and 0.1 s: docs/protocol.md, Plumtree). iroh-gossip uses 80 ms.
    /// </summary>
    public TimeSpan GraftTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Plumtree: an announcement waits this long in the peer's lazy queue (the paper's dispatch), and all that wait for one neighbour
    /// go in one IHAVE. It delays only a repair (an IHAVE is what a peer off the tree grafts on); the payload on the tree is not
    /// delayed. A delay long beside the links' round trip makes the tree churn: on crash-hub (1-5 ms links) under HyParView, mean
    /// redundancy over seeds 1-5 0.025 with IHAVEs at once and at 0.02 s, 0.048 at 0.05 s, 0.055 at 0.1 s. 0.02 s waits on swarm run
    /// 1289 (docs/protocol.md, Timers). On sim-crash-hub-1k (10-50 ms links), which sets 0.1 s, one IHAVE carries 5.6 announcements.
    /// iroh-gossip dispatches every 5 ms, Partisan every lazy tick of 1 s.
    /// </summary>
    public TimeSpan IhaveDispatch { get; init; } = TimeSpan.FromMilliseconds(DefaultIhaveDispatchMs);

    public const int DefaultIhaveDispatchMs = 50;

    /// <summary>Plumtree: still missing this long after a GRAFT, the message is asked for from the next announcer (iroh-gossip's
    /// second timeout is half its first).</summary>
    public TimeSpan GraftRetry { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Plumtree: a received message is kept this long after its creation to answer a GRAFT (iroh-gossip's message_cache_retention).</summary>
    public TimeSpan PayloadRetention { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Plumtree: the neighbours noted as announcers of one missing message at most, each asked once (GRAFT) in turn. The paper
    /// keeps every announcer; a cap bounds what neighbours that announce what they never send can hold, and how long the message is
    /// awaited (two graft timeouts and a retry per announcer). 16: above any HyParView active view and the degree of most classic
    /// peers, so an honest announcer is dropped only at a peer with more announcing neighbours than that.</summary>
    public int PlumtreeMaxAnnouncers { get; init; } = 16;

    /// <summary>How a peer finds a dead neighbour: the classic pings of every neighbour (R11), SWIM's one probe a period, or a
    /// detector a host registered (<see cref="FailureDetector"/>).</summary>
    public FailureDetector FailureDetector { get; init; } = FailureDetector.Classic;

    /// <summary>SWIM: the protocol period. Each period a peer probes one neighbour, the next of a shuffled round (memberlist's
    /// ProbeInterval is 1 s).</summary>
    public TimeSpan SwimPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>SWIM: a probe not answered this long after is tried through other peers (memberlist's ProbeTimeout: 500 ms).</summary>
    public TimeSpan SwimProbeTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>SWIM: the peers asked to probe an unanswered target (the paper's k; memberlist's IndirectChecks: 3). Lifeguard
    /// counts each that could not reach it as a confirmation.</summary>
    public int SwimIndirectProbes { get; init; } = 3;

    /// <summary>SWIM with Lifeguard: a suspect confirmed by every peer asked is reported after this (memberlist: 4 x log10(n)
    /// periods, about 6 s at 30 members).</summary>
    public TimeSpan SwimSuspicionMin { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>SWIM with Lifeguard: a suspect nobody confirmed is reported after this; each confirmation shortens the wait toward
    /// the minimum, on a log scale (memberlist: 6 x the minimum).</summary>
    public TimeSpan SwimSuspicionMax { get; init; } = TimeSpan.FromSeconds(36);

    /// <summary>How a peer finds and keeps its neighbours: the seeds' preferential attachment (R8), or HyParView's active and
    /// passive views.</summary>
    public Overlay Overlay { get; init; } = Overlay.SeedPa;

    /// <summary>HyParView: links kept at most (the active view; the paper's fanout + 1 = 5 for 10,000 nodes). A JOIN, a FORWARDJOIN's
    /// end or an urgent request at a full view drops a random link into the passive view (one on another's word: <see cref="HyParViewOwnLinks"/>).</summary>
    public int HyParViewActiveSize { get; init; } = 5;

    /// <summary>HyParView: seats of the active view kept for links this peer asked for from its own draw (its JOIN's contact, a
    /// passive peer it promoted): links on another's word (an accepted JOIN or NEIGHBOR, a FORWARDJOIN's end) hold the rest at most,
    /// only such a link is dropped to make room for another's request, and a peer with a seat free fills it at its shuffle's tick.
    /// Not in the paper, whose rule is 0 (any link may be dropped for a JOIN or an urgent NEIGHBOR): an insider that says "urgent"
    /// or "JOIN" again and again would otherwise own the whole view. One seat keeps a link of the peer's own choosing at little
    /// cost to honest views; two cost more, as others' word fills the views first (docs/security.md, HyParView).</summary>
    public int HyParViewOwnLinks { get; init; } = 1;

    /// <summary>HyParView: JOINs, FORWARDJOINs and SHUFFLEs this peer takes from one sender in a shuffle interval (a burst of as many,
    /// then at that rate); more are dropped. Not in the paper: each such message may make this peer dial the address it names (a
    /// FORWARDJOIN's newcomer, a SHUFFLE's origin) or start walks, so a sender's count bounds what it can make this peer do. Honest
    /// joins never meet 16; 8 refused some (docs/security.md, HyParView).</summary>
    public int HyParViewWalksPerSource { get; init; } = 16;

    /// <summary>HyParView: peers known but not linked, from which a lost link is replaced (the passive view; the paper's 30).</summary>
    public int HyParViewPassiveSize { get; init; } = 30;

    /// <summary>HyParView: a FORWARDJOIN's random walk (the paper's active random walk length, ARWL = 6); also a SHUFFLE's.</summary>
    public int HyParViewActiveWalk { get; init; } = 6;

    /// <summary>HyParView: the walk's step at which the newcomer enters the passive view (the paper's PRWL = 3).</summary>
    public int HyParViewPassiveWalk { get; init; } = 3;

    /// <summary>HyParView: a SHUFFLE is started this often, and a peer below its active view's size asks one passive peer to link
    /// (Partisan's shuffle interval is 10 s).</summary>
    public TimeSpan HyParViewShuffleInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>HyParView: a SHUFFLE carries this many of the active view (the paper's ka = 3) and of the passive view (kp = 4).</summary>
    public int HyParViewShuffleActive { get; init; } = 3;

    /// <inheritdoc cref="HyParViewShuffleActive"/>
    public int HyParViewShufflePassive { get; init; } = 4;

    /// <summary>The settings of registered roles (a user's broadcast's own), by their field in the scenario's "protocol" section;
    /// empty for the built-in menu. Read with <see cref="Setting"/>.</summary>
    public RoleSettings Settings { get; init; } = RoleSettings.None;

    /// <summary>A registered role's setting (<see cref="PeerTunables.RoleSetting"/>): its value here, or its default.</summary>
    public double Setting(string field) => Settings.TryGet(field, out double v) ? v : PeerTunables.DefaultOf(field);

    /// <summary>Every value in its range and every wait longer than the wait inside it (<see cref="PeerTunables"/>).</summary>
    public void Validate() => Tunables.Validate(this, PeerTunables.All);
}

/// <summary>The values of registered roles' settings that differ from nothing: an immutable sorted list, equal by content.</summary>
public sealed class RoleSettings : IEquatable<RoleSettings>
{
    public static readonly RoleSettings None = new([]);

    private readonly (string Field, double Value)[] _values;

    private RoleSettings((string Field, double Value)[] values) => _values = values;

    public bool TryGet(string field, out double value)
    {
        foreach (var (f, v) in _values)
            if (f == field) { value = v; return true; }
        value = 0;
        return false;
    }

    public RoleSettings With(string field, double value) =>
        new(_values.Where(e => e.Field != field).Select(e => (e.Field, e.Value)).Append((field, value)).OrderBy(e => e.Item1, StringComparer.Ordinal).ToArray());

    public bool Equals(RoleSettings? other) => other != null && _values.AsSpan().SequenceEqual(other._values);
    public override bool Equals(object? obj) => Equals(obj as RoleSettings);
    public override int GetHashCode() => _values.Length == 0 ? 0 : HashCode.Combine(_values.Length, _values[0]);
    public override string ToString() => string.Join(", ", _values.Select(e => $"{e.Field}={e.Value}"));
}

/// <summary>How a peer spreads gossip over its links (<see cref="PeerConfig.Broadcast"/>): a position in the broadcast menu, whose
/// names are scenario values. The engine's own come first; a host's registered broadcasts follow them, in the order registered
/// (Peer/BroadcastMenu).</summary>
public enum BroadcastProtocol
{
    /// <summary>R10: every neighbour but the sender gets every message once.</summary>
    Flood,
    /// <summary>Leitão, Pereira and Rodrigues, SRDS 2007: payload on tree links, IHAVE on the others (Engine/Plumtree).</summary>
    Plumtree,
}

/// <summary>How a peer finds and keeps its neighbours (<see cref="PeerConfig.Overlay"/>); the names are scenario values.</summary>
public enum Overlay
{
    /// <summary>R8: links by preferential attachment from the seeds' peer lists, lost ones replaced the same way.</summary>
    SeedPa,
    /// <summary>Leitão, Pereira and Rodrigues, DSN 2007: active and passive views, JOIN and FORWARDJOIN, SHUFFLE, a lost link
    /// replaced from the passive view (Engine/HyParView). Spelt so its scenario name is "hyparview".</summary>
    Hyparview,
}

/// <summary>How a peer finds a dead neighbour (<see cref="PeerConfig.FailureDetector"/>): a position in the failure detector menu,
/// whose names are scenario values. The engine's own come first; a host's registered detectors follow them, in the order registered
/// (Peer/FailureDetectorMenu).</summary>
public enum FailureDetector
{
    /// <summary>R11: every neighbour pinged each interval; after a few misses in a row, its other neighbours asked (Engine/Liveness).</summary>
    Classic,
    /// <summary>Das, Gupta and Motivala, DSN 2002, with Lifeguard's suspicion timeout (Dadgar et al. 2018): one probe a period,
    /// indirect probes through k peers, suspect, then report (Engine/Swim).</summary>
    Swim,
}

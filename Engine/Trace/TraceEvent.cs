using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trace;

/// <summary>
/// One structured event. Flat on purpose (a struct, no allocation per event): what
/// <see cref="Peer"/>, <see cref="A"/> and <see cref="B"/> mean depends on the kind, and
/// <see cref="TraceSchema"/> names them for the JSON form.
/// </summary>
public readonly record struct TraceEvent(
    TimeSpan Time,
    TraceKind Kind,
    NodeAddress Node,
    NodeAddress Peer = default,
    MessageId Message = default,
    long A = 0,
    long B = 0,
    string? Detail = null);

public enum TraceKind : byte
{
    NodeStarted = 1,      // Detail = role; A = incarnation
    NodeStopped,          // clean stop
    Registered,           // peer: A = seeds that accepted
    RegistrationFailed,   // peer: Detail = reason
    PeerListReceived,     // peer: Peer = seed, A = entries, B = total peers at the seed
    LinkUp,               // Peer = neighbour
    LinkDown,             // Peer = neighbour; Detail = why
    GossipCreated,        // Message
    GossipDelivered,      // Peer = from, Message, A = hops, B = created (ticks)
    PingMissed,           // Peer = neighbour, A = consecutive misses
    Suspected,            // Peer = suspect, A = witnesses asked
    SuspicionCleared,     // Peer = suspect; Detail = why
    DeadReported,         // Peer = dead, A = witnesses agreeing, B = witnesses asked; Detail = the R11 line
    ReportRejected,       // seed: Peer = reported peer, Detail = why
    Proposed,             // seed: Peer = subject, A = proposal id, Detail = add|remove
    Voted,                // seed: Peer = subject, A = proposal id, B = 1 yes / 0 no, Detail = reason
    Committed,            // seed (proposer): Peer = subject, A = votes for, B = seeds (a joint set: its side nearest to missing a majority), Detail = add|remove
    ProposalRejected,     // seed (proposer): Peer = subject, A = votes for, B = seeds, Detail = add|remove
    MemberAdded,          // seed: Peer = member, A = incarnation, B = list size after
    MemberRemoved,        // seed: Peer = member, A = incarnation, B = list size after
    SeedDigest,           // seed at stop: A = members, B = digest of the list
    PeerState,            // peer at stop: A = degree, B = message-list entries
    CrashInjected,        // A = degree at the moment of the crash (peers), Detail = role
    Restarted,            // A = new incarnation
    Partitioned,          // Detail = groups
    Healed,
    LossChanged,          // Detail = rate
    GossipCounters = 29,       // peer at stop: A = gossip received (duplicates included), B = gossip sent
    Rejoined,             // peer learnt it was removed while alive: A = its new incarnation
    SeedState,            // seed at stop: A = open proposals, B = committed operations held
    LatencyChanged,       // Detail = what changed (a spike, its end)
    RunEnded,             // the runner stops every node now: a node stopping after this did not leave, the run ended
    RegistrationRefused,  // seed: Peer = registrant, Detail = why (rate limit, no answer to the dial-back)
    // Peer = the last source held, A = events of the kind named in Detail from that source's IP held back in the second just over
    // (TraceThrottle)
    EventsHeld,
    ReportDropped,        // seed: Peer = reporter; a dead-node report or goodbye over its reporter's rate, dropped unread; Detail = why
    PlumtreeCounters,     // peer at stop, Plumtree only: A = IHAVE sent, B = GRAFT sent, Detail = "prunes N, given up M"
    SwimCounters,         // peer at stop, SWIM only: A = probes sent, B = indirect probes asked, Detail = "suspicions N, cleared M, periods P, answered Q"
    // peer, a protocol that gives its edges modes (Plumtree, HyParView): Peer = the other end, A = the edge's new EdgeMode. Plumtree
    // traces no line for a first receipt's link joining the tree: at a peer whose links traced a mode, a GossipDelivered puts the
    // link to its Peer on the tree
    EdgeModeChanged,
    // peer at stop, HyParView only: A = NEIGHBOR requests to passive peers, B = of them refused,
    // Detail = "forward joins N, shuffles S, dropped D, passive P"
    HyParViewCounters,
    // right after a peer's CrashInjected, when the runtime crashed it with no live peer linked to it but those crashed in the same
    // fault: nobody is left to report it, and the seeds find it by its certificate's silence (CertificateSilence). Only the
    // simulator can tell; real runtimes never trace it.
    CrashUnwatched,
    // right after a SWIM peer's CrashInjected, when live peers watch it: A = the shortest probe round among them (the degree of
    // the least linked), since SWIM's round-robin promises a watcher finds it within twice its round. Simulator only.
    CrashWatchRound,
    // seed or peer: it took a step of the seed set's history (issue 56, 2): A = the version, B = its seeds (while joint, the seeds
    // of both sets), Detail = the set and the change
    SeedSetChanged,
    // real runtimes only: a node's timer ran A milliseconds after its due time (the machine did not run the node meanwhile);
    // Detail = the timer's kind. The checks add the time held up to their bounds (RealNet's HeldUpTimers says when it is traced)
    HeldUp,
}

/// <summary>
/// What an edge is to the peer that holds it, in a protocol that distinguishes (traced as <see cref="TraceKind.EdgeModeChanged"/>,
/// drawn by the dashboard): Plumtree's links on the tree (eager) or lazy; HyParView's passive entries, known but not linked.
/// </summary>
public enum EdgeMode : byte
{
    None = 0,     // no longer held: a passive entry dropped
    Tree = 1,     // Plumtree: payloads are pushed on it
    Lazy = 2,     // Plumtree: only IHAVE announcements
    Passive = 3,  // HyParView: in the passive view
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Messages;

/// <summary>
/// Every message on the wire. The numbers are the wire codec's type bytes: never reuse or
/// renumber one (RealNet's codec is versioned on them).
/// </summary>
public enum MessageKind : byte
{
    // peer -> seed
    RegisterRequest = 1,
    PeerListRequest = 2,
    DegreeUpdate = 3,
    DeadNodeReport = 4,
    Goodbye = 5,
    MembershipCheck = 6,
    MemberQuery = 7,
    // seed -> peer
    RegisterReply = 10,
    PeerListReply = 11,
    RemovalNotice = 12,
    ReportRejected = 13,
    MembershipStatus = 14,
    NotAMember = 15,
    RefreshReply = 16,
    // seed -> seed and seed -> peer: the seed set by vote (Engine/Membership/SeedSetRules.cs)
    SeedSetStep = 17,
    SeedSetStepRequest = 18,
    SeedSetAbandon = 19,
    // seed <-> seed
    Propose = 20,
    Vote = 21,
    Commit = 22,
    SyncRequest = 23,
    SyncReply = 24,
    DegreeRelay = 25,
    SeedListCheck = 26,
    // seed -> seed and seed -> peer: a seed's signed address (Engine/Membership/SeedAddresses.cs)
    SeedMoved = 27,
    // seed <-> seed: the seed set by vote
    ProposeSeedSet = 28,
    SeedSetVote = 29,
    // peer <-> peer (and seed probes)
    LinkRequest = 30,
    LinkReply = 31,
    LinkClose = 32,
    Gossip = 33,
    Ping = 34,
    Pong = 35,
    SuspectQuery = 36,
    SuspectReply = 37,
    // admission checks against Sybils (see SybilChecks.cs)
    DialBackChallenge = 40,
    DialBackAnswer = 41,
    // 42 and 43 are retired: links made and endorsements ride on DegreeUpdate and DegreeRelay
    // peer <-> peer, Plumtree (Engine/Plumtree)
    Ihave = 50,
    Graft = 51,
    Prune = 52,
    // peer <-> peer, HyParView (Engine/HyParView)
    NeighbourRequest = 53,
    // 54-56 are retired: HyParView's FORWARDJOIN, SHUFFLE and its reply are its own protocol messages (Engine/HyParView/HyParViewMessages.cs)
    // peer <-> peer: a role's own message (a user's broadcast; Messages/ProtocolMessage)
    Protocol = 60,
}

/// <summary>Base of all protocol messages: plain immutable data, no behaviour.</summary>
public abstract record Message
{
    public abstract MessageKind Kind { get; }

    /// <summary>
    /// True for a message that must reach its address over a connection opened for it alone,
    /// never one the recipient opened (<see cref="DialBackChallenge"/>): whoever listens at the
    /// address gets it, not whoever claims the address. The simulator has no connections and
    /// delivers it like any other.
    /// </summary>
    public virtual bool TravelsAlone => false;
}

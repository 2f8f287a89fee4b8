using GossipSim.Engine.Core;
using GossipSim.Engine.Trust;

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
    // seed <-> seed
    Propose = 20,
    Vote = 21,
    Commit = 22,
    SyncRequest = 23,
    SyncReply = 24,
    DegreeRelay = 25,
    SeedListCheck = 26,
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
    ForwardJoin = 54,
    Shuffle = 55,
    ShuffleReply = 56,
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

/// <summary>A peer's identity in the membership: its address and the incarnation it runs.</summary>
public readonly record struct PeerId(NodeAddress Address, long Incarnation)
{
    public override string ToString() => $"{Address}#{Incarnation}";
}

/// <summary>An entry of a peer list as seeds hand it out: who, and how many links it has.</summary>
public readonly record struct PeerListEntry(NodeAddress Address, int Degree);

public enum MembershipChange : byte { Add = 1, Remove = 2 }

/// <summary>
/// One membership operation. Operations are idempotent and commute (see PeerList.Apply):
/// a higher incarnation wins, and at equal incarnation Remove wins over Add.
/// </summary>
public readonly record struct MembershipOp(MembershipChange Change, PeerId Peer);

/// <summary>
/// A committed operation as it travels between seeds: the seed that proposed it, that seed's
/// epoch (a restarted seed starts a new log) and its commit sequence number in that epoch
/// (contiguous from 1), which anti-entropy uses to find gaps; and its proof, the signed votes
/// of a majority (null only where nothing has been attached yet).
/// </summary>
public readonly record struct CommittedOp(NodeAddress Proposer, long Epoch, long Sequence, MembershipOp Op, CommitProof? Proof = null);

/// <summary>One seed log: a proposer in one epoch.</summary>
public readonly record struct LogId(NodeAddress Proposer, long Epoch) : IComparable<LogId>
{
    public int CompareTo(LogId other)
    {
        int c = Proposer.CompareTo(other.Proposer);
        return c != 0 ? c : Epoch.CompareTo(other.Epoch);
    }
}

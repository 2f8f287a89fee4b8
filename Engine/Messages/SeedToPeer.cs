using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Messages;

/// <summary>
/// The seed's answer to a registration: committed by a majority of seeds, or not. Accepted, it
/// carries the peer list (R7: no second round trip), the peer's <see cref="Certificate"/>, and
/// <see cref="SeedCount"/> (0: not said), so a peer given a shorter seed list can say so. The key the
/// connection proved (<see cref="IProvenSender"/>) checks the seed's votes when the list pins none.
/// </summary>
/// <para><see cref="SeedKeys"/>: the seeds' keys the answering seed knows, which it vouches for
/// (<see cref="IPeerIdentity.SeedsVouch"/>); empty where nodes prove no keys (the simulator).</para>
public sealed record RegisterReply(bool Accepted, string Reason, PeerListReply? PeerList, int SeedCount = 0,
    MembershipCertificate Certificate = default, SeedKey[]? SeedKeys = null, long SetVersion = 0) : Message, IProvenSender
{
    public override MessageKind Kind => MessageKind.RegisterReply;
    public NodeKey? SenderKey { get; init; }
    public Message WithSenderKey(NodeKey? key) => this with { SenderKey = key };
}

/// <summary>
/// A peer list. <see cref="Complete"/> = the seed's whole list; otherwise <see cref="Entries"/>
/// is a sample drawn by the seed in proportion to degree (large networks), and
/// <see cref="TotalPeers"/> says how big the list it came from is.
/// </summary>
public sealed record PeerListReply(PeerListEntry[] Entries, bool Complete, int TotalPeers) : Message
{
    public override MessageKind Kind => MessageKind.PeerListReply;
}

/// <summary>
/// The seeds removed a member by majority: close the link to it (R11), or, told about oneself, register again. It carries the
/// removal commit's <see cref="Proof"/> (a majority's signed votes), which the peer checks as a seed checks a commit before it
/// acts; a notice without one (the seed holds no proof any more, or never knew the member) only makes a peer told about itself
/// ask the seeds whether it is listed.
/// </summary>
public sealed record RemovalNotice(PeerId Removed, CommitProof? Proof) : Message
{
    public override MessageKind Kind => MessageKind.RemovalNotice;
}

/// <summary>A dead-node report the seed would not act on (unknown peer, or the removal vote failed).</summary>
public sealed record ReportRejected(NodeAddress Dead, string Reason) : Message
{
    public override MessageKind Kind => MessageKind.ReportRejected;
}

/// <summary>
/// A seed's answer about a peer's membership: whether it lists the peer (live, at this
/// incarnation or newer), and how many committed operations it holds, so a lagging seed's
/// "no" can be told from an informed one in the peer's log.
/// </summary>
public sealed record MembershipStatus(bool Listed, long CommitPosition) : Message
{
    public override MessageKind Kind => MessageKind.MembershipStatus;
}

/// <summary>The answer to a <see cref="MemberQuery"/> about an address that is not a live member: drop its link.</summary>
public sealed record NotAMember(NodeAddress Peer) : Message
{
    public override MessageKind Kind => MessageKind.NotAMember;
}

/// <summary>
/// A member the seeds removed, as a seed hands it on: who (the incarnation removed, and every
/// earlier one with it), the proof of the removal commit (a majority's signed votes, checked by
/// the peer as a seed checks a commit), and when the peer may forget it (the seed's clock): by
/// then any certificate of that incarnation has expired anyway.
/// </summary>
public readonly record struct RemovedMember(PeerId Member, TimeSpan ForgetAt, CommitProof? Proof);

/// <summary>
/// A seed's answer to a member's periodic refresh (<see cref="DegreeUpdate.Refresh"/>): a new
/// renewal of its certificate for <see cref="Incarnation"/>, and the seeds' recent removals
/// (bounded, newest last), so every peer refuses a removed member's links and gossip within one
/// refresh period. A non-member is answered as before (<see cref="RemovalNotice"/>,
/// <see cref="MembershipStatus"/>), never renewed. It carries the seeds' keys the seed vouches for, as a registration answer does.
/// </summary>
public sealed record RefreshReply(long Incarnation, CertificateRenewal Renewal, RemovedMember[] Removals, SeedKey[]? SeedKeys = null,
    long SetVersion = 0) : Message, IProvenSender
{
    public override MessageKind Kind => MessageKind.RefreshReply;
    public NodeKey? SenderKey { get; init; }
    public Message WithSenderKey(NodeKey? key) => this with { SenderKey = key };
}

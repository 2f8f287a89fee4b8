using GossipSim.Engine.Core;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Messages;

/// <summary>
/// R7: a peer asks a seed to register it (and for a peer list once it is in). The registration
/// binds the key its connection proved (<see cref="IProvenSender"/>), never one a message claims.
/// </summary>
public sealed record RegisterRequest(long Incarnation) : Message, IProvenSender
{
    public override MessageKind Kind => MessageKind.RegisterRequest;
    public NodeKey? SenderKey { get; init; }
    public Message WithSenderKey(NodeKey? key) => this with { SenderKey = key };
}

/// <summary>A registered peer asks for a fresh peer list (to re-attach after losing links).</summary>
public sealed record PeerListRequest() : Message
{
    public override MessageKind Kind => MessageKind.PeerListRequest;
}

/// <summary>
/// A peer tells its seeds its current degree, which preferential attachment needs (R3). Report numbers
/// rise within an incarnation and a seed keeps the highest's degree, so late reports cannot undo it.
/// <see cref="Linked"/> (null: none) names the peers that accepted its links since the last report,
/// endorsing their degrees, so a degree nobody backs attracts no links (<see cref="Membership.DegreeBacking"/>).
/// <see cref="Refresh"/> marks the periodic one, answered by a <see cref="RefreshReply"/>.
/// </summary>
public sealed record DegreeUpdate(long Incarnation, int Degree, long Report, NodeAddress[]? Linked = null, bool Refresh = false) : Message
{
    public override MessageKind Kind => MessageKind.DegreeUpdate;
}

/// <summary>
/// R11: the report a peer sends when its suspicion is confirmed (see SuspicionVerdict).
/// <see cref="Line"/> is the exact text of R11: Dead Node:&lt;IP&gt;:&lt;Port&gt;:&lt;timestamp&gt;:&lt;reporter IP&gt;.
/// </summary>
public sealed record DeadNodeReport(NodeAddress Dead, long Timestamp, NodeAddress Reporter) : Message
{
    public override MessageKind Kind => MessageKind.DeadNodeReport;
    public string Line => FormatLine(Dead, Timestamp, Reporter);

    public static string FormatLine(NodeAddress dead, long timestamp, NodeAddress reporter) =>
        $"Dead Node:{dead.IpText}:{dead.Port}:{timestamp}:{reporter.IpText}";
}

/// <summary>
/// A peer leaving cleanly (SIGTERM). The seed proposes its removal, and every seed votes after
/// its own probe as for any removal (see VoteRule), so a goodbye forged in a peer's name does
/// not remove a live peer; the leaving peer has stopped answering, so the probes agree. It goes to the
/// leaver's neighbours too, each of which ends the link and passes the leave to its seeds as a
/// dead-node report (the leaver says it once: its goodbyes to the seeds may all be lost).
/// </summary>
public sealed record Goodbye(long Incarnation) : Message
{
    public override MessageKind Kind => MessageKind.Goodbye;
}

/// <summary>
/// "Do you list me?": a peer that one seed said it does not list asks the others, and
/// registers again when a majority does not (a seed that lost its state must not be trusted alone).
/// </summary>
public sealed record MembershipCheck(long Incarnation) : Message
{
    public override MessageKind Kind => MessageKind.MembershipCheck;
}

/// <summary>
/// A peer that accepted a link asks one of its seeds whether the requester is a live member.
/// The seed answers only when it is not (<see cref="NotAMember"/>): a clean run adds no reply,
/// and a silent seed leaves the link as it is.
/// </summary>
public sealed record MemberQuery(NodeAddress Peer) : Message
{
    public override MessageKind Kind => MessageKind.MemberQuery;
}

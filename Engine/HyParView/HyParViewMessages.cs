using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.HyParView;

/// <summary>
/// HyParView's JOIN and NEIGHBOR, as one request: the asker shows its membership certificate, checked like a link request's, and the
/// answer is the classic <see cref="LinkReply"/> (an acceptance shows the acceptor's). A refusal leaves the asker's entry in the
/// passive view; DISCONNECT is <see cref="LinkClose"/>.
/// </summary>
public sealed record NeighbourRequest(NeighbourAsk Ask, long Incarnation, MembershipCertificate Certificate = default) : Message, IProvenSender
{
    public override MessageKind Kind => MessageKind.NeighbourRequest;
    public NodeKey? SenderKey { get; init; }
    public Message WithSenderKey(NodeKey? key) => this with { SenderKey = key };
}

/// <summary>HyParView: the newcomer's address on a random walk of <see cref="Ttl"/> more steps; where it ends, a peer links to it.</summary>
public sealed record ForwardJoin(NodeAddress Newcomer, int Ttl) : Message
{
    public override MessageKind Kind => MessageKind.ForwardJoin;
}

/// <summary>HyParView: a sample of <see cref="Origin"/>'s views (itself first) on a random walk; where it ends, the peer answers the
/// origin directly with a sample of its passive view (<see cref="ShuffleReply"/>) and both keep what they were sent.</summary>
public sealed record Shuffle(NodeAddress Origin, int Ttl, NodeAddress[] Entries) : Message
{
    public override MessageKind Kind => MessageKind.Shuffle;
}

/// <summary>HyParView: the answer to a <see cref="Shuffle"/>, as many passive entries as it carried.</summary>
public sealed record ShuffleReply(NodeAddress[] Entries) : Message
{
    public override MessageKind Kind => MessageKind.ShuffleReply;
}

using GossipSim.Engine.Bytes;
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

/// <summary>HyParView's walk messages, as a user's overlay writes its own (<see cref="ProtocolMessage"/>): their numbers among the
/// overlay's messages, and the reader that bounds what the wire may say.</summary>
public static class WalkMessages
{
    public const ushort ForwardJoin = 1, Shuffle = 2, ShuffleReply = 3;

    /// <summary>Addresses a SHUFFLE or its answer may carry on the wire (the paper's carries 1 + ka + kp = 8): far above any view's
    /// sample; the overlay then reads only what its settings allow (<see cref="HyParViewRules.ShuffleEntriesRead"/>).</summary>
    public const int MaxEntries = 1024;

    public static ProtocolMessage Read(ushort type, ref WireReader r) => type switch
    {
        ForwardJoin => new ForwardJoin(r.Address(), r.I32()),
        Shuffle => new Shuffle(r.Address(), r.I32(), r.Addresses(MaxEntries)),
        ShuffleReply => new ShuffleReply(r.Addresses(MaxEntries)),
        _ => throw new WireFormatException($"HyParView has no message of type {type}"),
    };
}

/// <summary>HyParView: the newcomer's address on a random walk of <see cref="Ttl"/> more steps; where it ends, a peer links to it.</summary>
public sealed record ForwardJoin(NodeAddress Newcomer, int Ttl) : ProtocolMessage(RoleSlot.Overlay)
{
    public override ushort Type => WalkMessages.ForwardJoin;

    public override void Write(WireWriter writer)
    {
        writer.Address(Newcomer);
        writer.I32(Ttl);
    }
}

/// <summary>HyParView: a sample of <see cref="Origin"/>'s views (itself first) on a random walk; where it ends, the peer answers the
/// origin directly with a sample of its passive view (<see cref="ShuffleReply"/>, <see cref="OverlayContext.AnswerOrigin"/>) and
/// both keep what they were sent.</summary>
public sealed record Shuffle(NodeAddress Origin, int Ttl, NodeAddress[] Entries) : ProtocolMessage(RoleSlot.Overlay)
{
    public override ushort Type => WalkMessages.Shuffle;

    public override void Write(WireWriter writer)
    {
        writer.Address(Origin);
        writer.I32(Ttl);
        writer.Addresses(Entries);
    }
}

/// <summary>HyParView: the answer to a <see cref="Shuffle"/>, as many passive entries as it carried.</summary>
public sealed record ShuffleReply(NodeAddress[] Entries) : ProtocolMessage(RoleSlot.Overlay)
{
    public override ushort Type => WalkMessages.ShuffleReply;

    public override void Write(WireWriter writer) => writer.Addresses(Entries);
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trust;

/// <summary>
/// A seed proves a registrant listens at the address it claims: it sends a fresh nonce to that
/// address over a connection it opens for this message alone (<see cref="TravelsAlone"/>), so
/// only the listener there can learn it, and admits the registrant once the nonce comes back.
/// <see cref="Seed"/> names the seed to answer: on real TCP the challenge arrives from the
/// one-off connection's source port, not from the seed's listen address.
/// </summary>
public sealed record DialBackChallenge(NodeAddress Seed, long Nonce) : Message
{
    public override MessageKind Kind => MessageKind.DialBackChallenge;
    public override bool TravelsAlone => true;
}

/// <summary>
/// The registrant's answer, sent to the seed over its usual connection: the nonce proves that
/// the listener at its claimed address received the challenge. The seed admits the registrant
/// only when the key that connection proved (<see cref="IProvenSender"/>) is the key its
/// registration came with, so the listener that answered is the node that registered.
/// </summary>
public sealed record DialBackAnswer(long Nonce) : Message, IProvenSender
{
    public override MessageKind Kind => MessageKind.DialBackAnswer;
    public NodeKey? SenderKey { get; init; }
    public Message WithSenderKey(NodeKey? key) => this with { SenderKey = key };
}

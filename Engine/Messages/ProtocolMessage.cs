using GossipSim.Engine.Bytes;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Messages;

/// <summary>Which of a peer's three roles a <see cref="ProtocolMessage"/> belongs to: the receiving peer hands it to the same role.</summary>
public enum RoleSlot : byte
{
    /// <summary>The broadcast (how a message spreads): flood, Plumtree, or a user's.</summary>
    Broadcast = 1,
    /// <summary>The overlay (which links a peer keeps): a user's registered one.</summary>
    Overlay = 2,
}

/// <summary>
/// A message of a role that is not one of the engine's own: a user's broadcast defines its messages by deriving from this, with
/// a <see cref="Type"/> number of its own and its fields written by <see cref="Write"/> (read back by the role's
/// <c>ReadMessage</c>). In the simulator the object itself travels; between real nodes and between MPI ranks it travels in the
/// one codec's framing as kind <see cref="MessageKind.Protocol"/>: the role's slot, the type and at most
/// <see cref="MaxBodyBytes"/> bytes of body, over the same authenticated connections as every other message.
/// </summary>
public abstract record ProtocolMessage : Message
{
    /// <summary>The most bytes a protocol message's body may take on the wire; a larger one is refused when written and when read.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public sealed override MessageKind Kind => MessageKind.Protocol;

    protected ProtocolMessage() { }

    /// <summary>The engine's own roles' messages (HyParView's walks) know their slot from the start, so a test that hands one to a peer
    /// directly reaches the same role as one sent.</summary>
    private protected ProtocolMessage(RoleSlot role) => Role = role;

    /// <summary>The role that sent it: set by the peer when its role sends the message (a role never sets it).</summary>
    public RoleSlot Role { get; internal set; } = RoleSlot.Broadcast;

    /// <summary>The message's number among its role's messages (any the role likes; the role's reader switches on it).</summary>
    public abstract ushort Type { get; }

    /// <summary>Writes the message's fields, big-endian, with the codec's writer (numbers, addresses, strings, bytes).</summary>
    public abstract void Write(WireWriter writer);
}

/// <summary>
/// A protocol message as the codec reads it from the wire, before its role reads the body into its own type: the receiving peer
/// hands the body to the role of <see cref="ProtocolMessage.Role"/> (its <c>ReadMessage</c>), and the role gets its own message.
/// </summary>
public sealed record UnreadProtocolMessage(ushort MessageType, byte[] Body) : ProtocolMessage
{
    public override ushort Type => MessageType;

    public override void Write(WireWriter writer) => writer.Bytes(Body);
}

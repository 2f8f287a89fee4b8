using GossipSim.Engine.Bytes;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Protocols.Rumour;

/// <summary>
/// Rumour mongering's feedback (Demers et al., PODC 1987, section 1.4): "I had this rumour already", sent back to a neighbour
/// whose push of it was a duplicate. The pusher counts it as an unnecessary contact; after k of them it loses interest.
/// </summary>
/// <param name="Id">The rumour (a gossip message) the push carried.</param>
/// <param name="Incarnation">Its origin's membership incarnation: with <paramref name="Id"/>, what names the message.</param>
public sealed record RumourFeedback(MessageId Id, long Incarnation) : ProtocolMessage
{
    /// <summary>The feedback's number among the rumour broadcast's messages (its only one).</summary>
    public const ushort TypeNumber = 1;

    /// <summary>Its bytes on a wire: the origin's address (6), the message number (4), the incarnation (8).</summary>
    public const int BodyBytes = 18;

    /// <inheritdoc/>
    public override ushort Type => TypeNumber;

    /// <inheritdoc/>
    public override void Write(WireWriter writer)
    {
        writer.Address(Id.Origin);
        writer.I32(Id.Number);
        writer.I64(Incarnation);
    }

    /// <summary>Reads a feedback's body as <see cref="Write"/> wrote it.</summary>
    public static RumourFeedback Read(ref WireReader body)
    {
        var origin = body.Address();
        int number = body.I32();
        long incarnation = body.I64();
        return new RumourFeedback(new MessageId(origin, number), incarnation);
    }
}

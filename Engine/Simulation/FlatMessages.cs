using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Simulation;

/// <summary>
/// The common messages travel through the event queue as plain fields of their delivery event
/// (<see cref="SimEvent.TimerId"/>, <see cref="SimEvent.TagArg"/>, <see cref="SimEvent.Extra"/>),
/// not as objects, and are rebuilt, equal, when delivered. Why: a message object in flight is
/// alive whenever the collector runs, so with millions in flight every young collection copied
/// them into older generations, where they died soon after and drove collections of the whole
/// heap (at a million peers, a fifth of the run's time). Rebuilt at delivery, a message lives
/// for one callback and dies young. The node sees the same message either way.
/// </summary>
internal static class FlatMessages
{
    private const long PortFlag = 1L << 62;

    /// <summary>Writes the message into the event when its kind has a flat form; false keeps it as an object.</summary>
    public static bool TryFlatten(Message message, ref SimEvent e)
    {
        switch (message)
        {
            case Ping m:
                e.TimerId = m.Nonce;
                break;
            case Pong m:
                e.TimerId = m.Nonce;
                e.TagArg = m.Incarnation;
                e.Payload = m.NeighbourSample; // shared and long-lived: one sample per responder and ping interval
                break;
            case Messages.Gossip m:
                e.TimerId = (long)m.Id.Origin.Key | (m.TextHasPort ? PortFlag : 0);
                e.TagArg = m.CreatedAt.Ticks;
                e.Extra = ((long)m.Id.Number << 32) | (uint)m.Hops;
                break;
            case DegreeUpdate m:
                e.TimerId = m.Incarnation;
                e.Extra = m.Degree;
                break;
            case DegreeRelay m:
                e.TimerId = (long)m.Peer.Key;
                e.TagArg = m.Incarnation;
                e.Extra = m.Degree;
                break;
            case LinkRequest m:
                e.TimerId = m.Incarnation;
                break;
            case LinkReply m:
                e.TimerId = m.Incarnation;
                e.Extra = m.Accepted ? 1 : 0;
                break;
            case RegisterRequest m:
                e.TimerId = m.Incarnation;
                break;
            case Propose m:
                e.TimerId = m.ProposalId;
                e.TagArg = m.Op.Peer.Incarnation;
                e.Extra = (long)m.Op.Peer.Address.Key | ((long)m.Op.Change << 56);
                break;
            case Vote m:
                e.TimerId = m.ProposalId;
                e.Extra = m.Yes ? 1 : 0;
                e.Payload = m.Reason; // nearly always one of a few constant strings
                break;
            default:
                return false;
        }
        e.Flat = message.Kind;
        return true;
    }

    /// <summary>The message a flat delivery event carries, rebuilt.</summary>
    public static Message Rebuild(in SimEvent e) => e.Flat switch
    {
        MessageKind.Ping => new Ping(e.TimerId),
        MessageKind.Pong => new Pong(e.TimerId, e.TagArg, (NodeAddress[])e.Payload!),
        MessageKind.Gossip => new Messages.Gossip(
            new MessageId(NodeAddress.FromKey((ulong)(e.TimerId & ~PortFlag)), (int)(e.Extra >> 32)),
            new TimeSpan(e.TagArg), (int)(uint)e.Extra, (e.TimerId & PortFlag) != 0),
        MessageKind.DegreeUpdate => new DegreeUpdate(e.TimerId, (int)e.Extra),
        MessageKind.DegreeRelay => new DegreeRelay(NodeAddress.FromKey((ulong)e.TimerId), e.TagArg, (int)e.Extra),
        MessageKind.LinkRequest => new LinkRequest(e.TimerId),
        MessageKind.LinkReply => new LinkReply(e.Extra != 0, e.TimerId),
        MessageKind.RegisterRequest => new RegisterRequest(e.TimerId),
        MessageKind.Propose => new Propose(e.TimerId, new MembershipOp(
            (MembershipChange)(byte)(e.Extra >> 56), new PeerId(NodeAddress.FromKey((ulong)e.Extra & 0xFFFF_FFFF_FFFFUL), e.TagArg))),
        MessageKind.Vote => new Vote(e.TimerId, e.Extra != 0, (string)e.Payload!),
        _ => throw new InvalidOperationException($"no flat form for {e.Flat}"),
    };
}

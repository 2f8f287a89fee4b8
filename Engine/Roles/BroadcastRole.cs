using GossipSim.Engine.Bytes;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Roles;

/// <summary>
/// A peer's <b>broadcast</b>: what it does with a message it created or received for the first time, and with each copy after
/// that. The peer does the rest, the same for every broadcast: it takes gossip only from neighbours and within the protocol's
/// bounds, checks each message against its origin's signature once, records it in the Message List (which decides first receipts)
/// and delivers it (trace, log). The role decides who gets it and what else is said: the flood sends it on every link it has not
/// crossed; Plumtree sends it on tree links and an IHAVE on the others; a user's broadcast whatever its paper says.
/// <para>
/// One object a peer (<see cref="BroadcastChoice.Create"/> makes it when the peer is made). It is called on the peer's own
/// thread only, one call at a time, and acts on the world only through the <see cref="BroadcastContext"/> it is handed: no
/// sockets, clock, threads or <see cref="System.Random"/>, so the same code runs on the simulator (any thread count, any MPI rank
/// count: same seed, same trace) and on real nodes. An exception it throws stops the run, naming the node, the time and the
/// message (<see cref="RoleFailedException"/>).
/// </para>
/// </summary>
public abstract class BroadcastRole
{
    /// <summary>A message this peer created (<see cref="GossipCopy.From"/> is <see cref="NodeAddress.None"/>) or received for the
    /// first time: the peer has recorded and delivered it; spread it.</summary>
    public abstract void OnFirstReceipt(BroadcastContext peer, in GossipCopy copy);

    /// <summary>Another copy of a message this peer has, from a neighbour: the peer drops it (counted, never delivered twice).</summary>
    public virtual void OnDuplicate(BroadcastContext peer, in GossipCopy copy) { }

    /// <summary>One of this broadcast's own messages from a neighbour (a <see cref="ProtocolMessage"/> its
    /// <see cref="ReadMessage"/> read, or for the built-in Plumtree one of its IHAVE, GRAFT and PRUNE). The peer took it only from
    /// a neighbour; anything else about it is the role's to check.</summary>
    public virtual void OnMessage(BroadcastContext peer, NodeAddress from, Message message) =>
        peer.Reject($"dropped {message.Kind} from {from}: the {peer.BroadcastName} broadcast has no such message");

    /// <summary>A timer this role set (<see cref="BroadcastContext.SetTimer"/>) fired, with the number it was given.</summary>
    public virtual void OnTimer(BroadcastContext peer, long arg) { }

    /// <summary>A link was made: <paramref name="neighbour"/> is in <see cref="BroadcastContext.Neighbours"/> from now on.</summary>
    public virtual void OnLinkUp(BroadcastContext peer, NodeAddress neighbour) { }

    /// <summary>A link ended (closed, its neighbour gone or removed): it is no longer in <see cref="BroadcastContext.Neighbours"/>.</summary>
    public virtual void OnLinkDown(BroadcastContext peer, NodeAddress neighbour) { }

    /// <summary>A send to <paramref name="neighbour"/> failed, as TCP reports it (refused or reset: it is down); it is still a neighbour
    /// (<see cref="Core.Node.OnSendFailed"/> says what the report is worth). Plumtree's paper grafts around it; by default nothing.</summary>
    public virtual void OnSendFailed(BroadcastContext peer, NodeAddress neighbour) { }

    /// <summary>The Message List's periodic sweep (every half its time to live): let go of what is past its time.</summary>
    public virtual void OnSweep(BroadcastContext peer) { }

    /// <summary>The peer stops: trace or log the role's own counts.</summary>
    public virtual void OnStop(BroadcastContext peer) { }

    /// <summary>
    /// Reads the body of one of this role's <see cref="ProtocolMessage"/>s, as its <see cref="ProtocolMessage.Write"/> wrote it,
    /// when it came over a wire (real nodes, another MPI rank): <paramref name="type"/> is its <see cref="ProtocolMessage.Type"/>.
    /// Throw <see cref="WireFormatException"/> for a body that is not one (the peer drops it, counted and logged); read every byte.
    /// </summary>
    public virtual ProtocolMessage ReadMessage(ushort type, ref WireReader body) =>
        throw new WireFormatException($"this broadcast has no message of type {type}");
}

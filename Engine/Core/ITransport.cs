using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Core;

/// <summary>
/// Called by a transport for every message it receives. <paramref name="from"/> is the sender's
/// address (the one it listens at, so a reply sent there reaches it); <paramref name="wireBytes"/>
/// is the size of the message on the wire (0 where there is no wire: a message to oneself, the
/// simulator), so a host can bound the memory of what waits for it.
/// </summary>
public delegate void MessageHandler(NodeAddress from, Message message, int wireBytes);

/// <summary>
/// How a node's messages reach others: the seam between the protocol and a network (simulated, or TCP
/// in <c>RealNet.Transport.TcpTransport</c>). Contract, checked for every implementation by one suite
/// (Transport.Contract.Tests): best effort, so a message may be lost, duplicated or late, unreported, and
/// <see cref="Send"/> never throws or blocks for a network reason (liveness is the protocol's job). TCP
/// keeps one sender's order while its link holds (gaps, never swaps); the simulator need not, so the
/// protocol must not rely on order. The <see cref="Start"/> handler gets each message with its sender,
/// on TCP's threads (concurrent across senders) or the simulation's, and must not block. Sending where
/// nobody listens is a cheap silent drop; bad input closes that connection only. Abort is a crash (held
/// messages discarded, those in flight arrive); DisposeAsync stops receiving, lets queued messages leave
/// for a bounded time, then closes. Sending after either is a silent drop.
/// </summary>
public interface ITransport : IAsyncDisposable
{
    /// <summary>The address this transport is reachable at (with the real port when it was bound to port 0).</summary>
    NodeAddress LocalAddress { get; }

    /// <summary>Begins delivering received messages to <paramref name="onMessage"/>. Called once, before the first
    /// <see cref="Send"/>.</summary>
    void Start(MessageHandler onMessage);

    /// <summary>Hands a message to the network for <paramref name="to"/>; see the contract above.</summary>
    void Send(NodeAddress to, Message message);

    /// <summary>Crash: stop receiving and drop what is still queued for sending; see the contract above.</summary>
    void Abort();
}

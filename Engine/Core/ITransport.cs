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
/// How a node's messages reach other nodes: the seam between the protocol and a network, the
/// simulated one (<c>Simulation.SimTransport</c>) or TCP (<c>RealNet.Transport.TcpTransport</c>).
/// The contract, checked for every implementation by one test suite (Transport.Contract.Tests):
/// <list type="bullet">
/// <item><b>Best effort.</b> A message may be lost (the receiver is down, unreachable, too slow,
/// the network drops it); nothing is reported to the sender. <see cref="Send"/> never throws for
/// a network reason and never blocks on the network. Liveness is the protocol's job (pings).
/// An implementation may also deliver a message twice or late (the simulator can be asked to);
/// the protocol copes with both.</item>
/// <item><b>Per-sender order, where promised.</b> TCP delivers the messages from one sender to
/// one receiver in the order they were sent, as long as the link between them does not fail in
/// between (a lost message leaves a gap, never a swap). The simulator draws each message's delay
/// on its own, so it keeps the order only when its latency is constant; the protocol must not
/// rely on order.</item>
/// <item><b>Who calls back.</b> The handler given to <see cref="Start"/> gets every received
/// message with its sender's address. TCP calls it on its own threads, possibly concurrently
/// for different senders, in order for any one sender; the simulator calls it on the one thread
/// that runs the simulation, in virtual-time order. The handler must not block: a node host only
/// queues the message for the node's loop.</item>
/// <item><b>The other end gone.</b> Sending to an address where nobody listens (never did,
/// crashed, left) drops the message silently; it costs little (TCP backs off from an address
/// whose connect failed) and leaves every other link alone. Bad input from the network (a
/// malformed, oversized or stalled frame, an unauthenticated hello) closes that connection only.</item>
/// <item><b>Abort</b> is a crash: the endpoint stops receiving at once, and messages it still holds
/// for sending (TCP's per-connection queues) are discarded; the receiver sees a prefix of what
/// was sent. What already left (the simulator's messages in flight) still arrives.</item>
/// <item><b>DisposeAsync</b> is the clean close: stop receiving, give queued messages a bounded
/// time to leave (a goodbye must get out), then close. Sending after either is a silent drop.</item>
/// </list>
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

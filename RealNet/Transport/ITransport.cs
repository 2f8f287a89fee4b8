using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

namespace GossipSim.RealNet.Transport;

/// <summary>
/// Called by a transport for every message it receives, on a transport thread. <paramref name="wireBytes"/>
/// is the size of the message's frame payload (0 for a message a node sent itself), so a host
/// can bound the memory of what waits for it.
/// </summary>
public delegate void MessageHandler(NodeAddress from, Message message, int wireBytes);

/// <summary>
/// How a node's messages reach other nodes. The contract (what <c>INodeContext.Send</c> promises):
/// <list type="bullet">
/// <item>Best effort. A message may be lost when the receiver is down, unreachable or too slow;
/// nothing is reported to the sender, and <see cref="Send"/> never throws and never blocks on the network.</item>
/// <item>Messages from one sender to one receiver arrive in the order they were sent, as long
/// as the link between them does not fail in between.</item>
/// <item><see cref="Start"/>'s handler is called on transport threads, possibly concurrently
/// for different senders, in order for any one sender; <c>from</c> is the sender's listen
/// address. The handler must not block: a node host only queues the message.</item>
/// <item>Bad input from the network (a malformed, oversized or stalled frame, a bad or
/// unauthenticated hello, a message its sender may not send) closes that connection only; the
/// transport and every other link keep working.</item>
/// </list>
/// </summary>
public interface ITransport : IAsyncDisposable
{
    /// <summary>The address this transport is reachable at (with the real port when it was bound to port 0).</summary>
    NodeAddress LocalAddress { get; }

    /// <summary>Begins accepting and delivering messages. Called once, before the first <see cref="Send"/>.</summary>
    void Start(MessageHandler onMessage);

    /// <summary>Queues a message for <paramref name="to"/>; see the contract above.</summary>
    void Send(NodeAddress to, Message message);

    /// <summary>Crash: closes every connection at once, sending nothing that is still queued.</summary>
    void Abort();

    // DisposeAsync is the clean close: stop accepting, give queued messages a bounded time to
    // leave (a goodbye must get out), then close.
}

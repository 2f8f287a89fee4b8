using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Messages;

/// <summary>
/// A message whose receiver needs the key its sender's connection proved: a registration binds
/// it, a dial-back answer and a link's request and reply are checked against it. The key is
/// never on the wire: the receiving runtime stamps every such message with the key its
/// connection proved (RealNet's transport, one rule for all of them); the simulator proves no
/// keys and leaves it null.
/// </summary>
public interface IProvenSender
{
    /// <summary>The key the sender's connection proved; null where nothing was proven (the simulator).</summary>
    NodeKey? SenderKey { get; }

    /// <summary>This message as delivered from a connection that proved <paramref name="key"/>.</summary>
    Message WithSenderKey(NodeKey? key);
}

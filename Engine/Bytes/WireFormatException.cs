using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Bytes;

/// <summary>
/// The one error the wire layer raises for bad input from the network: a malformed, truncated,
/// oversized or unexpected payload or frame. On RealNet the connection that carried it is
/// closed; the node goes on.
/// </summary>
public sealed class WireFormatException(string message) : Exception(message);

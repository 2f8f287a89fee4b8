using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>
/// A commit store could not make an operation durable (a full disk, an I/O error). The store
/// holds exactly what it held before the call, so the caller must treat the commit as not made,
/// and a later append may succeed. The message names the store and the reason, for an operator.
/// </summary>
public sealed class CommitNotDurableException(string message, Exception? inner = null) : Exception(message, inner);

using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Core;

/// <summary>
/// A node found that it must not run on (its configuration contradicts what it meets, such as
/// another seed's seed list): the host stops it and reports <see cref="Exception.Message"/>,
/// which says what is wrong and what to do, as the node's error.
/// </summary>
public sealed class NodeHaltException(string message) : Exception(message);

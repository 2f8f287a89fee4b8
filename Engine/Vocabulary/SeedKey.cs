using GossipSim.Engine.Core;

namespace GossipSim.Engine.Vocabulary;

/// <summary>
/// A seed's key as another seed knows it (pinned in its seed list, or learned when the seeds first met): what a seed vouches
/// for in its answers to peers, so a peer learns an unpinned seed's key from a majority of seeds, not from whoever reaches it
/// first under that seed's address.
/// </summary>
public readonly record struct SeedKey(NodeAddress Seed, NodeKey Key);

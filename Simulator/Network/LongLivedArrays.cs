using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Network;

/// <summary>
/// Where the simulator makes the arrays a node keeps for long (<see cref="NodeContext.NewLongLived"/>):
/// in the pinned heap, which is collected with the old generation. A hub draws one ping sample
/// per ping interval and every pinger stores it in its long-lived neighbour table; a young array
/// stored in old tables would mark a card in each, which every young collection then scans
/// (docs/performance.md, section 2: what lets it hold a million peers).
/// </summary>
public static class LongLivedArrays
{
    public static readonly Func<int, NodeAddress[]> Addresses = count => GC.AllocateArray<NodeAddress>(count, pinned: true);
}

using GossipSim.Engine.Core;
using GossipSim.Simulator.Events;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.World;

/// <summary>
/// What a partition needs of a node's attachment to send and set timers for it: the node's
/// index, its own network stream (its messages' delays and losses, the same numbers whichever
/// thread runs it) and its event keys, counted over all its lives. The attachment itself
/// (<see cref="Network.SimTransport"/>) sits above the partitions it calls; this part sits below
/// them, so they never name it. Non-virtual: a send pays no dispatch for it.
/// </summary>
public abstract class NodeAttachment : NodeContext
{
    private long _made;

    private protected NodeAttachment(NodeAddress address, Rng random, int index, Rng networkRandom, long made) : base(address, random)
    {
        Index = index;
        NetworkRandom = networkRandom;
        _made = made;
    }

    internal int Index { get; }
    internal Rng NetworkRandom { get; }
    internal long Made => _made;

    /// <summary>The key of the next event this node makes (see <see cref="EventKey"/>).</summary>
    internal long NextKey() => EventKey.Of(EventKey.SlotOfNode(Index), _made++);
}

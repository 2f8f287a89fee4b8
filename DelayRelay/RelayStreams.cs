using GossipSim.Engine.Vocabulary;

namespace GossipSim.DelayRelay;

/// <summary>The delay relay's random streams.</summary>
public static class RelayStreams
{
    /// <summary>One direction of one connection: 2 × connection id, + 1 for the way back.</summary>
    public static Rng Direction(ulong seed, long connection, bool back) =>
        Rng.ForStream(seed, (ulong)connection * 2 + (back ? 1UL : 0UL), 0x52454C4159); // "RELAY"
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Latency;

/// <summary>
/// A uniform number that is a pure function of a run's salt, a key and a gossip message: every
/// copy of one message asks the same question and gets the same answer, with no state and no draw
/// of the network's stream. A model keys by the receiving node, or by a constant for a draw per message.
/// </summary>
public static class KeyedDraw
{
    /// <summary>In [0, 1).</summary>
    public static double Uniform(ulong salt, uint key, MessageId message)
    {
        ulong x = salt ^ key;
        x = Rng.SplitMix64(ref x) ^ ((ulong)message.Origin.Ip << 16 | message.Origin.Port);
        x = Rng.SplitMix64(ref x) ^ (uint)message.Number;
        return (Rng.SplitMix64(ref x) >> 11) * (1.0 / (1UL << 53));
    }
}

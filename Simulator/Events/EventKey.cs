namespace GossipSim.Simulator.Events;

/// <summary>
/// An event's place among events of the same virtual time: who made it (slot 0 is the network
/// itself: starts, faults and other control; node i is slot i + 1) and how many events its
/// maker had made before. Both are the maker's own history, so the order of two events never
/// depends on which thread ran their makers or in what order partitions were merged: the run
/// is the same for any number of threads. Packed as slot &lt;&lt; 31 | count, below 2^55, so a
/// timer's id (the key with its kind in a low byte) still fits a long.
/// </summary>
public static class EventKey
{
    public const int CountBits = 31;
    /// <summary>Node indices run below this (slots are 24 bits, and slot 0 is the network's).</summary>
    public const int MaxNodes = (1 << 24) - 1;

    public static long Of(int slot, long count)
    {
        if (count >= 1L << CountBits)
            throw new InvalidOperationException($"{(slot == 0 ? "the network" : $"node {slot - 1}")} made more than {1L << CountBits:N0} "
                + $"events: more than one run's event keys can number");
        return (long)slot << CountBits | count;
    }

    public static int SlotOfNode(int index) => index + 1;
}

using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Gossip;

/// <summary>
/// The index of a long <see cref="MessageList"/>: an open-addressed table (linear probing) of
/// ring slots plus one, 0 for an empty cell, at least twice as many cells as the ring has slots
/// so runs stay short. Four bytes a cell where a dictionary of (key, position) pairs took about
/// 30 bytes an entry; the list keeps the keys, the table only points at them. Lookups and
/// deletions live in the list, which knows how to hash an entry.
/// </summary>
internal static class RingIndex
{
    /// <summary>An empty table for a ring of <paramref name="ringSlots"/>: the next power of two of at least twice that.</summary>
    public static int[] For(int ringSlots) => new int[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, ringSlots * 2))];

    /// <summary>Puts a ring slot in the first empty cell of its run, starting at <paramref name="hash"/>.</summary>
    public static void Insert(int[] index, int hash, int slot)
    {
        int mask = index.Length - 1;
        int cell = hash & mask;
        while (index[cell] != 0) cell = (cell + 1) & mask;
        index[cell] = slot + 1;
    }
}

using System.Numerics;

namespace GossipSim.Engine.Gossip;

/// <summary>
/// The index of a long <see cref="MessageList"/>: an open-addressed table (linear probing) of ring slots plus one, 0 for an empty
/// cell, at least twice as many cells as the ring has slots so runs stay short. Two bytes a cell while the ring's slots fit in
/// them (up to 65,535: every list of the default capacity but one that passed 32,768 messages), four beyond: a peer keeping 100
/// messages holds 512 bytes of index, not 1,024. A dictionary of (key, position) pairs took about 30 bytes an entry; the list
/// keeps the keys, the table only points at them. How an entry hashes and compares is the list's (<see cref="MessageList"/>).
/// </summary>
internal static class RingIndex
{
    /// <summary>An empty table for a ring of <paramref name="ringSlots"/>: the next power of two of at least twice that, of
    /// <c>ushort</c> cells while they hold every slot plus one, else of <c>int</c>.</summary>
    public static Array For(int ringSlots)
    {
        int cells = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, ringSlots * 2));
        return ringSlots <= ushort.MaxValue ? new ushort[cells] : new int[cells];
    }

    /// <summary>Puts a ring slot in the first empty cell of its run, starting at <paramref name="hash"/>.</summary>
    public static void Insert(Array index, int hash, int slot)
    {
        if (index is ushort[] narrow) Insert(narrow, hash, slot);
        else Insert((int[])index, hash, slot);
    }

    private static void Insert<TCell>(TCell[] index, int hash, int slot) where TCell : unmanaged, IBinaryInteger<TCell>
    {
        int mask = index.Length - 1;
        int cell = hash & mask;
        while (index[cell] != TCell.Zero) cell = (cell + 1) & mask;
        index[cell] = TCell.CreateTruncating(slot + 1);
    }

    /// <summary>The ring slot in a cell, or -1 for an empty one.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int SlotIn<TCell>(TCell[] index, int cell) where TCell : unmanaged, IBinaryInteger<TCell> =>
        int.CreateTruncating(index[cell]) - 1;
}

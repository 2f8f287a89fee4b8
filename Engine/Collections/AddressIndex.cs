using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Collections;

/// <summary>
/// Address to a small number (the simulator's node index, a hub's neighbour position): open
/// addressing on the address's 48-bit key with linear probing, so a lookup is usually one
/// cache miss (a dictionary takes two: bucket, then entry). Holds at most two cells in three,
/// in a table of any length; entries are never removed one by one (a crashed node keeps its
/// index for its restart), only all at once.
/// </summary>
public sealed class AddressIndex
{
    // Packed to 12 bytes (a 16-byte cell is a quarter padding): a hub's neighbour index and the
    // seeds' member index are a large share of a million-peer heap (docs/performance.md, section 4).
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Pack = 4)]
    private struct Cell
    {
        public ulong Stored; // key + 1, so 0 marks an empty cell
        public int Value;    // beside its key: a hit reads one cache line
    }

    // Any length, not a power of two, and up to two thirds full: a power of two at most half
    // full held 2.6 cells an address at 2*10^5 peers and 3.4 at 10^7, for each seed's member
    // index and the simulator's (docs/performance.md, section 4). At two thirds full a hit takes
    // two probes on average, a miss five: 12-byte cells, one or two cache lines either way.
    private Cell[] _cells;
    private int _count;

    /// <param name="capacity">Addresses expected: room for them is made at once.</param>
    public AddressIndex(int capacity = 512) => _cells = new Cell[CellsFor(capacity)];

    private static int CellsFor(int capacity) => Math.Max(4, checked(capacity + capacity / 2 + 1));

    public void Clear()
    {
        Array.Clear(_cells);
        _count = 0;
    }

    public int Count => _count;

    public bool TryGet(NodeAddress a, out int index)
    {
        ulong stored = a.Key + 1;
        var cells = _cells;
        for (int i = Slot(stored, cells.Length); ; i = Next(i, cells.Length))
        {
            ulong k = cells[i].Stored;
            if (k == stored) { index = cells[i].Value; return true; }
            if (k == 0) { index = -1; return false; }
        }
    }

    public bool Contains(NodeAddress a) => TryGet(a, out _);

    /// <summary>Starts loading the cell where a lookup of this address begins (<see cref="ReadAhead"/>).</summary>
    public void ReadAheadCell(NodeAddress a, ReadAhead readAhead) => readAhead.Element(_cells, Slot(a.Key + 1, _cells.Length));

    /// <summary>Adds a new address (the caller has checked it is not there).</summary>
    public void Add(NodeAddress a, int index)
    {
        if (3L * (_count + 1) > 2L * _cells.Length) Grow();
        Insert(_cells, a.Key + 1, index);
        _count++;
    }

    // The key mixed, then its top 32 bits scaled to the table's length (a multiply, not a modulo).
    // The mix matters: one multiply, enough for a power of two, left the simulator's consecutive
    // addresses in runs of 14 probes on average once scaled to any other length; mixed, a hit
    // takes 2 and a miss 5, as for random keys.
    private static int Slot(ulong stored, int length)
    {
        ulong h = stored * 0x9E3779B97F4A7C15UL;
        h = (h ^ (h >> 32)) * 0xD6E8FEB86659FD93UL;
        return (int)((h >> 32) * (ulong)length >> 32);
    }

    private static int Next(int i, int length) => ++i == length ? 0 : i;

    private static void Insert(Cell[] cells, ulong stored, int index)
    {
        int i = Slot(stored, cells.Length);
        while (cells[i].Stored != 0) i = Next(i, cells.Length);
        cells[i].Stored = stored;
        cells[i].Value = index;
    }

    /// <summary>Makes room for this many addresses at once (one copy, not one per doubling).</summary>
    public void Reserve(int capacity)
    {
        int cells = CellsFor(capacity);
        if (cells > _cells.Length) Rehash(cells);
    }

    private void Grow() => Rehash(_cells.Length * 2);

    private void Rehash(int size)
    {
        var cells = new Cell[size];
        foreach (var c in _cells)
            if (c.Stored != 0) Insert(cells, c.Stored, c.Value);
        _cells = cells;
    }
}

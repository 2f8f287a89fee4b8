namespace GossipSim.Engine.Core;

/// <summary>
/// Address to a small number (the simulator's node index, a hub's neighbour position): open
/// addressing on the address's 48-bit key with linear probing, so a lookup is usually one
/// cache miss (a dictionary takes two: bucket, then entry). Grows at half full; entries are
/// never removed one by one (a crashed node keeps its index for its restart), only all at once.
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

    private Cell[] _cells;
    private int _count;

    /// <param name="capacity">Addresses expected: room for them is made at once.</param>
    public AddressIndex(int capacity = 512)
    {
        int cells = 4;
        while (cells < 2 * capacity) cells *= 2;
        _cells = new Cell[cells];
    }

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
        int mask = cells.Length - 1;
        for (int i = Slot(stored, mask); ; i = (i + 1) & mask)
        {
            ulong k = cells[i].Stored;
            if (k == stored) { index = cells[i].Value; return true; }
            if (k == 0) { index = -1; return false; }
        }
    }

    public bool Contains(NodeAddress a) => TryGet(a, out _);

    /// <summary>Starts loading the cell where a lookup of this address begins (<see cref="ReadAhead"/>).</summary>
    public void ReadAheadCell(NodeAddress a) => ReadAhead.Element(_cells, Slot(a.Key + 1, _cells.Length - 1));

    /// <summary>Adds a new address (the caller has checked it is not there).</summary>
    public void Add(NodeAddress a, int index)
    {
        if (2 * (_count + 1) > _cells.Length) Grow();
        Insert(_cells, a.Key + 1, index);
        _count++;
    }

    private static int Slot(ulong stored, int mask) => (int)((stored * 0x9E3779B97F4A7C15UL) >> 32) & mask;

    private static void Insert(Cell[] cells, ulong stored, int index)
    {
        int mask = cells.Length - 1;
        int i = Slot(stored, mask);
        while (cells[i].Stored != 0) i = (i + 1) & mask;
        cells[i].Stored = stored;
        cells[i].Value = index;
    }

    /// <summary>Makes room for this many addresses at once (one copy, not one per doubling).</summary>
    public void Reserve(int capacity)
    {
        int cells = _cells.Length;
        while (cells < 2 * capacity) cells *= 2;
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

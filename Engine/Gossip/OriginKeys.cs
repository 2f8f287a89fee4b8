using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Gossip;

/// <summary>
/// The origins (address and incarnation) of a <see cref="MessageList"/>'s messages, each kept once with the number of
/// entries that name it, so an entry holds a 4-byte key instead of 16 bytes: a list holds many messages from few origins
/// (sim-100k: 100 messages from 10). A key is freed with its last entry and handed out again. A short table is scanned;
/// a long one (every peer an origin) keeps an open-addressed index of its rows, as the list does of its entries.
/// </summary>
internal struct OriginKeys
{
    private const int ScanMax = 8;

    private struct Row
    {
        public NodeAddress Origin;
        public long Incarnation;
        public int Uses;     // entries that name this row; 0: free
        public int NextFree; // while free: the next free row, or -1
    }

    private Row[]? _rows;
    private int _used;     // rows handed out at least once
    private int _free;     // the first free row below _used, plus one (0: none)
    private int[]? _index; // only while the table is long

    /// <summary>The key of an origin's incarnation, or -1 when no entry names it.</summary>
    public readonly int Find(NodeAddress origin, long incarnation)
    {
        if (_rows == null) return -1;
        if (_index != null)
        {
            int mask = _index.Length - 1;
            for (int cell = Hash(origin, incarnation) & mask; ; cell = (cell + 1) & mask)
            {
                int row = _index[cell] - 1;
                if (row < 0) return -1;
                ref var r = ref _rows[row];
                if (r.Incarnation == incarnation && r.Origin == origin) return row;
            }
        }
        for (int row = 0; row < _used; row++)
        {
            ref var r = ref _rows[row];
            if (r.Uses > 0 && r.Incarnation == incarnation && r.Origin == origin) return row;
        }
        return -1;
    }

    /// <summary>The key of an origin's incarnation for one more entry: its row, or a new one.</summary>
    public int Acquire(NodeAddress origin, long incarnation)
    {
        int row = Find(origin, incarnation);
        if (row >= 0)
        {
            _rows![row].Uses++;
            return row;
        }
        if (_free > 0)
        {
            row = _free - 1;
            _free = _rows![row].NextFree + 1;
        }
        else
        {
            if (_rows == null || _used == _rows.Length) Grow();
            row = _used++;
        }
        _rows![row] = new Row { Origin = origin, Incarnation = incarnation, Uses = 1 };
        if (_index != null) RingIndex.Insert(_index, Hash(origin, incarnation), row);
        else if (_used > ScanMax) IndexAll();
        return row;
    }

    /// <summary>One entry fewer names this key; the last frees it.</summary>
    public void Release(int key)
    {
        ref var r = ref _rows![key];
        if (--r.Uses > 0) return;
        if (_index != null) Unindex(key);
        r.NextFree = _free - 1;
        _free = key + 1;
    }

    public readonly NodeAddress Origin(int key) => _rows![key].Origin;

    public readonly long Incarnation(int key) => _rows![key].Incarnation;

    private void Grow()
    {
        var grown = new Row[_rows == null ? 1 : _rows.Length < 4 ? _rows.Length * 2 : _rows.Length + (_rows.Length >> 1)];
        if (_rows != null) Array.Copy(_rows, grown, _used);
        _rows = grown;
        if (_index != null) IndexAll(); // a larger table wants more cells
    }

    private void IndexAll()
    {
        _index = RingIndex.For(_rows!.Length);
        for (int row = 0; row < _used; row++)
        {
            ref var r = ref _rows[row];
            if (r.Uses > 0) RingIndex.Insert(_index, Hash(r.Origin, r.Incarnation), row);
        }
    }

    /// <summary>Takes a row out of the index (Knuth's deletion, as <see cref="MessageList"/> does).</summary>
    private void Unindex(int row)
    {
        var index = _index!;
        var rows = _rows!;
        int mask = index.Length - 1;
        int hole = Hash(rows[row].Origin, rows[row].Incarnation) & mask;
        while (index[hole] != row + 1) hole = (hole + 1) & mask;
        for (int next = (hole + 1) & mask; index[next] != 0; next = (next + 1) & mask)
        {
            ref var moved = ref rows[index[next] - 1];
            int home = Hash(moved.Origin, moved.Incarnation) & mask;
            bool homeBetween = hole <= next ? home > hole && home <= next : home > hole || home <= next;
            if (homeBetween) continue;
            index[hole] = index[next];
            hole = next;
        }
        index[hole] = 0;
    }

    /// <summary>A fixed mix of the origin and incarnation (the same on every run).</summary>
    private static int Hash(NodeAddress origin, long incarnation)
    {
        ulong h = origin.Key ^ (ulong)incarnation * 0x9E3779B97F4A7C15UL;
        h ^= h >> 31;
        h *= 0xBF58476D1CE4E5B9UL;
        return (int)(h >> 33);
    }
}

using GossipSim.Engine.Core;

namespace GossipSim.Engine.Simulation;

/// <summary>
/// Node address to node index, for every message the simulator sends: open addressing on the
/// address's 48-bit key with linear probing, so a lookup is usually one cache miss (a
/// dictionary takes two: bucket, then entry). Grows at half full; nothing is ever removed
/// (a crashed node keeps its index for its restart).
/// </summary>
public sealed class AddressIndex
{
    private ulong[] _keys = new ulong[1024]; // key + 1, so 0 marks an empty cell
    private int[] _values = new int[1024];
    private int _count;

    public int Count => _count;

    public bool TryGet(NodeAddress a, out int index)
    {
        ulong stored = a.Key + 1;
        int mask = _keys.Length - 1;
        for (int i = Cell(stored, mask); ; i = (i + 1) & mask)
        {
            ulong k = _keys[i];
            if (k == stored) { index = _values[i]; return true; }
            if (k == 0) { index = -1; return false; }
        }
    }

    public bool Contains(NodeAddress a) => TryGet(a, out _);

    /// <summary>Adds a new address (the caller has checked it is not there).</summary>
    public void Add(NodeAddress a, int index)
    {
        if (2 * (_count + 1) > _keys.Length) Grow();
        Insert(_keys, _values, a.Key + 1, index);
        _count++;
    }

    private static int Cell(ulong stored, int mask) => (int)((stored * 0x9E3779B97F4A7C15UL) >> 32) & mask;

    private static void Insert(ulong[] keys, int[] values, ulong stored, int index)
    {
        int mask = keys.Length - 1;
        int i = Cell(stored, mask);
        while (keys[i] != 0) i = (i + 1) & mask;
        keys[i] = stored;
        values[i] = index;
    }

    private void Grow()
    {
        var keys = new ulong[_keys.Length * 2];
        var values = new int[keys.Length];
        for (int i = 0; i < _keys.Length; i++)
            if (_keys[i] != 0) Insert(keys, values, _keys[i], _values[i]);
        _keys = keys;
        _values = values;
    }
}

using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Collections;

/// <summary>
/// A set of small non-negative positions that remembers the order they were added in (a
/// peer's seeds, by position in its sorted seed list: those that accepted it, the first of
/// which gets its degree reports, and those asked this round). A million peers hold two of
/// these, so a small set is one word: up to eight positions below 255, a byte each
/// (position + 1; 0 ends the list). A larger set moves to a list.
/// </summary>
public struct PackedPositions
{
    private const int PackedMax = 8;
    private ulong _packed;
    private List<int>? _large;

    public readonly int Count
        => _large?.Count ?? (_packed == 0 ? 0 : PackedMax - System.Numerics.BitOperations.LeadingZeroCount(_packed) / 8);

    /// <summary>The position of the k-th seed added.</summary>
    public readonly int this[int k]
    {
        get
        {
            if (_large != null) return _large[k];
            if ((uint)k >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(k));
            return (int)((_packed >> (8 * k)) & 0xFF) - 1;
        }
    }

    public readonly bool Contains(int position)
    {
        if (_large != null) return _large.Contains(position);
        for (ulong p = _packed; p != 0; p >>= 8)
            if ((int)(p & 0xFF) - 1 == position) return true;
        return false;
    }

    public void Add(int position)
    {
        int count = Count;
        if (_large == null && (count == PackedMax || position >= 255))
        {
            var large = new List<int>(count + 1);
            for (int k = 0; k < count; k++) large.Add(this[k]);
            _large = large;
        }
        if (_large != null) _large.Add(position);
        else _packed |= (ulong)(position + 1) << (8 * count);
    }

    public void Clear()
    {
        _packed = 0;
        _large = null;
    }
}

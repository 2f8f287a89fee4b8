using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Collections;

/// <summary>
/// A set of small non-negative positions (which seeds voted one way, by position in the sorted
/// seed list), a bit each: a million-peer join makes two million proposals, each with two of
/// these, so the first 64 positions live in one word and a set holds no object of its own
/// unless a position of 64 or more is added (a run with more than 64 seeds).
/// </summary>
public struct PositionSet
{
    private ulong _low;          // positions 0..63
    private HashSet<int>? _high; // 64 and above

    public int Count { get; private set; }

    public readonly bool Contains(int position) =>
        position < 64 ? (_low & (1UL << position)) != 0 : _high?.Contains(position) == true;

    /// <summary>Adds a position; false when it was already in the set.</summary>
    public bool Add(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        if (Contains(position)) return false;
        if (position < 64) _low |= 1UL << position;
        else (_high ??= new()).Add(position);
        Count++;
        return true;
    }
}

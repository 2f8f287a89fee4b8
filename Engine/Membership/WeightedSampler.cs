using GossipSim.Engine.Core;

namespace GossipSim.Engine.Membership;

/// <summary>
/// Draws slot i with probability weight[i] / total, with O(log n) draws and updates
/// (a Fenwick tree). This is what lets a seed hand a newcomer preferential-attachment
/// candidates among a million peers without scanning them.
/// </summary>
public sealed class WeightedSampler
{
    private long[] _tree = new long[16];
    private long[] _weight = new long[16];
    private int _count;

    public long Total { get; private set; }
    public int Count => _count;

    public long WeightOf(int slot) => slot < _count ? _weight[slot] : 0;

    /// <summary>Adds a slot at the end with the given weight; returns its index.</summary>
    public int Add(long weight)
    {
        if (_count == _weight.Length) Grow();
        int slot = _count++;
        Set(slot, weight);
        return slot;
    }

    public void Set(int slot, long weight)
    {
        if (weight < 0) throw new ArgumentOutOfRangeException(nameof(weight));
        long delta = weight - _weight[slot];
        if (delta == 0) return;
        _weight[slot] = weight;
        Total += delta;
        for (int i = slot + 1; i <= _tree.Length; i += i & -i) _tree[i - 1] += delta;
    }

    /// <summary>A slot drawn in proportion to weight, or -1 when every weight is zero.</summary>
    public int Sample(Rng rng)
    {
        if (Total <= 0) return -1;
        long target = (long)rng.NextUInt64((ulong)Total); // in [0, Total)
        int pos = 0;
        int step = HighestPowerOfTwo(_tree.Length);
        for (; step > 0; step >>= 1)
        {
            int next = pos + step;
            if (next <= _tree.Length && _tree[next - 1] <= target)
            {
                pos = next;
                target -= _tree[next - 1];
            }
        }
        return pos; // 0-based slot
    }

    private void Grow()
    {
        var weights = _weight;
        int n = _count;
        _weight = new long[weights.Length * 2];
        _tree = new long[weights.Length * 2];
        Total = 0;
        _count = 0;
        for (int i = 0; i < n; i++) { _count++; Set(i, weights[i]); }
    }

    private static int HighestPowerOfTwo(int n)
    {
        int p = 1;
        while (p * 2 <= n) p *= 2;
        return p;
    }
}

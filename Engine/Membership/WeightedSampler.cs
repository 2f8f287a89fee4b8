using GossipSim.Engine.Core;

namespace GossipSim.Engine.Membership;

/// <summary>
/// Draws slot i with probability weight[i] / total, with O(log n) draws and updates: an
/// 8-ary tree of partial sums, each node's eight children in one 64-byte cache line, so a
/// draw among a million peers reads seven lines (the top ones stay cached) where a binary
/// Fenwick tree reads twenty scattered ones. This is what lets a seed hand a newcomer
/// preferential-attachment candidates among a million peers without scanning them. A draw
/// returns the first slot whose running total passes the drawn value, as any exact method
/// must, so the choice does not depend on the layout.
/// </summary>
public sealed class WeightedSampler
{
    private const int Fan = 8;
    private const int FanShift = 3;

    // _levels[0] holds the weights; _levels[k][i] is the sum of _levels[k - 1][8i .. 8i + 7].
    // The top level has at most eight entries.
    private long[][] _levels = Build(16);
    private int _count;

    public long Total { get; private set; }
    public int Count => _count;

    public long WeightOf(int slot) => slot < _count ? _levels[0][slot] : 0;

    /// <summary>Adds a slot at the end with the given weight; returns its index.</summary>
    public int Add(long weight)
    {
        if (_count == _levels[0].Length) Grow();
        int slot = _count++;
        Set(slot, weight);
        return slot;
    }

    public void Set(int slot, long weight)
    {
        if (weight < 0) throw new ArgumentOutOfRangeException(nameof(weight));
        long delta = weight - _levels[0][slot];
        if (delta == 0) return;
        Total += delta;
        for (int k = 0, i = slot; k < _levels.Length; k++, i >>= FanShift) _levels[k][i] += delta;
    }

    /// <summary>Starts loading the bottom two levels an update of this slot writes (the upper ones stay cached).</summary>
    public void PrefetchSlot(int slot)
    {
        Prefetch.Element(_levels[0], slot);
        if (_levels.Length > 1) Prefetch.Element(_levels[1], slot >> FanShift);
    }

    /// <summary>A slot drawn in proportion to weight, or -1 when every weight is zero.</summary>
    public int Sample(Rng rng)
    {
        if (Total <= 0) return -1;
        long target = (long)rng.NextUInt64((ulong)Total); // in [0, Total)
        int node = 0;
        for (int k = _levels.Length - 1; k >= 0; k--)
        {
            var level = _levels[k];
            int i = node << FanShift;
            int end = Math.Min(i + Fan, level.Length);
            // The child whose range holds the target (the last one if rounding ever left a remainder).
            while (i < end - 1 && level[i] <= target)
            {
                target -= level[i];
                i++;
            }
            node = i;
        }
        return node;
    }

    /// <summary>
    /// <paramref name="slots"/>.Length draws at once, each exactly what <see cref="Sample"/> would
    /// return for the same stream (the same random numbers are taken, in the same order). The
    /// draws descend the tree side by side, a level at a time, so the memory reads of different
    /// draws overlap instead of waiting for each other: a seed's sample of 24 among a million
    /// peers costs a few cache misses' time, not 24 × 7 in a row. Needs a positive total.
    /// </summary>
    public void SampleMany(Rng rng, Span<int> slots, Span<long> scratch)
    {
        if (Total <= 0) throw new InvalidOperationException("no weight to draw from");
        var targets = scratch[..slots.Length];
        for (int d = 0; d < slots.Length; d++)
        {
            targets[d] = (long)rng.NextUInt64((ulong)Total);
            slots[d] = 0;
        }
        for (int k = _levels.Length - 1; k >= 0; k--)
        {
            var level = _levels[k];
            // Below the cached top of the tree, start every draw's read of this level before
            // any of them waits: all 24 misses in flight at once rather than the few the CPU
            // would find on its own while working through the draws in order.
            if (level.Length > 1 << 12)
                for (int d = 0; d < slots.Length; d++) Prefetch.Element(level, slots[d] << FanShift);
            for (int d = 0; d < slots.Length; d++)
            {
                int i = slots[d] << FanShift;
                int end = Math.Min(i + Fan, level.Length);
                long target = targets[d];
                while (i < end - 1 && level[i] <= target)
                {
                    target -= level[i];
                    i++;
                }
                targets[d] = target;
                slots[d] = i;
            }
        }
    }

    private void Grow()
    {
        var weights = _levels[0];
        int n = _count;
        _levels = Build(weights.Length * 2);
        Total = 0;
        _count = 0;
        for (int i = 0; i < n; i++) { _count++; Set(i, weights[i]); }
    }

    private static long[][] Build(int capacity)
    {
        var levels = new List<long[]>();
        for (int size = capacity; ; size = (size + Fan - 1) >> FanShift)
        {
            levels.Add(new long[size]);
            if (size <= Fan) break;
        }
        return levels.ToArray();
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Collections;

/// <summary>
/// Draws slot i with probability weight[i] / total (to within 2^-32) in O(1) expected time, for
/// preferential attachment among a million peers: class c holds weights in [2^c, 2^(c+1)); a draw picks a
/// class by its total, then a uniform member accepted with probability weight / (2^(c+1) - 1) (at least
/// one half), reading one entry per try where a tree of partial sums reads seven levels. Updates are O(1)
/// (a class change swaps with the class's last member); member order follows the updates only.
/// </summary>
public sealed class WeightedSampler
{
    private const int Classes = 32; // weights below 2^31

    private sealed class WeightClass
    {
        public long[] Members = new long[4]; // slot << 32 | weight
        public int Count;
    }

    private readonly WeightClass[] _classes = new WeightClass[Classes];
    private readonly long[] _classTotals = new long[Classes]; // each class's total weight, side by side for the class scan
    private int[] _weight;
    private int[] _position; // a slot's index among its class's members (weight > 0 only)
    private int _count;
    private readonly ReadAhead _readAhead;

    /// <param name="capacity">Slots expected: room for them is made at once (a hint; more still fit).</param>
    /// <param name="readAhead">How a draw starts loading the member it picked (the simulator's prefetch); none: nothing.</param>
    public WeightedSampler(int capacity = 0, ReadAhead? readAhead = null)
    {
        _readAhead = readAhead ?? ReadAhead.None;
        _weight = new int[Math.Max(capacity, 16)];
        _position = new int[_weight.Length];
        for (int c = 0; c < Classes; c++) _classes[c] = new WeightClass();
    }

    public long Total { get; private set; }
    public int Count => _count;

    public long WeightOf(int slot) => slot < _count ? _weight[slot] : 0;

    /// <summary>Adds a slot at the end with the given weight; returns its index.</summary>
    public int Add(long weight)
    {
        if (_count == _weight.Length)
        {
            Array.Resize(ref _weight, _count * 2);
            Array.Resize(ref _position, _count * 2);
        }
        int slot = _count++;
        Set(slot, weight);
        return slot;
    }

    public void Set(int slot, long weight)
    {
        if (weight < 0 || weight > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(weight), weight, "weights are 0 .. 2^31 - 1");
        int old = _weight[slot];
        int w = (int)weight;
        if (old == w) return;
        Total += w - old;
        int from = old > 0 ? ClassOf(old) : -1;
        int to = w > 0 ? ClassOf(w) : -1;
        _weight[slot] = w;
        if (from == to)
        {
            // Same class: the member's weight changes in place.
            _classes[to].Members[_position[slot]] = Member(slot, w);
            _classTotals[to] += w - old;
            return;
        }
        if (from >= 0) RemoveMember(from, slot, old);
        if (to >= 0) AddMember(to, slot, w);
    }

    /// <summary>Starts loading a slot's weight and position, which an update reads first (<see cref="ReadAhead"/>).</summary>
    public void ReadAheadSlot(int slot)
    {
        _readAhead.Element(_weight, slot);
        _readAhead.Element(_position, slot);
    }

    /// <summary>A slot drawn in proportion to its weight, or -1 when every weight is zero: <see cref="SampleMany"/> of one.</summary>
    public int Sample(Rng rng)
    {
        if (Total <= 0) return -1;
        Span<int> one = stackalloc int[1];
        SampleMany(rng, one);
        return one[0];
    }

    /// <summary>
    /// As many independent draws as <paramref name="slots"/> holds, each exactly weight / total.
    /// The one way this sampler draws (<see cref="Sample"/> is a batch of one), so a given
    /// stream gives the same slots however they are asked for in batches of one. The stream
    /// order: each draw's class, first member and acceptance number, draw by draw; then, for
    /// the draws still rejected, in draw order, another member and acceptance number, round
    /// after round. Taking the first members of all draws before reading any lets their cache
    /// misses overlap (one after another, the misses are a third of the seeds' sampling time).
    /// </summary>
    public void SampleMany(Rng rng, Span<int> slots)
    {
        if (Total <= 0) throw new InvalidOperationException("no weight to draw from");
        int n = slots.Length;
        Span<long> pickedAt = n <= 64 ? stackalloc long[n] : new long[n]; // class << 32 | member index
        Span<ulong> accept = n <= 64 ? stackalloc ulong[n] : new ulong[n];
        Span<int> waiting = n <= 64 ? stackalloc int[n] : new int[n];    // draws not yet accepted
        for (int d = 0; d < n; d++)
        {
            int c = PickClass(rng);
            PickMember(rng, c, out pickedAt[d], out accept[d]);
            waiting[d] = d;
        }
        int pending = n;
        while (true)
        {
            int rejected = 0;
            for (int k = 0; k < pending; k++)
            {
                int d = waiting[k];
                long m = MemberAt(pickedAt[d]);
                if (Accepts(m, (int)(pickedAt[d] >> 32), accept[d])) slots[d] = (int)(m >> 32);
                else waiting[rejected++] = d;
            }
            if (rejected == 0) return;
            pending = rejected;
            for (int k = 0; k < pending; k++)
            {
                int d = waiting[k];
                PickMember(rng, (int)(pickedAt[d] >> 32), out pickedAt[d], out accept[d]);
            }
        }
    }

    /// <summary>A member of class c at random and its acceptance number; starts loading the member.</summary>
    private void PickMember(Rng rng, int c, out long pickedAt, out ulong accept)
    {
        var wc = _classes[c];
        int at = (int)rng.NextUInt64((ulong)wc.Count);
        accept = rng.NextUInt64();
        pickedAt = (long)c << 32 | (uint)at;
        _readAhead.Element(wc.Members, at);
    }

    private int PickClass(Rng rng)
    {
        long target = (long)rng.NextUInt64((ulong)Total);
        int c = 0;
        while (target >= _classTotals[c])
        {
            target -= _classTotals[c];
            c++;
        }
        return c;
    }

    /// <summary>The member a <see cref="PickMember"/> pick points at (class &lt;&lt; 32 | index).</summary>
    private long MemberAt(long pickedAt) => _classes[(int)(pickedAt >> 32)].Members[(int)pickedAt];

    /// <summary>
    /// Accepts a member of class c with probability weight / (2^(c+1) - 1), the class's largest
    /// weight (so always in class 0), given a uniform 64-bit number: its top 32 bits times the
    /// bound against weight * 2^32, so no division per draw.
    /// </summary>
    private static bool Accepts(long member, int c, ulong uniform)
    {
        ulong w = (uint)member;
        ulong bound = (2UL << c) - 1;
        // uniform / 2^64 < w / bound  <=>  (uniform >> 32) * bound < w << 32 (up to 2^-32 of rounding).
        return (uniform >> 32) * bound < w << 32;
    }

    private void AddMember(int c, int slot, int w)
    {
        var wc = _classes[c];
        if (wc.Count == wc.Members.Length) Array.Resize(ref wc.Members, wc.Count * 2);
        _position[slot] = wc.Count;
        wc.Members[wc.Count++] = Member(slot, w);
        _classTotals[c] += w;
    }

    private void RemoveMember(int c, int slot, int w)
    {
        var wc = _classes[c];
        int at = _position[slot];
        long last = wc.Members[--wc.Count];
        wc.Members[at] = last;
        _position[(int)(last >> 32)] = at;
        wc.Members[wc.Count] = 0;
        _classTotals[c] -= w;
    }

    private static long Member(int slot, int w) => (long)slot << 32 | (uint)w;

    private static int ClassOf(int w) => 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)w);
}

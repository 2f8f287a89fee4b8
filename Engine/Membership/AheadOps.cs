using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>
/// One proposer log's operations held past a gap, by sequence number. Commits from another
/// seed overtake each other all the time (each message draws its own latency), so in a join
/// burst many of them wait here for a few milliseconds. Those within a window past the
/// watermark sit in a ring indexed by sequence number, with no allocation and no tree to
/// rebalance (a sorted dictionary makes a node per operation); only an operation further ahead
/// (a permanent gap, after a proposer's crash) goes to a sorted dictionary.
/// </summary>
internal sealed class AheadOps
{
    private const int MaxRing = 1 << 14;

    // Sequence s lives at s & (length - 1), present while the slot's own Sequence is s (0: empty).
    private CommittedOp[] _ring = Array.Empty<CommittedOp>();
    private SortedDictionary<long, CommittedOp>? _far;

    public int Count { get; private set; }

    public bool Contains(long sequence) =>
        (_ring.Length > 0 && _ring[Slot(sequence)].Sequence == sequence) || _far?.ContainsKey(sequence) == true;

    /// <summary>Holds an operation past the watermark <paramref name="held"/> (the caller checked it is new).</summary>
    public void Add(CommittedOp op, long held)
    {
        long distance = op.Sequence - held;
        if (distance > _ring.Length && distance <= MaxRing) Grow(distance, held);
        if (distance <= _ring.Length) _ring[Slot(op.Sequence)] = op;
        else (_far ??= new SortedDictionary<long, CommittedOp>())[op.Sequence] = op;
        Count++;
    }

    /// <summary>Takes the operation with this sequence number out, if held.</summary>
    public bool TryTake(long sequence, out CommittedOp op)
    {
        if (_ring.Length > 0)
        {
            ref var slot = ref _ring[Slot(sequence)];
            if (slot.Sequence == sequence)
            {
                op = slot;
                slot = default;
                Count--;
                return true;
            }
        }
        if (_far != null && _far.Remove(sequence, out op))
        {
            Count--;
            return true;
        }
        op = default;
        return false;
    }

    /// <summary>The operations held, in sequence order (anti-entropy: rare, so sorted on demand).</summary>
    public List<CommittedOp> InOrder()
    {
        var result = new List<CommittedOp>(Count);
        foreach (var op in _ring)
            if (op.Sequence != 0) result.Add(op);
        if (_far != null) result.AddRange(_far.Values);
        result.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return result;
    }

    /// <summary>How many held operations have a sequence number above <paramref name="sequence"/>.</summary>
    public int CountAbove(long sequence)
    {
        int n = 0;
        foreach (var op in _ring) if (op.Sequence > sequence) n++;
        if (_far != null) foreach (long s in _far.Keys) if (s > sequence) n++;
        return n;
    }

    private int Slot(long sequence) => (int)(sequence & (_ring.Length - 1));

    /// <summary>
    /// A ring long enough for <paramref name="distance"/>. Everything in the old one is within
    /// its length of the watermark, so it fits the new one; operations in the sorted dictionary
    /// stay there (lookups check both).
    /// </summary>
    private void Grow(long distance, long held)
    {
        int size = Math.Max(64, _ring.Length);
        while (size < distance) size *= 2;
        var old = _ring;
        _ring = new CommittedOp[size];
        foreach (var op in old)
            if (op.Sequence > held) _ring[Slot(op.Sequence)] = op;
    }
}

using GossipSim.Simulator.Events;

namespace GossipSim.Simulator.Partitions;

/// <summary>
/// The events one partition's nodes sent another partition's during a window, in sending order,
/// in blocks of <see cref="BlockEvents"/> (80 KiB: below the large-object heap), kept only as many
/// as the last window needed. A doubling list grew to tens of megabytes on the large-object heap,
/// holding old and new arrays at once and keeping the capacity, which ended two-thread runs out of
/// memory under a heap ceiling (docs/performance.md section 2).
/// </summary>
internal sealed class Outbox
{
    public const int BlockShift = 11;
    /// <summary>Events a block holds: 2,048 of 40 bytes, 81,920 bytes, below the 85,000 of the large-object heap.</summary>
    public const int BlockEvents = 1 << BlockShift;
    private const int BlockMask = BlockEvents - 1;

    private readonly List<SimEvent[]> _blocks = new();

    /// <summary>Events in the box.</summary>
    public int Count { get; private set; }

    /// <summary>Blocks held, in use or kept for the next window.</summary>
    public int Blocks => _blocks.Count;

    /// <summary>The earliest event's time in the box, long.MaxValue when empty.</summary>
    public long MinTime { get; private set; } = long.MaxValue;

    public void Add(in SimEvent e)
    {
        if (e.Time < MinTime) MinTime = e.Time;
        int block = Count >> BlockShift;
        if (block == _blocks.Count) _blocks.Add(new SimEvent[BlockEvents]);
        _blocks[block][Count & BlockMask] = e;
        Count++;
    }

    /// <summary>The <paramref name="i"/>th event sent, in sending order.</summary>
    public ref readonly SimEvent this[int i] => ref _blocks[i >> BlockShift][i & BlockMask];

    /// <summary>
    /// Empties the box (letting go of the messages it held) and keeps the blocks this window
    /// used for the next: a box that had a burst gives back what the burst took at the first
    /// quieter window.
    /// </summary>
    public void Clear()
    {
        int used = (Count + BlockMask) >> BlockShift;
        for (int b = 0; b < used; b++)
            Array.Clear(_blocks[b], 0, b < used - 1 ? BlockEvents : Count - (b << BlockShift));
        if (_blocks.Count > used) _blocks.RemoveRange(used, _blocks.Count - used);
        Count = 0;
        MinTime = long.MaxValue;
    }
}

using System.Runtime.CompilerServices;

namespace GossipSim.Bench.Flood;

/// <summary>
/// A timing wheel of one-microsecond slots holding 8-byte events: every event of the same
/// microsecond is appended to that slot, so events come out in exact (time, insertion) order
/// with O(1) work per event and no comparisons. A slot is a chain of fixed-size chunks taken
/// from one shared pool and returned when the slot is drained, so memory follows the events
/// in flight (not the busiest slot times the number of slots) and reads are sequential.
/// Delays must be 1 us or more and shorter than the wheel (65.5 ms; the flood workload's
/// links take 10-50 ms).
/// </summary>
public sealed class TimingWheel
{
    public const int Slots = 1 << 16;
    private const int Mask = Slots - 1;
    private const int ChunkShift = 4;
    private const int ChunkSize = 1 << ChunkShift;   // 16 events = 128 bytes: little left unused in each slot's last chunk
    private const int BlockShift = 12;               // 4,096 chunks = 512 KiB per block: grows without copying
    private const int BlockMask = (1 << BlockShift) - 1;

    private ulong[][] _blocks = new ulong[16][];
    private int[] _chunkNext = new int[1 << BlockShift];
    private int _chunksUsed;
    private int _freeChunk = -1;
    /// <summary>A slot's chain: first chunk, last chunk, events in the last chunk. One 12-byte record, so scheduling touches one cache
    /// line.</summary>
    private struct Slot
    {
        public int Head;
        public int Tail;
        public int TailFill;
    }

    private readonly Slot[] _slotState = new Slot[Slots];
    private long _now;
    private long _pending;

    public TimingWheel()
    {
        for (int i = 0; i < Slots; i++) _slotState[i] = new Slot { Head = -1, Tail = -1 };
    }

    public long Now => _now;
    public long Pending => _pending;
    public long PeakPending { get; private set; }

    /// <summary>Memory held, in bytes: the slot records, the chunk blocks (kept once taken) and the chunks' links.</summary>
    public long Bytes => (long)Slots * Unsafe.SizeOf<Slot>() + _blocks.Count(b => b != null) * (long)(ChunkSize << BlockShift) * sizeof(ulong)
        + (long)_blocks.Length * IntPtr.Size + (long)_chunkNext.Length * sizeof(int);

    public void Schedule(long delayMicros, ulong ev)
    {
        if ((ulong)(delayMicros - 1) >= Slots - 1)
            throw new ArgumentOutOfRangeException(nameof(delayMicros), $"delay must be 1..{Slots - 1} us");
        Append(_now + delayMicros, ev);
    }

    /// <summary>
    /// Schedules at an absolute time, between slots (the clock stands at the next slot to run,
    /// which may receive it): how a time window's messages from other partitions come in.
    /// </summary>
    public void ScheduleAt(long atMicros, ulong ev)
    {
        if ((ulong)(atMicros - _now) >= Slots)
            throw new ArgumentOutOfRangeException(nameof(atMicros), $"time must be within {Slots - 1} us from now");
        Append(atMicros, ev);
    }

    private void Append(long atMicros, ulong ev)
    {
        ref var slot = ref _slotState[(int)(atMicros & Mask)];
        int tail = slot.Tail;
        int fill = slot.TailFill;
        if (tail < 0 || fill == ChunkSize)
        {
            int chunk = TakeChunk();
            if (tail < 0) slot.Head = chunk; else _chunkNext[tail] = chunk;
            slot.Tail = tail = chunk;
            fill = 0;
        }
        _blocks[tail >> BlockShift][((tail & BlockMask) << ChunkShift) + fill] = ev;
        slot.TailFill = fill + 1;
        if (++_pending > PeakPending) PeakPending = _pending;
    }

    /// <summary>
    /// Advances to the next microsecond that has events and hands them to <paramref name="handle"/>
    /// in order (it may schedule more, always later), then tells it the slot ended. False when
    /// nothing is left.
    /// </summary>
    public bool RunNextSlot<THandler>(ref THandler handle) where THandler : struct, IWheelHandler => RunNextSlot(ref handle, long.MaxValue);

    /// <summary>
    /// As <see cref="RunNextSlot{THandler}(ref THandler)"/>, for slots before <paramref name="limit"/>
    /// only: false once no event is left before it, the clock then standing at the limit.
    /// </summary>
    public bool RunNextSlot<THandler>(ref THandler handle, long limit) where THandler : struct, IWheelHandler
    {
        int index;
        while (true)
        {
            if (_now >= limit) return false;
            if (_pending == 0)
            {
                if (limit != long.MaxValue) _now = limit;
                return false;
            }
            index = (int)(_now & Mask);
            if (_slotState[index].Head >= 0) break;
            _now++;
        }
        ref var slot = ref _slotState[index];
        int chunk = slot.Head;
        int lastFill = slot.TailFill;
        slot = new Slot { Head = -1, Tail = -1 };
        long handled = 0;
        while (chunk >= 0)
        {
            int next = _chunkNext[chunk];
            int count = next < 0 ? lastFill : ChunkSize;
            var block = _blocks[chunk >> BlockShift];
            int start = (chunk & BlockMask) << ChunkShift;
            for (int i = 0; i < count; i++) handle.Handle(_now, block[start + i]);
            handled += count;
            _chunkNext[chunk] = _freeChunk;
            _freeChunk = chunk;
            chunk = next;
        }
        _pending -= handled;
        handle.EndSlot(_now);
        _now++;
        return true;
    }

    private int TakeChunk()
    {
        int chunk;
        if (_freeChunk >= 0)
        {
            chunk = _freeChunk;
            _freeChunk = _chunkNext[chunk];
        }
        else
        {
            chunk = _chunksUsed++;
            int block = chunk >> BlockShift;
            if (block == _blocks.Length) Array.Resize(ref _blocks, _blocks.Length * 2);
            if (_blocks[block] == null)
            {
                // A new block when the pool runs out: memory follows the peak of events in flight.
                _blocks[block] = new ulong[(1 << BlockShift) << ChunkShift];
                if (_chunkNext.Length < (block + 1) << BlockShift)
                    Array.Resize(ref _chunkNext, Math.Max(_chunkNext.Length * 2, (block + 1) << BlockShift));
            }
        }
        _chunkNext[chunk] = -1;
        return chunk;
    }
}

/// <summary>What the wheel calls for each event (a struct, so the call is inlined, not virtual).</summary>
public interface IWheelHandler
{
    void Handle(long nowMicros, ulong ev);

    /// <summary>After the last event of a microsecond: what depends on every event at that time is decided here.</summary>
    void EndSlot(long nowMicros);
}

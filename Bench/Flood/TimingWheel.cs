using System.Runtime.CompilerServices;
using GossipSim.Simulator;

namespace GossipSim.Bench.Flood;

/// <summary>
/// A timing wheel of one-microsecond slots holding 8-byte events: every event of the same
/// microsecond is appended to that slot, so events come out in exact (time, insertion) order
/// with O(1) work per event and no comparisons. Two levels, so an append writes where the cache
/// already is: the running bucket's 256 microseconds each have a slot (the fine level), and every
/// later bucket is one chain (the coarse level) whose events carry their microsecond in a byte
/// beside them; when the clock enters a bucket, its events are sorted by microsecond (a counting
/// sort, keeping the order they came) into one array the slots then read in turn, and only events
/// scheduled into the running bucket afterwards go to the fine slots' chains. One level of 65,536
/// slots sent each append to one of some 40,000 slots' last chunks spread over megabytes (a cache
/// miss an event, most of a flood's time); now the 512 buckets' and
/// 256 slots' last chunks are a few dozen KiB. A slot or bucket is a chain of fixed-size chunks
/// from one shared pool, returned when drained, so memory follows the events in flight and reads
/// are sequential. Delays must be 1 us or more and shorter than 65.5 ms (the flood workload's
/// links take 10-50 ms).
/// </summary>
public sealed class TimingWheel
{
    /// <summary>The longest delay plus one, in microseconds.</summary>
    public const int Slots = 1 << 16;
    private const int BucketShift = 8;                       // 256 us a bucket: its slots' last chunks fit in the L1 cache
    private const int FineSlots = 1 << BucketShift;
    private const int FineMask = FineSlots - 1;
    private const int Buckets = 2 * Slots >> BucketShift;    // twice the longest delay: a bucket's index is never the running one's
    private const int BucketMask = Buckets - 1;
    private const int ChunkShift = 4;
    private const int ChunkSize = 1 << ChunkShift;   // 16 events = 128 bytes: little left unused in each slot's last chunk
    private const int BlockShift = 12;               // 4,096 chunks = 512 KiB per block: grows without copying
    private const int BlockMask = (1 << BlockShift) - 1;

    private ulong[][] _blocks = new ulong[16][];
    /// <summary>Beside each event in a bucket's chain, its microsecond within the bucket (unused in the fine slots).</summary>
    private byte[][] _offsets = new byte[16][];
    private int[] _chunkNext = new int[1 << BlockShift];
    private int _chunksUsed;
    private int _freeChunk = -1;
    /// <summary>A chain: first chunk, last chunk, events in the last chunk. One 12-byte record, so an append touches one cache
    /// line.</summary>
    private struct Chain
    {
        public int Head;
        public int Tail;
        public int TailFill;
    }

    private readonly Chain[] _fine = new Chain[FineSlots];
    /// <summary>The running bucket's events as they were when the clock entered it, sorted by microsecond (a counting sort on
    /// their offsets): those of offset o are <c>_sorted[_sortedStart[o] .. _sortedStart[o + 1])</c>. Events scheduled into the
    /// running bucket later go to its fine slots' chains and run after these, as they came later.</summary>
    private ulong[] _sorted = new ulong[1024];
    private readonly int[] _sortedStart = new int[FineSlots + 1];
    private readonly Chain[] _coarse = new Chain[Buckets];
    private long _now;
    private long _pending;
    /// <summary>Events in the fine slots, the running bucket's: none left, the clock skips to the next bucket.</summary>
    private long _finePending;

    public TimingWheel()
    {
        for (int i = 0; i < FineSlots; i++) _fine[i] = new Chain { Head = -1, Tail = -1 };
        for (int i = 0; i < Buckets; i++) _coarse[i] = new Chain { Head = -1, Tail = -1 };
    }

    public long Now => _now;
    public long Pending => _pending;
    public long PeakPending { get; private set; }

    /// <summary>Memory held, in bytes: the chain records, the chunk blocks and their offsets (kept once taken), the chunks'
    /// links, and the sorted array (as large as the fullest bucket entered) with its starts.</summary>
    public long Bytes => (long)(FineSlots + Buckets) * Unsafe.SizeOf<Chain>()
        + _blocks.Count(b => b != null) * (long)(ChunkSize << BlockShift) * (sizeof(ulong) + sizeof(byte))
        + (long)_blocks.Length * IntPtr.Size * 2 + (long)_chunkNext.Length * sizeof(int)
        + (long)_sorted.Length * sizeof(ulong) + (long)_sortedStart.Length * sizeof(int);

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
        if (atMicros >> BucketShift == _now >> BucketShift)
        {
            AppendTo(ref _fine[(int)(atMicros & FineMask)], ev);
            _finePending++;
        }
        else
        {
            ref var bucket = ref _coarse[(int)((atMicros >> BucketShift) & BucketMask)];
            AppendTo(ref bucket, ev);
            int last = bucket.Tail;
            _offsets[last >> BlockShift][((last & BlockMask) << ChunkShift) + bucket.TailFill - 1] = (byte)(atMicros & FineMask);
        }
        if (++_pending > PeakPending) PeakPending = _pending;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendTo(ref Chain chain, ulong ev)
    {
        int tail = chain.Tail;
        int fill = chain.TailFill;
        if (tail < 0 || fill == ChunkSize)
        {
            int chunk = TakeChunk();
            if (tail < 0) chain.Head = chunk; else _chunkNext[tail] = chunk;
            chain.Tail = tail = chunk;
            fill = 0;
        }
        _blocks[tail >> BlockShift][((tail & BlockMask) << ChunkShift) + fill] = ev;
        chain.TailFill = fill + 1;
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
                if (limit != long.MaxValue) MoveTo(limit);
                return false;
            }
            if (_finePending == 0)
            {
                MoveTo(Math.Min(((_now >> BucketShift) + 1) << BucketShift, limit)); // the running bucket is done
                continue;
            }
            index = (int)(_now & FineMask);
            if (_fine[index].Head >= 0 || _sortedStart[index] < _sortedStart[index + 1]) break;
            MoveTo(_now + 1);
        }
        long handled = 0;
        // First the events that were in the bucket when the clock entered it, then those scheduled into it since.
        int from = _sortedStart[index], to = _sortedStart[index + 1];
        if (from < to)
        {
            var sorted = _sorted;
            for (int i = from; i < to; i++) handle.Handle(_now, sorted[i]);
            handled = to - from;
            _sortedStart[index] = to;
        }
        ref var slot = ref _fine[index];
        int chunk = slot.Head;
        int lastFill = slot.TailFill;
        slot = new Chain { Head = -1, Tail = -1 };
        while (chunk >= 0)
        {
            int next = _chunkNext[chunk];
            if (next >= 0) PrefetchChunk(next, withOffsets: false);
            int count = next < 0 ? lastFill : ChunkSize;
            var block = _blocks[chunk >> BlockShift];
            int start = (chunk & BlockMask) << ChunkShift;
            for (int i = 0; i < count; i++) handle.Handle(_now, block[start + i]);
            handled += count;
            GiveBack(chunk);
            chunk = next;
        }
        _pending -= handled;
        _finePending -= handled;
        handle.EndSlot(_now);
        MoveTo(_now + 1);
        return true;
    }

    /// <summary>Sets the clock; entering a new bucket sorts its events by microsecond, in the order they came (a counting sort on
    /// their offsets into <see cref="_sorted"/>: two sequential passes over the bucket's chain, where appending each to its fine
    /// slot's chain cost a chain record's update and a chunk taken every 16 events). Every bucket passed over is empty (the callers
    /// move past a bucket only once its fine slots are).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MoveTo(long time)
    {
        long bucket = time >> BucketShift;
        bool entered = bucket != _now >> BucketShift;
        _now = time;
        if (!entered) return;
        Array.Clear(_sortedStart); // the bucket left is done: every run in it was read
        ref var chain = ref _coarse[(int)(bucket & BucketMask)];
        int head = chain.Head;
        if (head < 0) return;
        int lastFill = chain.TailFill;
        chain = new Chain { Head = -1, Tail = -1 };
        var starts = _sortedStart;
        // Count each microsecond's events (into starts[offset + 1]) ...
        int total = 0;
        for (int chunk = head; chunk >= 0;)
        {
            int next = _chunkNext[chunk];
            if (next >= 0) PrefetchChunk(next, withOffsets: true);
            int count = next < 0 ? lastFill : ChunkSize;
            var offsets = _offsets[chunk >> BlockShift];
            int start = (chunk & BlockMask) << ChunkShift;
            for (int i = 0; i < count; i++) starts[offsets[start + i] + 1]++;
            total += count;
            chunk = next;
        }
        // ... then where each microsecond's run begins ...
        Span<int> cursor = stackalloc int[FineSlots];
        for (int o = 0; o < FineSlots; o++)
        {
            cursor[o] = starts[o];
            starts[o + 1] += starts[o];
        }
        if (_sorted.Length < total) _sorted = new ulong[Math.Max(total, _sorted.Length * 2)];
        var sorted = _sorted;
        // ... and place each event in its microsecond's run, in the order they came.
        for (int chunk = head; chunk >= 0;)
        {
            int next = _chunkNext[chunk];
            int count = next < 0 ? lastFill : ChunkSize;
            var block = _blocks[chunk >> BlockShift];
            var offsets = _offsets[chunk >> BlockShift];
            int start = (chunk & BlockMask) << ChunkShift;
            for (int i = 0; i < count; i++) sorted[cursor[offsets[start + i]]++] = block[start + i];
            GiveBack(chunk);
            chunk = next;
        }
        _finePending += total;
    }

    /// <summary>A chunk's two cache lines (and its offsets' line) asked for while the chunk before it is read: chunks come from a
    /// shared pool in any order, so the hardware's own read-ahead does not find the next one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchChunk(int chunk, bool withOffsets)
    {
        var block = _blocks[chunk >> BlockShift];
        int start = (chunk & BlockMask) << ChunkShift;
        Prefetch.Element(block, start);
        Prefetch.Element(block, start + 8);
        if (withOffsets) Prefetch.Element(_offsets[chunk >> BlockShift], start);
    }

    private void GiveBack(int chunk)
    {
        _chunkNext[chunk] = _freeChunk;
        _freeChunk = chunk;
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
            if (block == _blocks.Length)
            {
                Array.Resize(ref _blocks, _blocks.Length * 2);
                Array.Resize(ref _offsets, _offsets.Length * 2);
            }
            if (_blocks[block] == null)
            {
                // A new block when the pool runs out: memory follows the peak of events in flight.
                _blocks[block] = new ulong[(1 << BlockShift) << ChunkShift];
                _offsets[block] = new byte[(1 << BlockShift) << ChunkShift];
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

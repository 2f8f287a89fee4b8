using System.Runtime.CompilerServices;
using GossipSim.Simulator;

namespace GossipSim.Bench.Flood;

/// <summary>
/// A timing wheel of buckets of microseconds (up to 256 a bucket) holding 8-byte events, each with
/// its microsecond within the bucket in a byte beside it. A bucket is run whole, its events handed
/// over in the order they came with their exact times, and the handler decides what depends on
/// their order in time at the bucket's end (<see cref="IWheelHandler.EndBucket"/>): a flood whose
/// smallest delay is at least two buckets wide schedules nothing into the bucket it runs, so the
/// wheel never sorts its events (before, it sorted each bucket by microsecond as the clock entered
/// it and ran it a microsecond at a time: a third of a flood's time, docs/performance.md). A bucket
/// is one chain of fixed-size chunks from one shared pool, returned when drained, so memory
/// follows the events in flight and reads are sequential; the buckets' last chunks, where appends
/// go, are a few dozen KiB. Delays must be shorter than 65.5 ms (the flood workload's links take
/// 10-50 ms).
/// </summary>
public sealed class TimingWheel
{
    /// <summary>The longest delay plus one, in microseconds.</summary>
    public const int Slots = 1 << 16;
    /// <summary>The widest bucket, 256 us: its events' microseconds fit a byte.</summary>
    public const int MaxBucketShift = 8;
    private const int ChunkShift = 4;
    private const int ChunkSize = 1 << ChunkShift;   // 16 events = 128 bytes: little left unused in each bucket's last chunk
    private const int BlockShift = 12;               // 4,096 chunks = 512 KiB per block: grows without copying
    private const int BlockMask = (1 << BlockShift) - 1;

    private readonly int _shift;
    private readonly int _bucketMask;
    private ulong[][] _blocks = new ulong[16][];
    /// <summary>Beside each event, its microsecond within its bucket.</summary>
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

    /// <summary>Twice the longest delay's buckets: a bucket ahead never shares its chain with the one running.</summary>
    private readonly Chain[] _buckets;
    private long _now;
    private long _pending;

    /// <param name="bucketShift">A bucket is 2^shift microseconds (0 to <see cref="MaxBucketShift"/>): no wider than half the
    /// smallest delay scheduled, see <see cref="BucketShiftFor"/>.</param>
    public TimingWheel(int bucketShift = MaxBucketShift)
    {
        if ((uint)bucketShift > MaxBucketShift)
            throw new ArgumentOutOfRangeException(nameof(bucketShift), bucketShift, $"0 to {MaxBucketShift}");
        _shift = bucketShift;
        _buckets = new Chain[2 * Slots >> bucketShift];
        _bucketMask = _buckets.Length - 1;
        for (int i = 0; i < _buckets.Length; i++) _buckets[i] = new Chain { Head = -1, Tail = -1 };
    }

    /// <summary>The widest bucket (a power of two, at most 256 us) no wider than <paramref name="microseconds"/>, as its shift.</summary>
    public static int BucketShiftFor(long microseconds) =>
        Math.Min(MaxBucketShift, 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)Math.Max(1, microseconds)));

    public int BucketMicros => 1 << _shift;
    /// <summary>Where the next bucket to run starts: every event before it has run.</summary>
    public long Now => _now;
    public long Pending => _pending;

    /// <summary>Memory held, in bytes: the chain records, the chunk blocks and their offsets (kept once taken) and the chunks'
    /// links.</summary>
    public long Bytes => (long)_buckets.Length * Unsafe.SizeOf<Chain>()
        + _blocks.Count(b => b != null) * (long)(ChunkSize << BlockShift) * (sizeof(ulong) + sizeof(byte))
        + (long)_blocks.Length * IntPtr.Size * 2 + (long)_chunkNext.Length * sizeof(int);

    /// <summary>Schedules at an absolute time: not before <see cref="Now"/> (a bucket is never added to once it ran) and within
    /// <see cref="Slots"/> - 1 us of it. Inlined into the sender's loop, its rare paths (a new chunk, a refusal) called.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ScheduleAt(long atMicros, ulong ev)
    {
        if ((ulong)(atMicros - _now) >= Slots) Refuse(atMicros);
        ref var bucket = ref _buckets[(int)((atMicros >> _shift) & _bucketMask)];
        int tail = bucket.Tail;
        int fill = bucket.TailFill;
        if (tail < 0 || fill == ChunkSize)
        {
            tail = StartChunk(ref bucket);
            fill = 0;
        }
        int at = ((tail & BlockMask) << ChunkShift) + fill;
        _blocks[tail >> BlockShift][at] = ev;
        _offsets[tail >> BlockShift][at] = (byte)(atMicros & ((1 << _shift) - 1));
        bucket.TailFill = fill + 1;
        _pending++;
    }

    /// <summary>Chains a chunk from the pool to the bucket's end and returns it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int StartChunk(ref Chain bucket)
    {
        int chunk = TakeChunk();
        if (bucket.Tail < 0) bucket.Head = chunk; else _chunkNext[bucket.Tail] = chunk;
        bucket.Tail = chunk;
        return chunk;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Refuse(long atMicros) =>
        throw new ArgumentOutOfRangeException(nameof(atMicros), $"time {atMicros} must be within {Slots - 1} us from now ({_now})");

    /// <summary>
    /// Runs the next bucket that has events and starts before <paramref name="limit"/>: hands each to
    /// <paramref name="handle"/> with its microsecond in the bucket, in the order they came, then ends
    /// the bucket (the handler may then schedule more, from <see cref="Now"/> on). False when no event
    /// is left before the limit; the clock then stands at the first bucket from the limit on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool RunNextBucket<THandler>(ref THandler handle, long limit = long.MaxValue) where THandler : struct, IWheelHandler
    {
        int width = 1 << _shift;
        while (true)
        {
            if (_now >= limit) return false;
            if (_pending == 0)
            {
                if (limit != long.MaxValue) _now = (limit + width - 1) & ~(long)(width - 1);
                return false;
            }
            if (_buckets[(int)((_now >> _shift) & _bucketMask)].Head >= 0) break;
            _now += width;
        }
        long start = _now;
        ref var chain = ref _buckets[(int)((start >> _shift) & _bucketMask)];
        int chunk = chain.Head;
        int lastFill = chain.TailFill;
        chain = new Chain { Head = -1, Tail = -1 };
        _now = start + width;
        long handled = 0;
        while (chunk >= 0)
        {
            int next = _chunkNext[chunk];
            if (next >= 0) PrefetchChunk(next);
            int count = next < 0 ? lastFill : ChunkSize;
            var block = _blocks[chunk >> BlockShift];
            var offsets = _offsets[chunk >> BlockShift];
            int first = (chunk & BlockMask) << ChunkShift;
            for (int i = first; i < first + count; i++) handle.Handle(offsets[i], block[i]);
            handled += count;
            GiveBack(chunk);
            chunk = next;
        }
        _pending -= handled;
        handle.EndBucket(start);
        return true;
    }

    /// <summary>A chunk's two cache lines and its offsets' line asked for while the chunk before it is read: chunks come from a
    /// shared pool in any order, so the hardware's own read-ahead does not find the next one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchChunk(int chunk)
    {
        var block = _blocks[chunk >> BlockShift];
        int start = (chunk & BlockMask) << ChunkShift;
        Prefetch.Element(block, start);
        Prefetch.Element(block, start + 8);
        Prefetch.Element(_offsets[chunk >> BlockShift], start);
        Prefetch.Element(_chunkNext, chunk); // its link to the one after: chunks of a chain sit anywhere in the pool
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

/// <summary>What the wheel calls for each event of a bucket and at its end (a struct, so the calls are inlined, not virtual).</summary>
public interface IWheelHandler
{
    /// <summary>An event of the running bucket, at its microsecond <paramref name="offset"/> within it; events come in the order
    /// they were scheduled, not in time.</summary>
    void Handle(int offset, ulong ev);

    /// <summary>After the bucket's last event: what depends on the events' order in time is decided here.</summary>
    void EndBucket(long startMicros);
}

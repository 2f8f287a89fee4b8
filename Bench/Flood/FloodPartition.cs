using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;
using GossipSim.Simulator;

namespace GossipSim.Bench.Flood;

/// <summary>
/// One partition of a flood run: the peers of one id range, their timing wheel, and the
/// messages they sent during the current time window to peers of other partitions. One
/// thread runs it at a time; a run on one thread is one partition holding every peer.
/// </summary>
internal sealed class FloodPartition
{
    public FloodForwarder Forwarder;
    public long WindowDeliveries;
    /// <summary>Time spent running windows: the partition's share of the work in time, where deliveries count events.</summary>
    public TimeSpan Busy;

    public FloodPartition(FloodForwarder forwarder) => Forwarder = forwarder;

    /// <summary>Runs this partition's buckets that start before <paramref name="limit"/>; counts the window's deliveries.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void RunWindow(long limit)
    {
        long before = Forwarder.Deliveries, started = System.Diagnostics.Stopwatch.GetTimestamp();
        var wheel = Forwarder.Wheel;
        while (wheel.RunNextBucket(ref Forwarder, limit)) { }
        WindowDeliveries = Forwarder.Deliveries - before;
        Busy += System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// Takes the window's messages for this partition from every partition, in partition order
    /// and, within one, in the order they were sent: a defined order, though the outcome does
    /// not depend on it (see <see cref="FloodForwarder"/>).
    /// </summary>
    public void Receive(FloodPartition[] all, int me)
    {
        foreach (var sender in all) sender.Forwarder.Outbox[me]?.DeliverTo(ref Forwarder);
    }
}

/// <summary>
/// The messages one partition sent in a time window to the peers of another, kept until the
/// window ends. Eight bytes a message: the event alone, each run of events sent in one
/// microsecond led by a mark holding that microsecond; the receiver recomputes each arrival
/// from the link's delay, a hash of the event (<see cref="FloodForwarder.Delay"/>). Blocks of
/// 64 KiB, kept from window to window: no copy when the mail grows, no garbage, and the memory
/// is the busiest window's mail (docs/performance.md).
/// </summary>
internal sealed class Mailbox
{
    /// <summary>Entries a block: 64 KiB, below the large-object heap's threshold.</summary>
    internal const int BlockSize = 8192;
    /// <summary>A mark's top 16 bits: the flood id no event has (<see cref="FloodSimulation.MaxFloods"/>).</summary>
    private const ulong Mark = 0xFFFFUL << 48;

    private readonly List<ulong[]> _blocks = new();
    private int _block, _fill;
    private long _lastSent = -1;

    /// <summary>Memory held (the blocks), in bytes.</summary>
    public long Bytes => (long)_blocks.Count * BlockSize * sizeof(ulong);

    public void Add(long sentAtMicros, ulong ev)
    {
        if (sentAtMicros != _lastSent)
        {
            Put(Mark | (ulong)sentAtMicros);
            _lastSent = sentAtMicros;
        }
        Put(ev);
    }

    private void Put(ulong entry)
    {
        if (_fill == BlockSize) { _block++; _fill = 0; }
        if (_block == _blocks.Count) _blocks.Add(new ulong[BlockSize]);
        _blocks[_block][_fill++] = entry;
    }

    /// <summary>Schedules every message on the receiver's wheel, in the order sent, and empties the box.</summary>
    public void DeliverTo(ref FloodForwarder receiver)
    {
        long sent = 0;
        var wheel = receiver.Wheel;
        for (int b = 0; b <= _block && b < _blocks.Count; b++)
        {
            var block = _blocks[b];
            int count = b == _block ? _fill : BlockSize;
            for (int i = 0; i < count; i++)
            {
                ulong entry = block[i];
                if ((entry & Mark) == Mark) sent = (long)(entry & ~Mark);
                else wheel.ScheduleAt(sent + receiver.Delay(entry), entry);
            }
        }
        _block = _fill = 0;
        _lastSent = -1;
    }
}

/// <summary>
/// The flood rule (R10) for one partition's peers, independent of the order of one microsecond's
/// events, so of how peers are split among threads: a link's delay is a hash of (seed, flood,
/// sender, receiver), not a shared stream's next draw; a first receipt is decided at the end of its
/// wheel bucket (earliest microsecond, then fewest hops, then lowest sender id), and only then forwarded
/// to every other neighbour. A bucket is no wider than half the smallest delay, so nothing it forwards
/// lands in it, and the order its events came in changes nothing.
/// </summary>
internal struct FloodForwarder : IWheelHandler
{
    /// <summary>A cancelled candidate in <see cref="_candidates"/>: no real event (flood ids stop short of 0xFFFF).</summary>
    private const ulong Cancelled = ulong.MaxValue;
    /// <summary>The bits of an event that name a receipt: the receiver and the flood, not the sender.</summary>
    private const ulong ReceiptKey = 0xFFFF_0000_00FF_FFFFUL;

    public int[] Offsets;
    public int[] Neighbours;
    public ulong[][] Seen;
    public byte[][] Hops;
    /// <summary>Each peer's partition, past 8 ranges; null up to 8, which are found by <see cref="Bounds"/>.</summary>
    public byte[]? Owner;
    /// <summary>The partitions' peer ranges: partition p holds [Bounds[p], Bounds[p + 1]).</summary>
    public int[] Bounds;
    public int MyFirst;
    public uint MyCount;
    public int Me;
    public ulong DelayKey;
    public long MinUs;
    public ulong SpanUs;
    public TimingWheel Wheel;
    public Mailbox?[] Outbox;

    public long Deliveries;
    public long FirstReceipts;
    public long TotalHops;
    public int MaxHops;
    public ulong ReceiptHash;
    public long LastEventUs;
    /// <summary>Copies that reached a peer in the same microsecond as the copy it kept.</summary>
    public long SimultaneousCopies;

    /// <summary>The running bucket's copies to peers that had not heard their flood before it, with their microsecond in it; in
    /// time order (<see cref="InTimeOrder"/>) when it ends.</summary>
    private ulong[] _candidates;
    private byte[] _candidateOffsets;
    private ulong[] _sorted;
    private byte[] _sortedOffsets;
    private readonly int[] _runStarts;
    private int _candidateCount;

    public FloodForwarder(int[] offsets, int[] neighbours, ulong[][] seen, byte[][] hops, int[] bounds, byte[]? owner, int me,
        int parts, ulong delayKey, long minUs, ulong spanUs)
    {
        Bounds = bounds;
        MyFirst = bounds[me];
        MyCount = (uint)(bounds[me + 1] - bounds[me]);
        Offsets = offsets;
        Neighbours = neighbours;
        Seen = seen;
        Hops = hops;
        Owner = owner;
        Me = me;
        DelayKey = delayKey;
        MinUs = minUs;
        SpanUs = spanUs;
        Wheel = new TimingWheel(TimingWheel.BucketShiftFor(FloodSimulation.WindowMicros(minUs)));
        Outbox = new Mailbox?[parts];
        for (int p = 0; p < parts; p++) if (p != me) Outbox[p] = new Mailbox();
        _candidates = new ulong[256];
        _candidateOffsets = new byte[256];
        _sorted = new ulong[256];
        _sortedOffsets = new byte[256];
        _runStarts = new int[(1 << TimingWheel.MaxBucketShift) + 1];
    }

    /// <summary>
    /// An event: the receiver (low 24 bits), the sender (next 24) and the flood (top 16). The
    /// receiver comes first so a duplicate, four deliveries in five, costs one bitset read.
    /// </summary>
    public static ulong Event(int target, int from, int flood) => (uint)target | ((ulong)(uint)from << 24) | ((ulong)(uint)flood << 48);

    /// <summary>A copy arrives: a duplicate of an earlier bucket is dropped; anything else waits for the end of the bucket.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Handle(int offset, ulong ev)
    {
        Deliveries++;
        int target = (int)(ev & 0xFFFFFF);
        int flood = (int)(ev >> 48);
        if ((Seen[flood][target >> 6] & (1UL << (target & 63))) != 0) return; // a duplicate: dropped (R10)
        if (_candidateCount == _candidates.Length) GrowCandidates();
        _candidates[_candidateCount] = ev;
        _candidateOffsets[_candidateCount++] = (byte)offset;
    }

    private void GrowCandidates()
    {
        Array.Resize(ref _candidates, _candidateCount * 2);
        Array.Resize(ref _candidateOffsets, _candidateCount * 2);
    }

    /// <summary>Decides this bucket's first receipts (the earliest copy; ties in a microsecond by fewest hops, then lowest sender)
    /// and forwards them, in time order.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void EndBucket(long startMicros)
    {
        if (_candidateCount == 0) return;
        InTimeOrder(out var candidates, out var offsets);
        _candidateCount = 0;
        for (int i = 0; i < candidates.Length; i++)
        {
            ulong ev = candidates[i];
            int target = (int)(ev & 0xFFFFFF);
            int flood = (int)(ev >> 48);
            // What the forwarding pass reads first of each receiver, all asked for now: their misses overlap.
            Prefetch.Element(Offsets, target);
            Prefetch.Element(Hops[flood], Sender(ev));
            ref ulong word = ref Seen[flood][target >> 6];
            ulong bit = 1UL << (target & 63);
            if ((word & bit) == 0) { word |= bit; continue; }
            // Heard already in this bucket: at an earlier microsecond (a duplicate) or at this one (keep the better of the two; rare).
            int rival = i - 1;
            while (rival >= 0 && offsets[rival] == offsets[i] && (candidates[rival] & ReceiptKey) != (ev & ReceiptKey)) rival--;
            if (rival < 0 || offsets[rival] != offsets[i])
            {
                candidates[i] = Cancelled;
                continue;
            }
            SimultaneousCopies++;
            if (HopsVia(ev) < HopsVia(candidates[rival]) || (HopsVia(ev) == HopsVia(candidates[rival])
                && Sender(ev) < Sender(candidates[rival])))
                candidates[rival] = Cancelled;
            else
                candidates[i] = Cancelled;
        }
        for (int i = 0; i < candidates.Length; i++)
        {
            ulong ev = candidates[i];
            if (i + 1 < candidates.Length && candidates[i + 1] != Cancelled)
                Prefetch.Element(Neighbours, Offsets[(int)(candidates[i + 1] & 0xFFFFFF)]);
            if (ev == Cancelled) continue;
            long now = startMicros + offsets[i];
            int target = (int)(ev & 0xFFFFFF);
            int flood = (int)(ev >> 48);
            int hops = HopsVia(ev);
            Hops[flood][target] = (byte)Math.Min(hops, 255);
            FirstReceipts++;
            TotalHops += hops;
            if (hops > MaxHops) MaxHops = hops;
            LastEventUs = now;
            ulong key = (ulong)now ^ (ev & ReceiptKey) * 0x9E3779B97F4A7C15UL;
            ReceiptHash += Rng.SplitMix64(ref key);
            ForwardAll(target, Sender(ev), flood, now);
        }
    }

    /// <summary>The bucket's candidates by microsecond, each microsecond's in the order they came: a counting sort on their offsets
    /// (a bucket of one microsecond needs none).</summary>
    private void InTimeOrder(out Span<ulong> candidates, out Span<byte> offsets)
    {
        int n = _candidateCount;
        candidates = _candidates.AsSpan(0, n);
        offsets = _candidateOffsets.AsSpan(0, n);
        int width = Wheel.BucketMicros;
        if (width == 1 || n == 1) return;
        if (_sorted.Length < n)
        {
            _sorted = new ulong[_candidates.Length];
            _sortedOffsets = new byte[_candidates.Length];
        }
        var starts = _runStarts.AsSpan(0, width + 1);
        starts.Clear();
        foreach (byte o in offsets) starts[o + 1]++;
        for (int o = 1; o < width; o++) starts[o] += starts[o - 1];
        var sorted = _sorted.AsSpan(0, n);
        var sortedOffsets = _sortedOffsets.AsSpan(0, n);
        for (int i = 0; i < n; i++)
        {
            byte o = offsets[i];
            int at = starts[o]++;
            sorted[at] = candidates[i];
            sortedOffsets[at] = o;
        }
        candidates = sorted;
        offsets = sortedOffsets;
    }

    private readonly int HopsVia(ulong ev) => Hops[(int)(ev >> 48)][Sender(ev)] + 1;

    private static int Sender(ulong ev) => (int)((ev >> 24) & 0xFFFFFF);

    /// <summary>A link's delay for this event, in microseconds: a hash of (seed, flood, sender, receiver).</summary>
    public readonly long Delay(ulong ev)
    {
        ulong mix = ev ^ DelayKey;
        return MinUs + (long)Math.BigMul(Rng.SplitMix64(ref mix), SpanUs, out _);
    }

    /// <summary>The partition of a peer outside this one's range: among a few ranges, found by their bounds (in the L1 cache,
    /// where a byte a peer is a megabyte at a million peers and a cache miss a send); among many, by that byte.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private readonly int OwnerOf(int peer)
    {
        return Owner is { } owner ? owner[peer] : PeerRanges.OwnerOf(Bounds, peer);
    }

    /// <summary>Sends a flood from <paramref name="node"/> at <paramref name="now"/> to each neighbour but <paramref name="cameFrom"/>
    /// (-1 at the origin).</summary>
    public void ForwardAll(int node, int cameFrom, int flood, long now)
    {
        int end = Offsets[node + 1];
        for (int i = Offsets[node]; i < end; i++)
        {
            int n = Neighbours[i];
            if (n == cameFrom) continue;
            ulong ev = Event(n, node, flood);
            if ((uint)(n - MyFirst) < MyCount) Wheel.ScheduleAt(now + Delay(ev), ev);
            else Outbox[OwnerOf(n)]!.Add(now, ev);
        }
    }
}

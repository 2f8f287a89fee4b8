using BenchmarkDotNet.Attributes;
using GossipSim.Engine.Core;
using GossipSim.Engine.Gossip;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Bench.Flood;
using GossipSim.Simulator.Events;
using GossipSim.Engine.Wire;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Benchmarks;

/// <summary>
/// The simulator's time queues, one event in and out at a steady depth: the timing wheel of
/// `bench flood`, the two-level calendar of the full-protocol simulator (EventQueue), and the
/// (time, sequence) binary heap that calendar replaced (the BCL PriorityQueue), as a baseline.
/// </summary>
[MemoryDiagnoser]
[InProcess] // BenchmarkDotNet 0.14 has no .NET 10 toolchain; in-process runs on the current runtime
public class TimeQueueBenchmark
{
    [Params(100_000, 2_000_000)] public int Depth;
    private TimingWheel _wheel = null!;
    private EventQueue _calendar = null!;
    private PriorityQueue<SimEvent, (long time, long seq)> _heap = null!;
    private Rng _rng = null!;
    private long _calendarNow, _heapNow, _heapSeq;

    private struct Sink : IWheelHandler
    {
        public long Count;
        public void Handle(int offset, ulong ev) => Count++;
        public readonly void EndBucket(long startMicros) { }
    }

    [GlobalSetup]
    public void Setup()
    {
        _rng = new Rng(1);
        _wheel = new TimingWheel();
        for (int i = 0; i < Depth; i++) _wheel.ScheduleAt(10_000 + (long)_rng.NextUInt64(40_000), (ulong)i);
        _calendar = new EventQueue();
        _heap = new PriorityQueue<SimEvent, (long, long)>();
        for (int i = 0; i < Depth; i++)
        {
            var e = new SimEvent { Time = 100_000 + (long)_rng.NextUInt64(400_000) };
            _calendar.Push(ref e, 0);
            _heap.Enqueue(e, (e.Time, _heapSeq++));
        }
    }

    /// <summary>Drain buckets (256 us each) and refill as many events 10-50 ms ahead (steady depth) until 2^17 events ran; per
    /// event (the last bucket may run past 2^17: by up to 13,000 events, 10 %, at a depth of 2 million).</summary>
    [Benchmark(OperationsPerInvoke = 1 << 17)]
    public long WheelScheduleAndPop()
    {
        var sink = new Sink();
        while (sink.Count < 1 << 17)
        {
            long before = sink.Count;
            _wheel.RunNextBucket(ref sink);
            for (long i = before; i < sink.Count; i++) _wheel.ScheduleAt(_wheel.Now + 10_000 + (long)_rng.NextUInt64(40_000), (ulong)i);
        }
        return sink.Count;
    }

    /// <summary>Pop the next event and schedule one 10-50 ms after it (steady depth); per event.</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public long CalendarPushAndPop()
    {
        long sum = 0;
        for (int i = 0; i < 1000; i++)
        {
            var e = _calendar.Pop();
            _calendarNow = e.Time;
            sum += e.Time;
            e.Time = _calendarNow + 100_000 + (long)_rng.NextUInt64(400_000);
            _calendar.Push(ref e, _calendarNow);
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 1000)]
    public long HeapPushAndPop()
    {
        long sum = 0;
        for (int i = 0; i < 1000; i++)
        {
            var e = _heap.Dequeue();
            _heapNow = e.Time;
            sum += e.Time;
            e.Time = _heapNow + 100_000 + (long)_rng.NextUInt64(400_000);
            _heap.Enqueue(e, (e.Time, _heapSeq++));
        }
        return sum;
    }
}

/// <summary>The wire codec: encode and decode of the commonest message (gossip) and of a peer list.</summary>
[MemoryDiagnoser]
[InProcess] // BenchmarkDotNet 0.14 has no .NET 10 toolchain; in-process runs on the current runtime
public class CodecBenchmark
{
    private readonly Gossip _gossip = new(new MessageId(NodeAddress.Parse("10.1.0.3:7000"), 7), TimeSpan.FromSeconds(12.5), 4, true);
    private readonly PeerListReply _list = new(Enumerable.Range(1, 24).Select(i => new PeerListEntry(new NodeAddress((10u << 24) + (uint)i, 7000), i)).ToArray(), false, 100_000);
    private byte[] _gossipBytes = null!, _listBytes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _gossipBytes = MessageCodec.Encode(_gossip);
        _listBytes = MessageCodec.Encode(_list);
    }

    [Benchmark] public byte[] EncodeGossip() => MessageCodec.Encode(_gossip);
    [Benchmark] public Message DecodeGossip() => MessageCodec.Decode(_gossipBytes);
    [Benchmark] public byte[] EncodePeerList() => MessageCodec.Encode(_list);
    [Benchmark] public Message DecodePeerList() => MessageCodec.Decode(_listBytes);
}

/// <summary>Message List dedup: a first receipt (insert) and a duplicate (lookup and link mark), at a realistic list size.</summary>
[MemoryDiagnoser]
[InProcess] // BenchmarkDotNet 0.14 has no .NET 10 toolchain; in-process runs on the current runtime
public class MessageListBenchmark
{
    private MessageList _list; // a struct held in place, as a peer holds it
    private MessageId[] _ids = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _ids = Enumerable.Range(0, 1 << 16).Select(i => new MessageId(new NodeAddress((10u << 24) + (uint)(i % 1000), 7000), i)).ToArray();
        _list = new MessageList(TimeSpan.FromHours(1), 10_000);
        for (int i = 0; i < 10_000; i++) _list.TryAdd(_ids[i], 1, TimeSpan.FromTicks(i), 0);
    }

    [Benchmark]
    public bool FirstReceipt()
    {
        int i = 10_000 + (_next++ & 0x7FFF);
        return _list.TryAdd(_ids[i], 1 + _next, TimeSpan.FromTicks(i), 1);
    }

    [Benchmark]
    public bool Duplicate() => _list.TryAdd(_ids[5], 1, TimeSpan.FromTicks(5), 2) || _list.MarkLink(_ids[5], 1, 2);
}

/// <summary>Preferential-attachment neighbour choice: from a complete list of 1,000 peers, and from 48 seed draws.</summary>
[MemoryDiagnoser]
[InProcess] // BenchmarkDotNet 0.14 has no .NET 10 toolchain; in-process runs on the current runtime
public class NeighbourChoiceBenchmark
{
    private List<PeerListEntry> _complete = null!, _draws = null!;
    private readonly Rng _rng = new(5);

    [GlobalSetup]
    public void Setup()
    {
        var g = OverlayGraph.BarabasiAlbert(1000, 3, new Rng(2));
        _complete = Enumerable.Range(0, 1000).Select(i => new PeerListEntry(new NodeAddress((10u << 24) + (uint)i + 1, 7000), g.Degree(i))).ToList();
        _draws = _complete.Take(48).ToList();
    }

    [Benchmark] public List<NodeAddress> ThreeFromCompleteList() => NeighbourChoice.FromCompleteList(_complete, 3, _ => false, _rng);
    [Benchmark] public List<NodeAddress> ThreeFromSeedDraws() => NeighbourChoice.FromDraws(_draws, 3, _ => false);
}

/// <summary>
/// A seed's degree-proportional sample (the peer list a newcomer gets at a million peers): 24
/// draws from a sampler over 1,000,000 slots weighted by a Barabási–Albert degree sequence,
/// drawn side by side (SampleMany) and one at a time (Sample, a batch of one); and one degree update (Set).
/// </summary>
[MemoryDiagnoser]
[InProcess] // BenchmarkDotNet 0.14 has no .NET 10 toolchain; in-process runs on the current runtime
public class SeedSamplerBenchmark
{
    private const int Slots = 1_000_000;
    private readonly GossipSim.Engine.Collections.WeightedSampler _sampler = new();
    private readonly Rng _rng = new(9);
    private readonly int[] _slots = new int[24];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var g = OverlayGraph.BarabasiAlbert(Slots, 3, new Rng(3));
        for (int i = 0; i < Slots; i++) _sampler.Add(g.Degree(i));
    }

    [Benchmark] public int TwentyFourDrawsSideBySide()
    {
        _sampler.SampleMany(_rng, _slots);
        return _slots[23];
    }

    [Benchmark] public int TwentyFourDrawsOneAtATime()
    {
        int last = 0;
        for (int d = 0; d < 24; d++) last = _sampler.Sample(_rng);
        return last;
    }

    [Benchmark] public void OneDegreeUpdate()
    {
        int slot = (int)((_next++ * 2654435761u) % Slots);
        _sampler.Set(slot, _sampler.WeightOf(slot) ^ 1);
    }
}

using GossipSim.Engine.Core;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Threads;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Bench.Flood;

/// <summary>
/// What a flood run found; the same for any number of threads. <see cref="ReceiptHash"/> sums a
/// hash of every (flood, peer, first-receipt microsecond), so it moves if any peer hears any
/// flood at another time.
/// </summary>
public sealed record FloodResult(
    int Peers, long Links, int Origins, long Deliveries, long FirstReceipts, long Events,
    double SimulatedSeconds, long PeakInFlight, int MaxHops, long TotalHops, ulong ReceiptHash);

/// <summary>
/// How a run was spread over threads: the deliveries each partition handled, and the time
/// windows. <see cref="WindowBalance"/> is <see cref="Simulator.Partitions.WindowLoad.Balance"/>
/// by deliveries: 1 when every window can be split evenly; the speed-up on free cores is at most
/// threads times it.
/// <see cref="SimultaneousCopies"/> counts copies that tied with a peer's first copy (same microsecond).
/// <see cref="BusyPerPartition"/> is the time each partition spent in its windows (wall time, so
/// it includes any wait for a core): the balance in time, where deliveries give it in events.
/// </summary>
public sealed record FloodRun(FloodResult Result, int Threads, int Partitions, long[] DeliveriesPerPartition, long Windows,
    double WindowBalance, long SimultaneousCopies, TimeSpan[] BusyPerPartition,
    long[] FirstReceiptsPerPartition, int[] PeersPerPartition, FloodBytes Bytes);

/// <summary>
/// What a run's structures hold at its end, in bytes; none shrinks, so each is its peak. The
/// overlay (CSR offsets and neighbours), the Message Lists (a bit per flood and peer), each
/// peer's hop count per flood, each peer's partition (none up to 8 ranges), the partitions' timing
/// wheels (slots, chunk blocks as many as the most events in flight needed, the fullest bucket
/// sorted) and the mail between partitions (as much as the busiest window sent).
/// </summary>
public sealed record FloodBytes(long Overlay, long MessageLists, long Hops, long Owners, long Wheels, long Mail)
{
    public long Total => Overlay + MessageLists + Hops + Owners + Wheels + Mail;
}

/// <summary>
/// The classic simulator comparison's flood (PeerSim's event-driven flood): K origins each create
/// one message at time 0, forwarded on first receipt to every neighbour but the sender; the rule of
/// <see cref="Engine.Peer.PeerNode"/>'s gossip (R10) on compact state (one bit per origin and peer, CSR
/// neighbours, 8-byte events in a timing wheel). Peers are split into ranges (<see cref="PeerRanges"/>),
/// run busiest first (<see cref="Simulator.Partitions.BusiestFirst"/>) in windows no wider than the
/// smallest link delay, mail handed over in partition order; <see cref="FloodForwarder"/> makes the
/// result the same for 1 or N partitions.
/// </summary>
public static class FloodSimulation
{
    public const int MaxNodes = 1 << 24;
    /// <summary>Flood ids take 16 bits in an event; 0xFFFF is kept free (see <see cref="FloodForwarder"/>).</summary>
    public const int MaxFloods = (1 << 16) - 1;

    public static FloodResult Run(OverlayGraph graph, int origins, double minLatencyMs, double maxLatencyMs, Rng rng) =>
        Run(graph, origins, minLatencyMs, maxLatencyMs, rng, threads: 1).Result;

    /// <summary>
    /// The peer ranges a run cuts its peers into: <paramref name="ranges"/> when given, else
    /// <see cref="DefaultPartitions"/> for the threads that will run (no more than the cores);
    /// never more than the overlay has blocks of 64 peers, nor more than 256.
    /// </summary>
    public static int PartitionsFor(int peers, int threads, int? ranges) =>
        Math.Clamp(ranges ?? DefaultPartitions(peers, SimThreads.Started(threads)), 1, Math.Min(PeerRanges.MaxParts(peers), 256));

    /// <summary>From this many peers, two partitions a thread (below it, one).</summary>
    public const int LargeOverlay = 500_000;

    /// <summary>
    /// The partitions a run of <paramref name="peers"/> on <paramref name="threads"/> running
    /// threads takes by default. One thread gets one partition: no windows' mail, one wheel, the
    /// sequential simulator's cost. Several threads get one partition each below
    /// <see cref="LargeOverlay"/> peers and two each from it: a smaller range keeps more of its
    /// overlay and wheel in the cache and evens out a window between the threads, which pays only
    /// on large overlays; below, two a thread took the same time for more memory, as each range
    /// adds a wheel and its mail.
    /// </summary>
    public static int DefaultPartitions(int peers, int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
        int each = threads > 1 && peers >= LargeOverlay ? 2 : 1;
        return Math.Min(threads * each, PeerRanges.MaxParts(peers));
    }

    /// <param name="progress">Called after each window with (now in microseconds, deliveries so far, events in flight).</param>
    /// <param name="ranges">Peer ranges, one partition each (see <see cref="PartitionsFor"/>).</param>
    public static FloodRun Run(OverlayGraph graph, int origins, double minLatencyMs, double maxLatencyMs, Rng rng, int threads,
        Action<long, long, long>? progress = null, int? ranges = null)
    {
        if (origins < 1 || origins > graph.Nodes) throw new ArgumentOutOfRangeException(nameof(origins));
        if (graph.Nodes > MaxNodes)
            throw new ArgumentOutOfRangeException(nameof(graph), $"at most {MaxNodes:N0} peers (24-bit node ids in an event)");
        if (origins > MaxFloods)
            throw new ArgumentOutOfRangeException(nameof(origins), $"at most {MaxFloods:N0} floods (16-bit flood ids in an event)");
        long minUs = (long)Math.Round(minLatencyMs * 1000), spanUs = (long)Math.Round((maxLatencyMs - minLatencyMs) * 1000) + 1;
        if (minUs < 1 || minUs + spanUs >= TimingWheel.Slots)
            throw new ArgumentOutOfRangeException(nameof(maxLatencyMs), "latency must be within 0.001-65 ms for the timing wheel");
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
        int parts = PartitionsFor(graph.Nodes, threads, ranges);
        threads = Math.Min(threads, parts);

        var ids = Origins(graph.Nodes, origins, rng);
        ulong delayKey = rng.NextUInt64();

        var seen = new ulong[origins][];
        var hops = new byte[origins][];
        for (int k = 0; k < origins; k++) seen[k] = new ulong[(graph.Nodes + 63) / 64];
        for (int k = 0; k < origins; k++) hops[k] = new byte[graph.Nodes];
        var bounds = PeerRanges.ByCost(graph.Offsets, parts);
        var owner = parts <= 8 ? null : PeerRanges.Owners(bounds); // a few ranges route by their bounds (FloodForwarder.OwnerOf)
        var partitions = new FloodPartition[parts];
        for (int p = 0; p < parts; p++)
            partitions[p] = new FloodPartition(new FloodForwarder(graph.Offsets, graph.Neighbours, seen, hops, bounds, owner, p, parts,
                delayKey, minUs, (ulong)spanUs));

        for (int k = 0; k < origins; k++) seen[k][ids[k] >> 6] |= 1UL << (ids[k] & 63);
        for (int k = 0; k < origins; k++) partitions[PeerRanges.OwnerOf(bounds, ids[k])].Forwarder.ForwardAll(ids[k], -1, k, 0);
        var window = new WindowRunner(partitions, threads);
        window.HandOver();

        long limit = 0, windows = 0, peakInFlight = 0, deliveries = 0, windowUs = WindowMicros(minUs);
        while (true)
        {
            long inFlight = partitions.Sum(p => p.Forwarder.Wheel.Pending);
            peakInFlight = Math.Max(peakInFlight, inFlight);
            if (inFlight == 0) break;
            limit += windowUs;
            window.Run(limit);
            windows++;
            deliveries = partitions.Sum(p => p.Forwarder.Deliveries);
            window.HandOver();
            progress?.Invoke(limit, deliveries, partitions.Sum(p => p.Forwarder.Wheel.Pending));
        }

        var f = partitions.Select(p => p.Forwarder).ToArray();
        var result = new FloodResult(graph.Nodes, graph.Links, origins, deliveries, f.Sum(x => x.FirstReceipts), deliveries + origins,
            f.Max(x => x.LastEventUs) / 1e6, peakInFlight, f.Max(x => x.MaxHops), f.Sum(x => x.TotalHops),
            f.Aggregate(0UL, (h, x) => h + x.ReceiptHash));
        var bytes = new FloodBytes(
            Overlay: graph.Offsets.LongLength * sizeof(int) + graph.Neighbours.LongLength * sizeof(int),
            MessageLists: seen.Sum(s => s.LongLength * sizeof(ulong)),
            Hops: hops.Sum(h => h.LongLength),
            Owners: owner?.LongLength ?? 0,
            Wheels: f.Sum(x => x.Wheel.Bytes),
            Mail: f.Sum(x => x.Outbox.Sum(m => m?.Bytes ?? 0)));
        return new FloodRun(result, threads, parts, f.Select(x => x.Deliveries).ToArray(), windows,
            window.Load.Balance, f.Sum(x => x.SimultaneousCopies), partitions.Select(p => p.Busy).ToArray(),
            f.Select(x => x.FirstReceipts).ToArray(), Enumerable.Range(0, parts).Select(p => bounds[p + 1] - bounds[p]).ToArray(), bytes);
    }

    /// <summary>
    /// How far a window reaches, in microseconds: any width up to the smallest link delay keeps a
    /// window's sends out of it. Mail between partitions is held until the window ends, so half the
    /// delay halves the mail's peak for one more cheap hand-over a window. One partition takes the
    /// same width, so the result is the same for any number of partitions. A partition runs whole
    /// wheel buckets (<see cref="TimingWheel.BucketShiftFor"/>: no wider than the window), so its
    /// last bucket may run up to a bucket past the window's end: what another partition sends in the
    /// window still lands later, as the smallest delay is at least the window plus a bucket.
    /// </summary>
    public static long WindowMicros(long minLatencyMicros) => Math.Max(1, minLatencyMicros / 2);

    /// <summary>
    /// Distinct random origins: a partial Fisher-Yates over the node ids, holding only the ids
    /// it moved (not an array of every peer's id).
    /// </summary>
    private static int[] Origins(int peers, int origins, Rng rng)
    {
        var moved = new Dictionary<int, int>();
        var ids = new int[origins];
        for (int i = 0; i < origins; i++)
        {
            int j = i + rng.NextInt(peers - i);
            ids[i] = moved.GetValueOrDefault(j, j);
            moved[j] = moved.GetValueOrDefault(i, i);
        }
        return ids;
    }

    /// <summary>
    /// Runs every partition through a window on the caller's threads,
    /// the last window's busiest first, then hands over their mail. Which thread runs which
    /// partition changes no outcome.
    /// </summary>
    private sealed class WindowRunner(FloodPartition[] partitions, int threads)
    {
        private readonly ParallelRunner _threads = SimThreads.On(threads);
        /// <summary>Each window's deliveries by partition: the order of the next window, and the balance.</summary>
        public Simulator.Partitions.WindowLoad Load { get; } = new(partitions.Length, threads);

        public void Run(long limit)
        {
            if (partitions.Length == 1) partitions[0].RunWindow(limit);
            else _threads(partitions.Length, i => partitions[Load[i]].RunWindow(limit));
            Load.Ended(p => partitions[p].WindowDeliveries);
        }

        public void HandOver()
        {
            if (partitions.Length > 1) _threads(partitions.Length, i => partitions[Load[i]].Receive(partitions, Load[i]));
        }
    }
}

using GossipSim.Engine.Core;

namespace GossipSim.Scenarios.Bench.Flood;

/// <summary>What a flood run measured.</summary>
public sealed record FloodResult(
    int Peers, long Links, int Origins, long Deliveries, long FirstReceipts, long Events,
    double SimulatedSeconds, long PeakInFlight, double MaxHops);

/// <summary>
/// The flooding workload of the classic simulator comparison (PeerSim's event-driven flood):
/// K origins each create one message at time 0; a peer that receives a message for the first
/// time records it and forwards it to every neighbour but the sender; duplicates are dropped.
/// The same rule as <see cref="Peer.PeerNode"/>'s gossip (R10), on compact state: the Message
/// List is one bit per (origin, peer), neighbours are CSR arrays, events are pooled structs in
/// a timing wheel. Deterministic: one seeded stream draws every link delay in event order.
/// </summary>
public static class FloodSimulation
{
    public static FloodResult Run(OverlayGraph graph, int origins, double minLatencyMs, double maxLatencyMs, Rng rng, Action<long, long, long>? progress = null)
    {
        if (origins < 1 || origins > graph.Nodes) throw new ArgumentOutOfRangeException(nameof(origins));
        long minUs = (long)Math.Round(minLatencyMs * 1000), spanUs = (long)Math.Round((maxLatencyMs - minLatencyMs) * 1000) + 1;
        if (minUs < 1 || minUs + spanUs >= TimingWheel.Slots) throw new ArgumentOutOfRangeException(nameof(maxLatencyMs), "latency must be within 0.001-65 ms for the timing wheel");

        // Distinct random origins: a partial Fisher-Yates over the node ids.
        var ids = new int[graph.Nodes];
        for (int i = 0; i < ids.Length; i++) ids[i] = i;
        for (int i = 0; i < origins; i++) { int j = i + rng.NextInt(ids.Length - i); (ids[i], ids[j]) = (ids[j], ids[i]); }

        if (graph.Nodes > MaxNodes) throw new ArgumentOutOfRangeException(nameof(graph), $"at most {MaxNodes:N0} peers (24-bit node ids in an event)");
        if (origins > MaxFloods) throw new ArgumentOutOfRangeException(nameof(origins), $"at most {MaxFloods:N0} floods (16-bit flood ids in an event)");
        var handler = new Forwarder
        {
            Offsets = graph.Offsets,
            Neighbours = graph.Neighbours,
            Seen = new ulong[origins][],
            Hops = new byte[origins][],
            Rng = rng,
            MinUs = minUs,
            SpanUs = (ulong)spanUs,
            Wheel = new TimingWheel(),
        };
        for (int k = 0; k < origins; k++) handler.Hops[k] = new byte[graph.Nodes];
        for (int k = 0; k < origins; k++) handler.Seen[k] = new ulong[(graph.Nodes + 63) / 64];
        for (int k = 0; k < origins; k++)
        {
            int origin = ids[k];
            handler.Seen[k][origin >> 6] |= 1UL << (origin & 63);
            handler.ForwardAll(origin, -1, k);
        }
        long slots = 0;
        while (handler.Wheel.RunNextSlot(ref handler))
            if (progress != null && (++slots & 0x3FF) == 0) progress(handler.Wheel.Now, handler.Deliveries, handler.Wheel.Pending);

        return new FloodResult(graph.Nodes, graph.Links, origins, handler.Deliveries, handler.FirstReceipts,
            handler.Deliveries + origins, handler.Wheel.Now / 1e6, handler.Wheel.PeakPending, handler.MaxHops);
    }

    public const int MaxNodes = 1 << 24;
    public const int MaxFloods = 1 << 16;

    /// <summary>
    /// An event: the receiver (low 24 bits), the sender (next 24) and the flood (top 16). The
    /// receiver comes first so a duplicate, four deliveries in five, costs one bitset read.
    /// </summary>
    private static ulong Event(int target, int from, int flood) => (uint)target | ((ulong)(uint)from << 24) | ((ulong)(uint)flood << 48);

    private struct Forwarder : IWheelHandler
    {
        public int[] Offsets;
        public int[] Neighbours;
        public ulong[][] Seen;
        public byte[][] Hops;
        public Rng Rng;
        public long MinUs;
        public ulong SpanUs;
        public TimingWheel Wheel;
        public long Deliveries;
        public long FirstReceipts;
        public int MaxHops;

        public void Handle(long nowMicros, ulong ev)
        {
            Deliveries++;
            int target = (int)(ev & 0xFFFFFF);
            int flood = (int)(ev >> 48);
            ref ulong word = ref Seen[flood][target >> 6];
            ulong bit = 1UL << (target & 63);
            if ((word & bit) != 0) return; // a duplicate: dropped (R10)
            word |= bit;
            FirstReceipts++;
            int from = (int)((ev >> 24) & 0xFFFFFF);
            var hops = Hops[flood];
            int h = hops[from] + 1;
            hops[target] = (byte)Math.Min(h, 255);
            if (h > MaxHops) MaxHops = h;
            ForwardAll(target, from, flood);
        }

        public void ForwardAll(int node, int cameFrom, int flood)
        {
            int end = Offsets[node + 1];
            for (int i = Offsets[node]; i < end; i++)
            {
                int n = Neighbours[i];
                if (n == cameFrom) continue;
                Wheel.Schedule(MinUs + (long)Rng.NextUInt64(SpanUs), Event(n, node, flood));
            }
        }
    }
}

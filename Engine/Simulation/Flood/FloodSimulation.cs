using GossipSim.Engine.Core;

namespace GossipSim.Engine.Simulation.Flood;

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

        // Each CSR entry's owner, so an event can be just the link it crosses (8 bytes in all).
        var owner = new int[graph.Neighbours.Length];
        for (int node = 0; node < graph.Nodes; node++)
            for (int i = graph.Offsets[node]; i < graph.Offsets[node + 1]; i++) owner[i] = node;
        var handler = new Forwarder
        {
            Offsets = graph.Offsets,
            Neighbours = graph.Neighbours,
            Owner = owner,
            Seen = new ulong[origins][],
            Rng = rng,
            MinUs = minUs,
            SpanUs = (ulong)spanUs,
            Wheel = new TimingWheel(),
        };
        for (int k = 0; k < origins; k++) handler.Seen[k] = new ulong[(graph.Nodes + 63) / 64];
        for (int k = 0; k < origins; k++)
        {
            int origin = ids[k];
            handler.Seen[k][origin >> 6] |= 1UL << (origin & 63);
            handler.ForwardAll(origin, -1, k, 1);
        }
        long slots = 0;
        while (handler.Wheel.RunNextSlot(ref handler))
            if (progress != null && (++slots & 0x3FF) == 0) progress(handler.Wheel.Now, handler.Deliveries, handler.Wheel.Pending);

        return new FloodResult(graph.Nodes, graph.Links, origins, handler.Deliveries, handler.FirstReceipts,
            handler.Deliveries + origins, handler.Wheel.Now / 1e6, handler.Wheel.PeakPending, handler.MaxHops);
    }

    /// <summary>An event: the CSR index of the link crossed (low 32 bits), the flood, the hops so far.</summary>
    private static ulong Event(int link, int flood, int hops) => (uint)link | ((ulong)(uint)flood << 32) | ((ulong)(uint)Math.Min(hops, 255) << 56);

    private struct Forwarder : IWheelHandler
    {
        public int[] Offsets;
        public int[] Neighbours;
        public int[] Owner;
        public ulong[][] Seen;
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
            int link = (int)(uint)ev;
            int flood = (int)((ev >> 32) & 0xFFFFFF);
            int target = Neighbours[link];
            ref ulong word = ref Seen[flood][target >> 6];
            ulong bit = 1UL << (target & 63);
            if ((word & bit) != 0) return; // a duplicate: dropped (R10)
            word |= bit;
            FirstReceipts++;
            int hops = (int)(ev >> 56);
            if (hops > MaxHops) MaxHops = hops;
            ForwardAll(target, Owner[link], flood, hops + 1);
        }

        public void ForwardAll(int node, int cameFrom, int flood, int hops)
        {
            int end = Offsets[node + 1];
            for (int i = Offsets[node]; i < end; i++)
            {
                if (Neighbours[i] == cameFrom) continue;
                Wheel.Schedule(MinUs + (long)Rng.NextUInt64(SpanUs), Event(i, flood, hops));
            }
        }
    }
}

namespace GossipSim.Bench.Flood;

/// <summary>
/// How the peers are split among partitions (one per worker thread): contiguous ranges of peer
/// ids holding equal shares of work. A peer's work in a flood is about one delivery per link (its
/// degree) plus one first receipt, which costs about <see cref="FirstReceiptCost"/> deliveries.
/// A Barabasi-Albert hub (the low ids) has thousands of links, so equal peer counts would give
/// the first partition several times the work of the last; equal link ends alone give the last
/// partition (many peers of degree 3, each with its first receipt) too much. Boundaries fall on
/// multiples of 64 so two partitions never write the same word of a flood's one-bit-per-peer
/// Message List.
/// </summary>
public static class PeerRanges
{
    public const int Alignment = 64;

    /// <summary>
    /// A first receipt's cost in deliveries (marking the message seen, recording its hops, sending
    /// a copy to every other neighbour). Fitted to two runs of 10^6 peers, 100 floods, 2 threads
    /// split by link ends alone: the hubs' range (250,304 peers) did 224.0 M deliveries and 25.0 M
    /// first receipts in 27.3 and 31.9 s, the other (749,696 peers) 276.0 M and 75.0 M in 50.2 and
    /// 55.9 s: 3.3 to 4.7 deliveries per first receipt (docs/performance.md, issue 21).
    /// </summary>
    public const int FirstReceiptCost = 4;

    /// <summary>
    /// The first peer of each of <paramref name="parts"/> ranges, plus the peer count at the end.
    /// <paramref name="offsets"/> is the overlay's CSR offsets: offsets[i] is the link ends of peers before i.
    /// </summary>
    public static int[] ByCost(int[] offsets, int parts)
    {
        int peers = offsets.Length - 1;
        if (parts < 1 || parts > MaxParts(peers))
            throw new ArgumentOutOfRangeException(nameof(parts), $"1 to {MaxParts(peers)} partitions for {peers} peers");
        long total = CostBefore(offsets, peers);
        var bounds = new int[parts + 1];
        bounds[parts] = peers;
        int peer = 0;
        for (int p = 1; p < parts; p++)
        {
            long share = total * p / parts;
            while (peer < peers && CostBefore(offsets, peer) < share) peer++;
            int aligned = (peer + Alignment / 2) / Alignment * Alignment;
            // Every range keeps at least one block of 64 (a hub alone may outweigh a share).
            bounds[p] = Math.Clamp(aligned, bounds[p - 1] + Alignment, (peers / Alignment - (parts - p)) * Alignment);
        }
        return bounds;
    }

    /// <summary>The work of the peers before <paramref name="peer"/>, in deliveries per flood.</summary>
    public static long CostBefore(int[] offsets, int peer) => offsets[peer] + (long)FirstReceiptCost * peer;

    /// <summary>At most one partition per 64 peers.</summary>
    public static int MaxParts(int peers) => Math.Max(1, peers / Alignment);

    /// <summary>Each peer's partition, for routing a message to the partition that owns its receiver.</summary>
    public static byte[] Owners(int[] bounds)
    {
        if (bounds.Length - 1 > 256) throw new ArgumentOutOfRangeException(nameof(bounds), "at most 256 partitions");
        var owner = new byte[bounds[^1]];
        for (int p = 0; p + 1 < bounds.Length; p++) owner.AsSpan(bounds[p], bounds[p + 1] - bounds[p]).Fill((byte)p);
        return owner;
    }
}

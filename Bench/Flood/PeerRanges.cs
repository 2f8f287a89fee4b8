namespace GossipSim.Bench.Flood;

/// <summary>
/// How the peers are split among partitions: contiguous id ranges of equal work, a peer's being
/// about its degree in deliveries plus one first receipt (<see cref="FirstReceiptCost"/> deliveries).
/// Equal peer counts would overload the Barabasi-Albert hubs' range (low ids), equal link ends the
/// last range (many degree-3 peers). Boundaries fall on multiples of 64, so two partitions never
/// write the same word of a flood's one-bit-per-peer Message List.
/// </summary>
public static class PeerRanges
{
    public const int Alignment = 64;

    /// <summary>
    /// A first receipt's cost in deliveries (marking the message seen, recording its hops, sending
    /// a copy to every other neighbour), fitted to the time each range of a 10^6-peer flood split by
    /// link ends alone took: 3.3 to 4.7 deliveries per first receipt.
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

    /// <summary>The partition whose range holds <paramref name="peer"/>, by the bounds (ranges in peer order): what
    /// <see cref="Owners"/> holds a byte a peer for.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int OwnerOf(int[] bounds, int peer)
    {
        int p = 0;
        while (peer >= bounds[p + 1]) p++;
        return p;
    }

    /// <summary>Each peer's partition, for routing a message to the partition that owns its receiver.</summary>
    public static byte[] Owners(int[] bounds)
    {
        if (bounds.Length - 1 > 256) throw new ArgumentOutOfRangeException(nameof(bounds), "at most 256 partitions");
        var owner = new byte[bounds[^1]];
        for (int p = 0; p + 1 < bounds.Length; p++) owner.AsSpan(bounds[p], bounds[p + 1] - bounds[p]).Fill((byte)p);
        return owner;
    }
}

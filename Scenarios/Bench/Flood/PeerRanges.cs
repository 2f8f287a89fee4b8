namespace GossipSim.Scenarios.Bench.Flood;

/// <summary>
/// How the peers are split among partitions (one per worker thread): contiguous ranges of peer
/// ids holding equal shares of link ends. A peer receives one copy of a flood per link and sends
/// one per link, so its work is its degree; a Barabasi-Albert hub (the low ids) has thousands of
/// links, so equal peer counts would give the first partition several times the work of the
/// last. Boundaries fall on multiples of 64 so two partitions never write the same word of a
/// flood's one-bit-per-peer Message List.
/// </summary>
public static class PeerRanges
{
    public const int Alignment = 64;

    /// <summary>
    /// The first peer of each of <paramref name="parts"/> ranges, plus the peer count at the end.
    /// <paramref name="offsets"/> is the overlay's CSR offsets: offsets[i] is the link ends of peers before i.
    /// </summary>
    public static int[] ByDegree(int[] offsets, int parts)
    {
        int peers = offsets.Length - 1;
        if (parts < 1 || parts > MaxParts(peers)) throw new ArgumentOutOfRangeException(nameof(parts), $"1 to {MaxParts(peers)} partitions for {peers} peers");
        long ends = offsets[peers];
        var bounds = new int[parts + 1];
        bounds[parts] = peers;
        int peer = 0;
        for (int p = 1; p < parts; p++)
        {
            long share = ends * p / parts;
            while (peer < peers && offsets[peer] < share) peer++;
            int aligned = (peer + Alignment / 2) / Alignment * Alignment;
            // Every range keeps at least one block of 64 (a hub alone may outweigh a share).
            bounds[p] = Math.Clamp(aligned, bounds[p - 1] + Alignment, (peers / Alignment - (parts - p)) * Alignment);
        }
        return bounds;
    }

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

namespace GossipSim.Simulator.Ranks;

/// <summary>
/// Which rank owns which partition: each rank a contiguous run of them, as even as the counts
/// allow (partition p belongs to rank p·ranks / partitions). Node i lives in partition i modulo
/// the partition count, so the seeds (the first nodes) land on the first partitions, one each,
/// spread over the first ranks, and every rank's share of the peers is even. Where a node runs
/// changes no outcome: only where its memory and work go.
/// </summary>
public readonly record struct RankShare(int Ranks, int Partitions)
{
    /// <summary>The share, or why there is none: every rank needs at least one partition.</summary>
    public static RankShare Of(int ranks, int partitions)
    {
        if (ranks < 1) throw new ArgumentOutOfRangeException(nameof(ranks), ranks, "at least one rank");
        if (partitions < ranks)
            throw new RankExchangeException($"{ranks} ranks but only {partitions} partitions: every rank needs a partition of its own (run "
                + $"at most {partitions} ranks, or more partitions)");
        return new RankShare(ranks, partitions);
    }

    public int OwnerOf(int partition) => (int)((long)partition * Ranks / Partitions);

    /// <summary>The first partition of <paramref name="rank"/> and how many it owns.</summary>
    public (int First, int Count) Of(int rank)
    {
        int first = (int)(((long)rank * Partitions + Ranks - 1) / Ranks);
        int end = (int)(((long)(rank + 1) * Partitions + Ranks - 1) / Ranks);
        return (first, end - first);
    }
}

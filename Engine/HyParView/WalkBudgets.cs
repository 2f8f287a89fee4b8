using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.HyParView;

/// <summary>
/// How many JOINs, FORWARDJOINs and SHUFFLEs each sender may hand this peer: a <see cref="TokenBucket"/> of
/// <see cref="Config.PeerConfig.HyParViewWalksPerSource"/> a sender, refilled at that many a shuffle interval. Each such message can
/// make this peer dial the address it names or start walks on its own links, so the count a sender gets bounds the work and the dials
/// it can make this peer do, whatever it sends. Only a sender heard from recently holds an entry; a bucket full again says nothing a
/// new one would not and is forgotten when room is needed.
/// </summary>
public sealed class WalkBudgets(int perInterval, TimeSpan interval)
{
    /// <summary>Senders tracked at most (far more than a peer's active view and the walks that pass through it); one more, while
    /// every tracked one spent some of its budget, is refused: a flood of new senders cannot make room for itself.</summary>
    public const int Capacity = 256;

    private readonly Dictionary<NodeAddress, TokenBucket> _buckets = new();
    private readonly double _perSecond = perInterval / Math.Max(interval.TotalSeconds, 1e-3);

    /// <summary>Messages refused because their sender's budget was spent.</summary>
    public long Refused { get; private set; }

    /// <summary>Senders with a budget not yet whole again.</summary>
    public int Held => _buckets.Count;

    /// <summary>Takes one from <paramref name="sender"/>'s budget: false (and counted) when none is left.</summary>
    public bool Take(NodeAddress sender, TimeSpan now)
    {
        if (!_buckets.TryGetValue(sender, out var bucket))
        {
            if (_buckets.Count >= Capacity) Forgive(now);
            if (_buckets.Count >= Capacity)
            {
                Refused++;
                return false;
            }
            bucket = TokenBucket.Full(perInterval, now);
        }
        var (admitted, after) = bucket.Take(now, _perSecond, perInterval);
        _buckets[sender] = after;
        if (!admitted) Refused++;
        return admitted;
    }

    private void Forgive(TimeSpan now)
    {
        foreach (var (sender, bucket) in _buckets)
            if (bucket.IsFullAt(now, _perSecond, perInterval)) _buckets.Remove(sender);
    }
}

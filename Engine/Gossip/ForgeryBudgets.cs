using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Gossip;

/// <summary>
/// How many forged messages each neighbour may make this peer check. Honest peers check before they
/// forward, so a neighbour that relays a forgery is lying: each forgery takes a token of its
/// <see cref="TokenBucket"/>, and with none left its gossip is dropped unchecked (at most <see cref="Burst"/>
/// checks, then <see cref="PerSecond"/>; its genuine relays arrive via other neighbours). Only a
/// forger with a bucket not yet refilled holds an entry.
/// </summary>
public sealed class ForgeryBudgets
{
    /// <summary>Forgeries a neighbour may make this peer check at once: a relay whose view of the seeds' keys differs (a certificate fails
    /// here, not there) loses nothing for a few.</summary>
    public const int Burst = 16;

    /// <summary>Checks a neighbour gets back a second once it is out: a liar still costs one a second, a relay that was wrong for a moment
    /// is heard again at once.</summary>
    public const int PerSecond = 1;

    /// <summary>Neighbours tracked at most (far more than a peer's neighbours and pending links); one more is not tracked, so its messages
    /// are checked.</summary>
    public const int Capacity = 256;

    private readonly Dictionary<NodeAddress, TokenBucket> _buckets = new();

    /// <summary>Neighbours with forgeries not yet forgiven.</summary>
    public int Held => _buckets.Count;

    /// <summary>Whether new gossip from <paramref name="sender"/> is still checked: true unless its forgeries have used up its
    /// budget.</summary>
    public bool MayCheck(NodeAddress sender, TimeSpan now) =>
        !_buckets.TryGetValue(sender, out var bucket) || bucket.Take(now, PerSecond, Burst).Admitted;

    /// <summary>
    /// A forgery from <paramref name="sender"/> was checked: it costs a token. True when that was
    /// its last one (from now on its gossip is dropped unchecked: the one moment worth a log line).
    /// </summary>
    public bool Charge(NodeAddress sender, TimeSpan now)
    {
        if (!_buckets.TryGetValue(sender, out var bucket))
        {
            if (_buckets.Count >= Capacity) Forgive(now);
            if (_buckets.Count >= Capacity) return false;
            bucket = TokenBucket.Full(Burst, now);
        }
        var (had, after) = bucket.Take(now, PerSecond, Burst);
        _buckets[sender] = after;
        return had && !after.Take(now, PerSecond, Burst).Admitted;
    }

    /// <summary>Forgets the neighbours whose budget is whole again: they say nothing a new entry would not.</summary>
    private void Forgive(TimeSpan now)
    {
        foreach (var (sender, bucket) in _buckets)
            if (bucket.IsFullAt(now, PerSecond, Burst)) _buckets.Remove(sender);
    }
}

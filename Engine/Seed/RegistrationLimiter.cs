using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// Registrations a seed takes from one source IP: a <see cref="TokenBucket"/> per IP. Only IPs
/// whose bucket is not full are held; the table drops full buckets whenever it has doubled
/// since its last sweep, so a million registrants from a million IPs (the simulator) hold a
/// few entries, not a million.
/// </summary>
public sealed class RegistrationLimiter(int perSecond, int burst)
{
    private readonly Dictionary<uint, TokenBucket> _buckets = new();
    private int _sweepAt = 64;

    public int Held => _buckets.Count;

    /// <summary>Takes a token for <paramref name="source"/>'s IP; false when that IP is over its rate.</summary>
    public bool TryAdmit(NodeAddress source, TimeSpan now)
    {
        var bucket = _buckets.TryGetValue(source.Ip, out var b) ? b : TokenBucket.Full(burst, now);
        var (admitted, after) = bucket.Take(now, perSecond, burst);
        _buckets[source.Ip] = after;
        if (_buckets.Count >= _sweepAt) Sweep(now);
        return admitted;
    }

    private void Sweep(TimeSpan now)
    {
        foreach (var (ip, bucket) in _buckets)
            if (bucket.IsFullAt(now, perSecond, burst)) _buckets.Remove(ip);
        _sweepAt = Math.Max(64, _buckets.Count * 2);
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// Dead-node reports a seed reads from one reporter address: a <see cref="TokenBucket"/> per
/// reporter, sized by <see cref="Allowance"/>. Keyed by address, not IP: peers that share a host
/// (every peer of a loopback run) each report their own neighbours. Only reporters whose bucket
/// is not full are held, swept whenever the table has doubled, as <see cref="RegistrationLimiter"/> does.
/// </summary>
public sealed class ReportLimiter(int perSecond, int burst)
{
    private readonly Dictionary<NodeAddress, (TokenBucket Bucket, int PerSecond, int Burst)> _buckets = new();
    private int _sweepAt = 64;

    public int Held => _buckets.Count;

    /// <summary>
    /// A reporter's bucket: <paramref name="burst"/> and <paramref name="perSecond"/> on top of
    /// its degree (0 for a non-member). A peer reports a neighbour only after missing its ping,
    /// so at most once per ping interval per neighbour: with ping intervals of a second or more,
    /// an honest peer never sends more than its degree a second, and all its neighbours dying at
    /// once fit in one burst. The seed's believed degree can lag a peer's newest links by a
    /// relay; the constant part covers that.
    /// </summary>
    public static (int PerSecond, int Burst) Allowance(int degree, int perSecond, int burst)
    {
        long d = Math.Max(0, degree);
        return ((int)Math.Min(int.MaxValue, perSecond + d), (int)Math.Min(int.MaxValue, burst + d));
    }

    /// <summary>Takes a token for <paramref name="reporter"/>, whose believed degree is <paramref name="degree"/>; false when it is over
    /// its rate.</summary>
    public bool TryAdmit(NodeAddress reporter, int degree, TimeSpan now)
    {
        var (rate, cap) = Allowance(degree, perSecond, burst);
        var bucket = _buckets.TryGetValue(reporter, out var held) ? held.Bucket : TokenBucket.Full(cap, now);
        var (admitted, after) = bucket.Take(now, rate, cap);
        _buckets[reporter] = (after, rate, cap);
        if (_buckets.Count >= _sweepAt) Sweep(now);
        return admitted;
    }

    private void Sweep(TimeSpan now)
    {
        foreach (var (reporter, held) in _buckets)
            if (held.Bucket.IsFullAt(now, held.PerSecond, held.Burst)) _buckets.Remove(reporter);
        _sweepAt = Math.Max(64, _buckets.Count * 2);
    }
}

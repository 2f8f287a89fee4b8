using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Core;

/// <summary>
/// A token bucket: holds up to <c>burst</c> tokens, gains <c>perSecond</c> a second, and each
/// admitted event takes one. A pure value: the caller keeps it and passes the time.
/// </summary>
public readonly record struct TokenBucket(double Tokens, TimeSpan At)
{
    /// <summary>A full bucket at <paramref name="now"/>.</summary>
    public static TokenBucket Full(int burst, TimeSpan now) => new(burst, now);

    /// <summary>The bucket refilled up to <paramref name="now"/>, with one token taken if there was one.</summary>
    public (bool Admitted, TokenBucket After) Take(TimeSpan now, double perSecond, int burst)
    {
        var refilled = Refill(now, perSecond, burst);
        return refilled.Tokens >= 1 ? (true, refilled with { Tokens = refilled.Tokens - 1 }) : (false, refilled);
    }

    /// <summary>Whether it would be full at <paramref name="now"/>: such a bucket says nothing a new one would not.</summary>
    public bool IsFullAt(TimeSpan now, double perSecond, int burst) => Refill(now, perSecond, burst).Tokens >= burst;

    private TokenBucket Refill(TimeSpan now, double perSecond, int burst)
    {
        double elapsed = Math.Max(0, (now - At).TotalSeconds); // a clock never goes back here; if it did, nothing is gained
        return new TokenBucket(Math.Min(burst, Tokens + elapsed * perSecond), now > At ? now : At);
    }
}

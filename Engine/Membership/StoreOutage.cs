using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>
/// A store that refuses commits (a full disk) is one outage, told in two lines: when the first
/// commit is refused, and when one is kept again with how many were refused meanwhile. A seed on
/// a full disk meets a refusal at every commit it hears of; a line (or a stack trace) for each
/// would bury the one fact that matters. Time comes from the caller.
/// </summary>
public sealed class StoreOutage
{
    private long _refused;
    private TimeSpan _since;

    public bool Refusing => _refused > 0;

    /// <summary>Commits refused since the outage began (0: none).</summary>
    public long Refused => _refused;

    /// <returns>The line to log: only for the first refusal of an outage.</returns>
    public string? OnRefused(string why, TimeSpan now)
    {
        if (_refused++ > 0) return null;
        _since = now;
        return $"cannot make commits durable, so it refuses them (neither applied nor announced) until it can: {why}";
    }

    /// <returns>The line to log: only for the first commit kept after an outage.</returns>
    public string? OnKept(TimeSpan now)
    {
        if (_refused == 0) return null;
        string line = $"commits are durable again: {_refused} refused in {(now - _since).TotalSeconds:0.#} s come back by "
            + $"anti-entropy and the peers' retries";
        _refused = 0;
        return line;
    }
}

using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Trace;

/// <summary>
/// A seed's `seed-set` line, as its detail writes the set it took (<c>SeedSet.ToString</c> and the change): "version 2: [a, b, c]
/// (remove d)", or "version 1: [a, b, c] joint with [a, b, c, d] (...)" while a change is half done; a final set's line ends with what
/// the seed says of itself (<see cref="SeedSetStanding"/>), which older traces lack (then its address is looked for in the set).
/// </summary>
public static class SeedSetLine
{
    /// <summary>Whether the set the line names, once final, holds <paramref name="seed"/>; null for a joint set (every seed of either
    /// side still votes) or a line of another shape.</summary>
    public static bool? FinalSetHolds(string? detail, NodeAddress seed)
    {
        if (detail == null || detail.Contains(" joint with [", StringComparison.Ordinal)) return null;
        // The seed's own word first (SeedSetStanding): it may be listed under an address made from its key, not the one it traces under.
        if (detail.EndsWith(SeedSetStanding.LeftOut, StringComparison.Ordinal)) return false;
        if (detail.EndsWith(SeedSetStanding.Counted, StringComparison.Ordinal)) return true;
        int open = detail.IndexOf('['), close = open < 0 ? -1 : detail.IndexOf(']', open);
        if (close < 0) return null;
        foreach (var part in detail.AsSpan(open + 1, close - open - 1).ToString().Split(", ", StringSplitOptions.RemoveEmptyEntries))
        {
            if (!NodeAddress.TryParse(part, out var a, out _)) return null;
            if (a == seed) return true;
        }
        return false;
    }
}

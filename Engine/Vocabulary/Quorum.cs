namespace GossipSim.Engine.Vocabulary;

/// <summary>
/// R4/R7: the majority of n configured seeds, floor(n/2)+1. A membership change commits with
/// that many yes votes; a peer is registered once that many seeds have accepted it.
/// </summary>
public static class Quorum
{
    public static int Of(int seedCount)
    {
        if (seedCount < 1) throw new ArgumentOutOfRangeException(nameof(seedCount), "at least one seed is needed");
        return seedCount / 2 + 1;
    }

    public static bool Reached(int votesFor, int seedCount) => votesFor >= Of(seedCount);

    /// <summary>True once enough votes are against (or missing) that a majority can no longer be reached.</summary>
    public static bool Impossible(int votesAgainst, int seedCount) => seedCount - votesAgainst < Of(seedCount);

    /// <summary>R7: how many more seeds a peer asks this round to reach a majority, given how many accepted it and how many it has not
    /// asked yet.</summary>
    public static int SeedsToAsk(int seedCount, int accepted, int notYetAccepted) =>
        Math.Max(0, Math.Min(Of(seedCount) - accepted, notYetAccepted));
}

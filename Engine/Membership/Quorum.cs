namespace GossipSim.Engine.Membership;

/// <summary>R4: the majority of n configured seeds, floor(n/2)+1.</summary>
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
}

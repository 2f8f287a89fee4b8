namespace GossipSim.Engine.Vocabulary;

/// <summary>
/// The versions of the seed set a node has learned, newest first: version 0 is the seed list it started with, each later one a
/// step whose proof it checked (<see cref="Membership.SeedSetRules.StepRefusal"/>). Immutable: learning a step makes a new head
/// over the old chain, so a node's parts can hold the history they were given while it moves on. A proof names the version its
/// votes were counted at, and is checked against the set of that version (<see cref="Trust.CommitCheck"/>).
/// </summary>
public sealed class SeedSetHistory
{
    private SeedSetHistory(SeedSet current, SeedSetHistory? before, TimeSpan takenAt) =>
        (Current, Before, TakenAt) = (current, before, takenAt);

    /// <summary>The history of a node that has learned no change: its seed list, version 0.</summary>
    public static SeedSetHistory Starting(IEnumerable<NodeAddress> seeds) => new(SeedSet.Configured(seeds), null, TimeSpan.Zero);

    /// <summary>When this node took <see cref="Current"/> (its own clock; zero for its seed list and where no time was given).</summary>
    public TimeSpan TakenAt { get; }

    /// <summary>The set in force here.</summary>
    public SeedSet Current { get; }
    /// <summary>The history before <see cref="Current"/>; null at version 0.</summary>
    public SeedSetHistory? Before { get; }

    /// <summary>The set of a version, or null when this node has not learned it (later than <see cref="Current"/>).</summary>
    public SeedSet? At(long version)
    {
        for (var h = this; h != null; h = h.Before)
            if (h.Current.Version == version) return h.Current;
        return null;
    }

    /// <summary>
    /// When this node took the step that left <paramref name="seed"/> out of the sets that vote, or null when it votes now or never
    /// did. A seed that left keeps its word on what it signed while it voted, for a while (<see cref="Trust.CertificateStanding"/>):
    /// a member's renewal from it stays good until the member refreshes at a seed of the new set.
    /// </summary>
    public TimeSpan? LeftAt(NodeAddress seed)
    {
        if (Current.Counts(seed)) return null;
        for (var h = this; h.Before != null; h = h.Before)
            if (h.Before.Current.Counts(seed)) return h.TakenAt;
        return null;
    }

    /// <summary>The history with one more version, taken at <paramref name="takenAt"/>; it must be the next one.</summary>
    public SeedSetHistory Then(SeedSet next, TimeSpan takenAt = default) =>
        next.Version == Current.Version + 1 ? new SeedSetHistory(next, this, takenAt)
            : throw new ArgumentException($"version {next.Version} does not follow version {Current.Version}", nameof(next));
}

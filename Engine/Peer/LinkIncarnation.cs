namespace GossipSim.Engine.Peer;

/// <summary>
/// What the membership incarnation a link was made under (its certificate's) decides. A peer registers again only once the seeds
/// removed it (or a majority stopped listing it), so every incarnation below a member's current one is removed, and a removal ends
/// the links of its incarnation and earlier ones wherever it arrives. Pure: table tests.
/// </summary>
public static class LinkIncarnation
{
    /// <summary>Whether a removal of incarnation <paramref name="removed"/> ends a link made under <paramref name="link"/>: not a
    /// link of a later one (the member rejoined or restarted since).</summary>
    public static bool EndedBy(long link, long removed) => link <= removed;

    /// <summary>Whether a link made under <paramref name="link"/> watches a member now of incarnation <paramref name="member"/>:
    /// a link of an earlier (removed) incarnation is cut as soon as that removal reaches its holder, so it is no watch the protocol
    /// can count on; the member is watched there only once it showed its current certificate (<see cref="KeptLinks"/>).</summary>
    public static bool Watches(long link, long member) => link >= member;
}

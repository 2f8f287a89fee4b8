using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>
/// When a seed's member sweep has evidence enough to propose a removal on its own (no peer reported the member): the member was
/// silent at its probe on two passes of the sweep in a row, a sweep interval apart. One silent probe spans a probe timeout (a
/// fraction of a second with fast timings), and every seed's vote probe follows it at once: a live peer held off the CPU for
/// about a second on a loaded machine answered none of them and was removed. A peer's neighbours need several missed pings
/// before they even suspect it; the sweep is the backstop for members nobody reports, with no hurry, so it waits a pass.
/// Pure: table tests.
/// </summary>
public static class SweepEvidence
{
    /// <summary>Whether a silent probe at <paramref name="now"/> proposes the member's removal, given when an earlier pass last
    /// found it silent (null: none did, or it answered since).</summary>
    public static bool Proposes(TimeSpan? silentBefore, TimeSpan now, TimeSpan sweepInterval) =>
        silentBefore is { } t && now - t >= sweepInterval / 2 && !IsStale(t, now, sweepInterval);

    /// <summary>A silent finding older than two passes was not followed by the next pass's (the member answered or left the
    /// list): it is forgotten.</summary>
    public static bool IsStale(TimeSpan silentAt, TimeSpan now, TimeSpan sweepInterval) => now - silentAt > sweepInterval * 2;
}

using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// How long a peer that still wants links waits before asking the seeds for a peer list again:
/// the retry interval after a list that led somewhere, doubled for each list in a row that
/// brought nobody new to link to, up to the cap. A small network, where every other peer is
/// already a neighbour, so goes quiet instead of asking every few seconds forever.
/// </summary>
public static class ReattachBackoff
{
    /// <param name="retry">The first wait (peerSettings.reattachRetrySeconds).</param>
    /// <param name="cap">The longest wait (peerSettings.reattachRetryMaxSeconds); at or below <paramref name="retry"/>: no backoff.</param>
    /// <param name="fruitlessLists">Peer lists in a row that brought nobody new.</param>
    public static TimeSpan Delay(TimeSpan retry, TimeSpan cap, int fruitlessLists)
    {
        if (fruitlessLists <= 1 || cap <= retry) return retry;
        // Doubling past the cap stops counting: 2^62 ticks would overflow long before that.
        int doublings = Math.Min(fruitlessLists - 1, 62);
        double ticks = retry.Ticks * Math.Pow(2, doublings);
        return ticks >= cap.Ticks ? cap : TimeSpan.FromTicks((long)ticks);
    }
}

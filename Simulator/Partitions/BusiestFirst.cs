namespace GossipSim.Simulator.Partitions;

/// <summary>
/// The order in which threads take up a window's partitions: the last window's busiest first
/// (ties by number), so the big pieces start early and the small ones fill in behind them, as in
/// longest-processing-time scheduling. Which thread runs which partition changes no outcome;
/// the simulator's network and the flood benchmark both hand out their partitions this way.
/// </summary>
public static class BusiestFirst
{
    /// <param name="order">Partition numbers, reordered in place.</param>
    /// <param name="lastWindowWork">A partition's work in the window just run (events, deliveries).</param>
    public static void Order(int[] order, Func<int, long> lastWindowWork) =>
        Array.Sort(order, (a, b) =>
        {
            long wa = lastWindowWork(a), wb = lastWindowWork(b);
            return wa != wb ? wb.CompareTo(wa) : a.CompareTo(b);
        });
}

namespace GossipSim.Simulator.Partitions;

/// <summary>
/// The partitions' work window by window, as the simulator's network and the flood benchmark
/// both keep it: the order threads take the partitions up in the next window (the last
/// window's busiest first, <see cref="BusiestFirst"/>, when there are more partitions than
/// threads) and the window balance: all work over (threads × the sum of each window's least
/// finishing work, its busiest partition or an even share between the threads, whichever is
/// more). 1 when every window can split evenly; the speed-up on free cores is at most threads
/// times it. Which thread runs which partition changes no outcome.
/// </summary>
public sealed class WindowLoad
{
    private readonly int _threads;
    private readonly int[] _order;
    private long _work, _finishing;

    public WindowLoad(int partitions, int threads)
    {
        if (partitions < 1) throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "at least one partition");
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
        _threads = threads;
        _order = Enumerable.Range(0, partitions).ToArray();
    }

    /// <summary>The partition the i-th taker of the next window runs.</summary>
    public int this[int i] => _order[i];

    /// <summary>A window ended; <paramref name="work"/> gives each partition's work in it (events, deliveries).</summary>
    public void Ended(Func<int, long> work)
    {
        long sum = 0, busiest = 0;
        for (int p = 0; p < _order.Length; p++)
        {
            long w = work(p);
            sum += w;
            busiest = Math.Max(busiest, w);
        }
        _work += sum;
        _finishing += Math.Max(busiest, (sum + _threads - 1) / _threads);
        // With one thread, or one partition a thread, the order changes nothing.
        if (_threads > 1 && _order.Length > _threads) BusiestFirst.Order(_order, work);
    }

    /// <summary>The window balance so far (1 before any window).</summary>
    public double Balance => _finishing == 0 ? 1 : (double)_work / _threads / _finishing;
}

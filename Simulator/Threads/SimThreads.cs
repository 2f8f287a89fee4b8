
namespace GossipSim.Simulator.Threads;

/// <summary>The threads a simulated run's partitions run on (the runtime owns threads; Engine asks through
/// <see cref="ParallelRunner"/>).</summary>
public static class SimThreads
{
    /// <summary>One thread per core of this machine.</summary>
    public static int Default => Environment.ProcessorCount;

    /// <summary>The threads <see cref="On"/> starts for <paramref name="threads"/> asked for: no more than the cores.</summary>
    public static int Started(int threads) => Math.Min(threads, Default);

    /// <summary>
    /// Runs a window's partitions on <paramref name="threads"/> threads, the calling thread one of
    /// them: each thread takes the lowest index not yet taken until none is left, so partitions
    /// start in the order given and a thread never idles while one waits. Rethrows the first
    /// failure as thrown. More threads than the machine has cores are not started: the work is
    /// all computation, and threads beyond the cores only take turns on them (the network still
    /// has as many partitions as threads were asked for, and the run is the same either way).
    /// </summary>
    public static ParallelRunner On(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
        int running = Started(threads);
        if (running == 1) return (count, work) => { for (int i = 0; i < count; i++) work(i); };
        return (count, work) => WorkerGang.Run(running, count, work);
    }
}

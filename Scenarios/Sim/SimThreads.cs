using System.Runtime.ExceptionServices;
using GossipSim.Engine.Simulation;

namespace GossipSim.Scenarios.Sim;

/// <summary>The threads a simulated run's partitions run on (the runtime owns threads; Engine asks through <see cref="ParallelRunner"/>).</summary>
public static class SimThreads
{
    /// <summary>One thread per core of this machine.</summary>
    public static int Default => Environment.ProcessorCount;

    /// <summary>
    /// Runs a window's partitions on <paramref name="threads"/> threads, the calling thread one of
    /// them: each thread takes the lowest index not yet taken until none is left, so partitions
    /// start in the order given and a thread never idles while one waits. Rethrows the first
    /// failure as thrown.
    /// </summary>
    public static ParallelRunner On(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        return (count, work) =>
        {
            int next = -1;
            try
            {
                Parallel.For(0, Math.Min(threads, count), options, _ =>
                {
                    for (int i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next)) work(i);
                });
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
            {
                ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            }
        };
    }
}

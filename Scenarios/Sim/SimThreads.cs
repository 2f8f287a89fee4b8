using System.Runtime.ExceptionServices;
using GossipSim.Engine.Simulation;

namespace GossipSim.Scenarios.Sim;

/// <summary>The threads a simulated run's partitions run on (the runtime owns threads; Engine asks through <see cref="ParallelRunner"/>).</summary>
public static class SimThreads
{
    /// <summary>One thread per core of this machine.</summary>
    public static int Default => Environment.ProcessorCount;

    /// <summary>Runs each partition's share of a window on the thread pool, the calling thread taking one; rethrows the first failure as thrown.</summary>
    public static readonly ParallelRunner Runner = static (count, work) =>
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, work);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    };
}

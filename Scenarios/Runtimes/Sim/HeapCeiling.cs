using System.Globalization;
using GossipSim.Scenarios.Run;

namespace GossipSim.Scenarios.Runtimes.Sim;

/// <summary>
/// A simulation's heap ceiling (the scenario's <c>maxHeapGiB</c>, or <c>--max-heap</c>): the
/// collector is given a hard limit for the length of the run, as a Java simulator is given
/// <c>-Xmx</c>. Without one, server GC lets a large simulation's heap grow to about 1.6 times
/// its live bytes before it compacts (young budgets, a generation 1 that holds hundreds of
/// megabytes, regions not yet given back); with one, it collects and compacts harder as the heap
/// nears the ceiling, and the peak follows the live bytes (docs/performance.md has sim-1m's peaks
/// with and without). A run whose live bytes pass the
/// ceiling stops with an out-of-memory error that names it. The limit is lifted when the run
/// ends (<see cref="Dispose"/>): a test host or the analysis after the run is not bound by it.
/// </summary>
public sealed class HeapCeiling : IDisposable
{
    private const string LimitKey = "GCHeapHardLimit";

    /// <summary>The ceiling in bytes.</summary>
    public long Bytes { get; }

    private HeapCeiling(long bytes) => Bytes = bytes;

    /// <summary>Bytes of a ceiling in GiB.</summary>
    public static long BytesOf(double gib) => (long)(gib * (1L << 30));

    /// <summary>
    /// Sets the collector's hard limit to <paramref name="gib"/> until the returned ceiling is
    /// disposed. Refused, in words, when it is below what the process already holds.
    /// </summary>
    public static HeapCeiling Apply(double gib)
    {
        long bytes = BytesOf(gib);
        long committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        if (bytes <= committed)
            throw new RunFailedException($"a heap ceiling of {Gib(bytes)} GiB (maxHeapGiB or --max-heap) is below the {Gib(committed)} GiB "
                + "this process holds before the simulation starts: give it more");
        AppContext.SetData(LimitKey, (ulong)bytes);
        try
        {
            GC.RefreshMemoryLimit();
        }
        catch (InvalidOperationException)
        {
            AppContext.SetData(LimitKey, 0UL);
            throw new RunFailedException($"the collector refused a heap ceiling of {Gib(bytes)} GiB (maxHeapGiB or --max-heap): it is "
                + "below what the process has committed; give it more");
        }
        return new HeapCeiling(bytes);
    }

    /// <summary>Lifts the limit (back to the machine's, or the container's).</summary>
    public void Dispose()
    {
        AppContext.SetData(LimitKey, 0UL);
        GC.RefreshMemoryLimit();
    }

    /// <summary>What the run says about its ceiling.</summary>
    public string Line() =>
        $"heap ceiling {Gib(Bytes)} GiB: the collector compacts harder as the heap nears it; a run whose live state needs more stops "
        + "with an out-of-memory error";

    internal static string Gib(long bytes) => (bytes / (double)(1L << 30)).ToString("0.##", CultureInfo.InvariantCulture);
}

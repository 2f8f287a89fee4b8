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
/// ceiling stops with an out-of-memory error that names it. Without one, a run sets one itself where the
/// machine would otherwise bound it (<see cref="ForMachine"/>). The limit is lifted when the run
/// ends (<see cref="Dispose"/>): a test host or the analysis after the run is not bound by it.
/// </summary>
public sealed class HeapCeiling : IDisposable
{
    private const string LimitKey = "GCHeapHardLimit";

    /// <summary>The ceiling in bytes.</summary>
    public long Bytes { get; }

    private HeapCeiling(long bytes, (long Peak, long Available)? setForMachine = null)
    {
        Bytes = bytes;
        _setForMachine = setForMachine;
    }

    /// <summary>Bytes of a ceiling in GiB.</summary>
    public static long BytesOf(double gib) => (long)(gib * (1L << 30));

    /// <summary>
    /// Sets the collector's hard limit to <paramref name="gib"/> until the returned ceiling is
    /// disposed. Refused, in words, when it is below what the process already holds.
    /// </summary>
    public static HeapCeiling Apply(double gib)
    {
        long bytes = BytesOf(gib);
        long committed = Held();
        if (bytes <= committed)
            throw new RunFailedException($"a heap ceiling of {Gib(bytes)} GiB (maxHeapGiB or --max-heap) is below the {Gib(committed)} GiB "
                + "this process holds before the simulation starts: give it more");
        if (!TrySet(bytes))
            throw new RunFailedException($"the collector refused a heap ceiling of {Gib(bytes)} GiB (maxHeapGiB or --max-heap): it is "
                + "below what the process has committed; give it more");
        return new HeapCeiling(bytes);
    }

    /// <summary>Of the memory the machine has available, the share a ceiling the run sets itself takes: the rest is for the
    /// process's memory beside the heap (code, stacks, the runtime's own) and for the machine.</summary>
    public const double MachineShare = 0.9;

    /// <summary>
    /// The ceiling a run sets itself when the machine, not a ceiling, would bound it; null otherwise. Only where no limit is in
    /// force already (the collector's figure is the machine's whole memory: no container's limit, no DOTNET_GCHeapHardLimit, which
    /// the collector keeps to itself) and the run's estimated peak (<see cref="SimMemory.Estimate"/>) is more than
    /// <see cref="MachineShare"/> of the memory available now: the heap is then held to that, so the collector compacts to stay
    /// under it, where without it the kernel's out-of-memory killer would end the process without a word. Its live state must
    /// still fit (a run that needs more stops with one line).
    /// </summary>
    public static long? ForMachine(long estimatedPeak, long collectorLimit, MachineMemory? machine)
    {
        if (machine is not { } m || m.TotalBytes <= 0) return null;
        if (collectorLimit < m.TotalBytes - m.TotalBytes / 50) return null; // a limit is in force already
        long room = (long)(m.AvailableBytes * MachineShare);
        return estimatedPeak > room ? room : null;
    }

    /// <summary>Sets a ceiling of the run's own (<see cref="ForMachine"/>); null when the process already holds more, or the
    /// collector refuses it: the run then goes on without one, as before.</summary>
    public static HeapCeiling? ApplyForMachine(long bytes, long estimatedPeak, long machineAvailable)
    {
        if (bytes <= Held() || !TrySet(bytes)) return null;
        return new HeapCeiling(bytes, (estimatedPeak, machineAvailable));
    }

    /// <summary>What the heap holds now: committed at the last collection, or allocated so far (before any collection the
    /// collector's figures are all 0).</summary>
    private static long Held() => Math.Max(GC.GetGCMemoryInfo().TotalCommittedBytes, GC.GetTotalMemory(forceFullCollection: false));

    /// <summary>Sets the collector's limit; false (and the limit unset) when the collector refuses it.</summary>
    private static bool TrySet(long bytes)
    {
        AppContext.SetData(LimitKey, (ulong)bytes);
        try
        {
            GC.RefreshMemoryLimit();
            return true;
        }
        catch (InvalidOperationException)
        {
            AppContext.SetData(LimitKey, 0UL);
            return false;
        }
    }

    /// <summary>The run set this ceiling itself: its estimated peak and the memory the machine had available, in bytes.</summary>
    private readonly (long Peak, long Available)? _setForMachine;

    /// <summary>Who set the ceiling: "scenario" (maxHeapGiB or --max-heap) or "machine" (<see cref="ForMachine"/>).</summary>
    public string Source => _setForMachine == null ? "scenario" : "machine";

    /// <summary>Lifts the limit (back to the machine's, or the container's).</summary>
    public void Dispose()
    {
        AppContext.SetData(LimitKey, 0UL);
        GC.RefreshMemoryLimit();
    }

    /// <summary>What the run says about its ceiling.</summary>
    public string Line() => _setForMachine is { } why
        ? $"heap ceiling {Gib(Bytes)} GiB, set by the run: a run this size may need about {Gib(why.Peak)} GiB at its peak "
            + $"(docs/performance.md, section 4), more than {MachineShare * 100:0} % of the {Gib(why.Available)} GiB this machine has available, so "
            + "the collector compacts harder to stay under it instead of the kernel ending the process; a run whose live state needs more "
            + "stops with an out-of-memory error (maxHeapGiB or --max-heap sets a ceiling of your own)"
        : $"heap ceiling {Gib(Bytes)} GiB: the collector compacts harder as the heap nears it; a run whose live state needs more stops "
            + "with an out-of-memory error";

    internal static string Gib(long bytes) => (bytes / (double)(1L << 30)).ToString("0.##", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace GossipSim.Scenarios.Runtimes.Sim;

/// <summary>
/// What a simulation says of its garbage collector, in its first lines and in summary.json's <c>gc</c>: the kind, the heaps
/// and whether their count and young budgets follow the live state. The simulator runs server GC with the runtime's adaptive
/// heap count (DATAS; Scenarios.csproj says why): a small run keeps one heap and small young budgets, a large one adds
/// heaps, up to one a core, so memory follows the peers without a ceiling from the user (docs/performance.md, section 4). The settings are
/// read back from the collector (<see cref="GC.GetConfigurationVariables"/>), so a run started with other settings says so.
/// </summary>
public static class CollectorSettings
{
    /// <summary>The environment variable that fixes the young generation's budget (the runtime reads it at start only).</summary>
    public const string Gen0SizeVariable = "DOTNET_GCgen0size";

    /// <summary>This process's collector, in words.</summary>
    public static string Describe() =>
        Describe(GC.GetConfigurationVariables(), Environment.GetEnvironmentVariable(Gen0SizeVariable));

    /// <summary>
    /// The collector described by its configuration variables (ServerGC, HeapCount, GCDynamicAdaptationMode) and a fixed young
    /// budget, if one was set (<see cref="Gen0SizeVariable"/>, hexadecimal bytes as the runtime reads it).
    /// </summary>
    public static string Describe(IReadOnlyDictionary<string, object> variables, string? gen0Size)
    {
        bool server = variables.TryGetValue("ServerGC", out var s) && Convert.ToBoolean(s, CultureInfo.InvariantCulture);
        long heaps = variables.TryGetValue("HeapCount", out var h) ? Convert.ToInt64(h, CultureInfo.InvariantCulture) : 0;
        bool adaptive = variables.TryGetValue("GCDynamicAdaptationMode", out var d) && Convert.ToInt64(d, CultureInfo.InvariantCulture) == 1;
        string kind = !server ? "workstation GC"
            : adaptive ? $"server GC, 1 to {Math.Max(1, heaps)} heaps: their count and young budgets follow the live state (DATAS)"
            : heaps > 1 ? $"server GC, {heaps} heaps" : "server GC, 1 heap";
        return YoungBudgetMiB(gen0Size) is { } mib ? $"{kind}; young generation fixed at {mib} MiB ({Gen0SizeVariable})" : kind;
    }

    /// <summary>The run's line: the collector, and its ceiling or how to set one.</summary>
    public static string Line(string collector, HeapCeiling? ceiling) =>
        $"memory: {collector}; " + (ceiling == null
            ? "no heap ceiling (maxHeapGiB or --max-heap sets one, for a peak that stays nearer the live state)"
            : $"heap ceiling {HeapCeiling.Gib(ceiling.Bytes)} GiB");

    /// <summary>A young budget the runtime will have taken from the variable, in MiB (null when unset or unreadable, as the runtime
    /// ignores it then).</summary>
    private static long? YoungBudgetMiB(string? gen0Size)
    {
        if (string.IsNullOrWhiteSpace(gen0Size)) return null;
        string digits = gen0Size.Trim();
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) digits = digits[2..];
        return long.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long bytes) && bytes > 0
            ? bytes >> 20 : null;
    }
}

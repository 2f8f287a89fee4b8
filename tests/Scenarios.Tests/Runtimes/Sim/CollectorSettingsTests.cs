using GossipSim.Scenarios.Runtimes.Sim;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>What a run says of its collector, from the collector's own configuration variables.</summary>
public class CollectorSettingsTests
{
    private static Dictionary<string, object> Vars(bool server, long heaps, long adaptation) =>
        new() { ["ServerGC"] = server, ["HeapCount"] = heaps, ["GCDynamicAdaptationMode"] = adaptation };

    [TestCase(true, 2L, 1L, null, "server GC, 1 to 2 heaps: their count and young budgets follow the live state (DATAS)")]
    [TestCase(true, 2L, 0L, null, "server GC, 2 heaps")]
    [TestCase(true, 0L, 0L, null, "server GC, 1 heap")]
    [TestCase(false, 1L, 0L, null, "workstation GC")]
    [TestCase(true, 2L, 1L, "0x4000000", "server GC, 1 to 2 heaps: their count and young budgets follow the live state (DATAS); young generation fixed at 64 MiB (DOTNET_GCgen0size)")]
    [TestCase(true, 2L, 0L, "8000000", "server GC, 2 heaps; young generation fixed at 128 MiB (DOTNET_GCgen0size)")]
    [TestCase(true, 2L, 0L, "not hex", "server GC, 2 heaps")]
    [TestCase(true, 2L, 0L, "0", "server GC, 2 heaps")]
    public void Describe_NamesTheKind_TheHeaps_AndAFixedYoungBudget(bool server, long heaps, long adaptation, string? gen0, string expected) =>
        Assert.That(CollectorSettings.Describe(Vars(server, heaps, adaptation), gen0), Is.EqualTo(expected));

    [Test]
    public void Describe_WithoutTheVariables_IsWorkstation() =>
        Assert.That(CollectorSettings.Describe(new Dictionary<string, object>(), null), Is.EqualTo("workstation GC"));

    [Test]
    public void TheLine_SaysHowToSetACeiling_WhenThereIsNone() =>
        Assert.That(CollectorSettings.Line("server GC, 2 heaps", null), Is.EqualTo(
            "memory: server GC, 2 heaps; no heap ceiling (maxHeapGiB or --max-heap sets one, for a peak that stays nearer the live state)"));

    /// <summary>This test host is configured by its own project, not the simulator's: the description still reads what the
    /// collector reports, never a default.</summary>
    [Test]
    public void ThisProcess_IsDescribedAsTheCollectorReportsIt()
    {
        string text = CollectorSettings.Describe();
        Assert.That(text, Does.StartWith(System.Runtime.GCSettings.IsServerGC ? "server GC" : "workstation GC"));
    }
}

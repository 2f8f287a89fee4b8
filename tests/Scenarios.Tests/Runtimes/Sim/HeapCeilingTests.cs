using System.Text.Json;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes.Sim;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>
/// A heap ceiling (maxHeapGiB, --max-heap) binds the collector for the run and no longer: the run
/// is the same run under it, and one that needs more ends in one line that names the ceiling.
/// </summary>
public class HeapCeilingTests
{
    private const long GiB = 1L << 30;

    /// <summary>In this process, so the limit is read back from the collector itself; generous, since other tests share the
    /// heap meanwhile.</summary>
    [Test, NonParallelizable]
    public void ACeiling_IsTheCollectorsLimit_UntilItIsLifted()
    {
        long before = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        double gib = Math.Ceiling(GC.GetGCMemoryInfo().TotalCommittedBytes / (double)GiB) + 4;
        using (var ceiling = HeapCeiling.Apply(gib))
        {
            GC.Collect();
            Assert.That(ceiling.Bytes, Is.EqualTo((long)(gib * GiB)));
            Assert.That(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, Is.EqualTo(ceiling.Bytes), "the collector's limit is the ceiling");
        }
        GC.Collect();
        Assert.That(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, Is.EqualTo(before), "lifted: the machine's limit again");
    }

    [Test, NonParallelizable]
    public void ACeilingBelowWhatTheProcessHolds_IsRefusedInWords()
    {
        long before = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var ex = Assert.Throws<RunFailedException>(() => HeapCeiling.Apply(0.0001))!;
        Assert.That(ex.Message, Does.StartWith("a heap ceiling of 0 GiB (maxHeapGiB or --max-heap) is below the"));
        GC.Collect();
        Assert.That(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, Is.EqualTo(before), "nothing was set");
    }

    [TestCase(1_000_000, 2, null, 23.0, null, TestName = "No ceiling, a peak within the machine: nothing said")]
    [TestCase(1_000_000, 2, 2.4, 23.0, null, TestName = "sim-1m under 2.4 GiB: its live state fits, nothing said")]
    [TestCase(1_000_000, 2, 1.5, 23.0, "holds about 2.3 GiB live at its fullest", TestName = "A ceiling below the live estimate: said before the run")]
    [TestCase(1_000_000, 2, 30.0, 23.0, "the heap ceiling of 30 GiB is more than this process may use (23.0 GiB)", TestName = "A ceiling above the machine: the machine bounds the run")]
    [TestCase(10_000_000, 2, null, 23.0, "needs about 39.4 GiB at its peak", TestName = "Ten million peers without a ceiling: their peak is beyond the machine")]
    public void TheWarning_WeighsLiveBytesAgainstTheCeiling(long peers, long messages, double? ceilingGiB, double availableGiB, string? expected)
    {
        string? line = SimMemory.Warning(peers, messages, ceilingGiB is { } c ? HeapCeiling.BytesOf(c) : null, (long)(availableGiB * GiB));
        if (expected == null) Assert.That(line, Is.Null);
        else Assert.That(line, Does.Contain(expected).And.Not.Contain("\n"));
    }

    /// <summary>A run sets a ceiling itself only where the machine would bound it and nothing bounds it already.</summary>
    [TestCase(4.5, 24.0, 24.0, 23.0, null, TestName = "A peak within the machine: no ceiling")]
    [TestCase(40.0, 24.0, 24.0, 23.0, 20.7, TestName = "A peak beyond 90 % of the memory available: held to 90 % of it")]
    [TestCase(4.5, 24.0, 24.0, 4.0, 3.6, TestName = "A machine busy with other work: 90 % of what is left")]
    [TestCase(40.0, 18.0, 24.0, 23.0, null, TestName = "A container's or the user's limit is in force already: the collector keeps to it")]
    [TestCase(40.0, 23.8, 24.0, 23.0, 20.7, TestName = "The collector's figure within 2 % of the machine's: no limit in force")]
    public void ForMachine_HoldsTheHeap_OnlyWhereTheMachineWouldBoundTheRun(double peakGiB, double collectorGiB, double totalGiB,
        double availableGiB, double? expectedGiB)
    {
        long? bytes = HeapCeiling.ForMachine((long)(peakGiB * GiB), (long)(collectorGiB * GiB),
            new MachineMemory((long)(totalGiB * GiB), (long)(availableGiB * GiB)));
        if (expectedGiB == null) Assert.That(bytes, Is.Null);
        else Assert.That(bytes!.Value / (double)GiB, Is.EqualTo(expectedGiB.Value).Within(0.001));
    }

    [Test]
    public void ForMachine_WithoutTheMachinesFigures_SetsNothing() =>
        Assert.That(HeapCeiling.ForMachine(40 * GiB, 24 * GiB, null), Is.Null);

    /// <summary>In this process: a ceiling the run sets itself binds the collector, says why in one line, and is lifted after.</summary>
    [Test, NonParallelizable]
    public void AMachineCeiling_IsTheCollectorsLimit_AndSaysWhy()
    {
        long before = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        long bytes = (long)(Math.Ceiling(GC.GetGCMemoryInfo().TotalCommittedBytes / (double)GiB) + 4) * GiB;
        using (var ceiling = HeapCeiling.ApplyForMachine(bytes, 40 * GiB, 10 * GiB))
        {
            Assert.That(ceiling, Is.Not.Null);
            GC.Collect();
            Assert.That(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, Is.EqualTo(bytes));
            Assert.That(ceiling!.Source, Is.EqualTo("machine"));
            Assert.That(ceiling.Line(), Does.StartWith($"heap ceiling {bytes / GiB} GiB, set by the run: a run this size may need about 40 GiB")
                .And.Contain("more than 90 % of the 10 GiB this machine has available").And.Not.Contain("\n"));
        }
        GC.Collect();
        Assert.That(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, Is.EqualTo(before), "lifted");
    }

    [Test, NonParallelizable]
    public void AMachineCeilingBelowWhatTheProcessHolds_IsLeftUnset()
    {
        long before = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Assert.That(HeapCeiling.ApplyForMachine(1 << 20, 40 * GiB, 1 << 20), Is.Null);
        Assert.That(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, Is.EqualTo(before), "nothing was set");
    }

    /// <summary>The command as a user runs it: a shipped scenario under a 1 GiB ceiling runs to its known trace, and the summary
    /// records the limit the collector held.</summary>
    [Test]
    public void UnderACeiling_AShippedScenario_RunsToItsKnownTrace()
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-ceiling-").FullName;
        try
        {
            using var run = ScenariosProcess.Alone(Path.Combine(GoldenTraceHashTests.ScenariosFolder(), "sim-partition.json"),
                "--max-heap", "1", "--out", dir, "--quiet");
            Assert.That(run.WaitExit(TimeSpan.FromMinutes(5)), Is.True, "the run did not end");
            Assert.That(run.ExitCode, Is.Zero, run.Transcript);
            Assert.That(run.Output, Has.Some.StartsWith("heap ceiling 1 GiB:"));
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
            Assert.That(summary.RootElement.GetProperty("traceHash").GetString(), Is.EqualTo(GoldenHashes.SimPartition));
            var held = summary.RootElement.GetProperty("extra").GetProperty("heapCeiling");
            Assert.That(held.GetProperty("bytes").GetInt64(), Is.EqualTo(GiB));
            Assert.That(held.GetProperty("collectorLimitBytes").GetInt64(), Is.EqualTo(GiB), "the collector's own limit during the run");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void ARunThatNeedsMore_EndsInOneLine_NamingTheCeiling() =>
        SimMemoryTests.RunTooBig(" \"maxHeapGiB\": 0.25,", new Dictionary<string, string>(),
            "its heap ceiling is 0.25 GiB: it will likely run out of memory",
            "error: out of memory: big with 200,000 peers needed more than its heap ceiling of 0.25 GiB");
}

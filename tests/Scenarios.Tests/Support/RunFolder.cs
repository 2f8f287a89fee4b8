using System.IO.Compression;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Runtimes.Processes;

namespace GossipSim.Scenarios.Tests.Support;

/// <summary>Tests of whole runs: each gets a fresh output folder, and no node process outlives a test, failed or not. A failed
/// test's folder is kept (its path printed) with the membership's course from its trace, for a look at a failure seen only on a
/// loaded CI; a passing test's is deleted.</summary>
[NonParallelizable]
public abstract class RunFolder
{
    protected string Dir { get; private set; } = "";

    [SetUp]
    public void MakeDir() => Dir = Directory.CreateTempSubdirectory("gossipsim-run-").FullName;

    [TearDown]
    public void Clean()
    {
        ChildProcesses.KillAll();
        // GOSSIPSIM_KEEP_RUNS=1 keeps a passing test's folder too, to compare it with a failed one's.
        if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Failed
            && Environment.GetEnvironmentVariable("GOSSIPSIM_KEEP_RUNS") != "1")
        {
            Directory.Delete(Dir, recursive: true);
            return;
        }
        TestContext.Out.WriteLine($"the run's folder is kept for a look: {Dir}");
        foreach (var line in MembershipCourse(Path.Combine(Dir, "trace.jsonl.gz"))) TestContext.Out.WriteLine(line);
    }

    /// <summary>What the membership did (faults, suspicions, reports, votes, commits, removals, seed sets), as the trace's lines:
    /// at most <see cref="CourseLines"/>, the last ones when there are more.</summary>
    private static IEnumerable<string> MembershipCourse(string trace)
    {
        if (!File.Exists(trace)) return [];
        try
        {
            using var lines = new StreamReader(new GZipStream(File.OpenRead(trace), CompressionMode.Decompress));
            var kept = new Queue<string>();
            for (string? l; (l = lines.ReadLine()) != null;)
            {
                if (!CourseEvents.Any(ev => l.Contains(ev, StringComparison.Ordinal))) continue;
                kept.Enqueue(l);
                if (kept.Count > CourseLines) kept.Dequeue();
            }
            return kept.Prepend($"the membership's course in its trace (the last {CourseLines} such lines at most):");
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return [$"its trace could not be read ({e.Message})"];
        }
    }

    private const int CourseLines = 300;

    // Named as the trace's one schema names them.
    private static readonly string[] CourseEvents = new[]
    {
        TraceKind.CrashInjected, TraceKind.Suspected, TraceKind.DeadReported, TraceKind.Proposed, TraceKind.Voted, TraceKind.Committed,
        TraceKind.ProposalRejected, TraceKind.MemberRemoved, TraceKind.SeedSetChanged, TraceKind.NodeStopped, TraceKind.NodeStarted,
        TraceKind.HeldUp, TraceKind.ReportRejected,
    }.Select(k => $"\"ev\":\"{TraceSchema.Of(k).Event}\"").ToArray();
}

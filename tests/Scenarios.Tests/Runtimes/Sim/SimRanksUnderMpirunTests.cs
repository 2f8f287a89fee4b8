using System.Text.Json;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>
/// The simulator on real ranks: the built executable under Open MPI's mpirun on this machine, as
/// a user runs it (docs/ranks.md). Each scenario runs on one process (two threads) and on ranks (one
/// thread each): the headline simulation on 2 and 3, each other on 2 or 3 (each crosses 1, 2 and 3
/// ranks in the test process too, <see cref="RankCountTests"/>; here the transport is Open MPI's,
/// the same code for any count). They give one trace (hash and file), one set of statistics and one
/// verdict. Without mpirun these fail in CI (CI=true) and skip elsewhere, saying what to install.
/// </summary>
[NonParallelizable]
public class SimRanksUnderMpirunTests
{
    // Generous: ranks start a .NET runtime each on a shared two-core machine. They bound a hang, not a speed.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [SetUp]
    public void NeedsMpirun() => ScenariosProcess.RequireMpirun();

    // The ranks each scenario runs on besides the one process: the other scenarios took 2 and 3 each until 2026-12-02, 4 of
    // the 15 runs that made this fixture 449 s of a local CI's scenarios lane (254 CPU s).
    [TestCase("sim-partition.json", "3")]
    // The headline simulation at 300 of its 1,000 peers (--peers, as a user gives it, to every rank): the same hub crash once every
    // peer has linked (the ranks gather who has), every peer flooding, and mail across the ranks in every window, at about a tenth
    // of the deliveries (each message reaches every peer). At 1,000 peers the three runs took 112 s of CI, each trace 1.78 GB.
    [TestCase("sim-crash-hub-1k.json", "2,3", "--peers", "300")]
    [TestCase("wan-crash-hub-small.json", "2")] // the wan model: a node's country and a pair's base are the same on every rank
    [TestCase("sim-seed-set.json", "3")] // seed-set changes: each question to a seed answered by its rank to every rank (SimNetwork.Ask)
    [TestCase("drain-host.json", "2")] // a seed's next life started at a place kept for it, on whichever rank holds that place
    public void OneProcess_AndRanks_WriteOneTrace_AndOneVerdict(string scenario, string rankCounts, params string[] more)
    {
        var folders = new List<string>();
        try
        {
            // The one process runs on two threads: the ranks' trace must be the one of any thread count.
            var one = Run(null, scenario, more, folders, threads: 2);
            foreach (int ranks in rankCounts.Split(',').Select(int.Parse))
            {
                var many = Run(ranks, scenario, more, folders);
                Assert.That(many.Summary.GetProperty("extra").GetProperty("ranks").GetInt32(), Is.EqualTo(ranks));
                foreach (var field in new[] { "traceHash", "events", "traceLines" })
                    Assert.That(many.Summary.GetProperty(field).ToString(), Is.EqualTo(one.Summary.GetProperty(field).ToString()),
                        $"{field} on {ranks} ranks");
                Assert.That(Checks(many.Summary), Is.EqualTo(Checks(one.Summary)), $"the checks' verdicts on {ranks} ranks");
                Assert.That(many.TraceFileHash, Is.EqualTo(one.TraceFileHash), $"the trace file on {ranks} ranks is the one process's, byte for byte");
                Assert.That(many.Output.Count(l => l.StartsWith("checks:")), Is.EqualTo(1), "one summary, from rank 0");
            }
            Assert.That(Checks(one.Summary).Where(c => c.EndsWith(": failed")), Is.Empty);
            Assert.That(one.TraceFileHash, Is.EqualTo(one.Summary.GetProperty("traceHash").GetString()),
                "the trace file holds what the run hashed (traceHash is the SHA-256 of the uncompressed file)");
        }
        finally
        {
            foreach (var f in folders) Directory.Delete(f, recursive: true);
        }
    }

    [Test]
    public async Task ARankKilledMidRun_EndsEveryRank_NonZero_NamingIt()
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-ranks-").FullName;
        try
        {
            using var run = ScenariosProcess.UnderMpirun(3, "sim-crash-hub-1k.json", "--threads", "1", "--out", dir);
            // Progress comes from rank 0 once every rank runs windows.
            Assert.That(run.WaitForError(l => l.TrimStart().StartsWith("sim "), Limit), Is.True, $"the ranks never ran:\n{run.Transcript}");
            await run.KillRank_ExpectingTheRunToEnd(rank: 1, ranks: 3, Limit);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void ARealRuntimeScenario_UnderMpirun_IsRefusedInOneLine()
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-ranks-").FullName;
        try
        {
            using var run = ScenariosProcess.UnderMpirun(2, "crash-hub.json", "--out", dir);
            Assert.That(run.WaitExit(Limit), Is.True, run.Transcript);
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.Errors, Has.Some.StartsWith("error: ").And.Some.Contains("mpirun runs the simulator's ranks"));
            Assert.That(run.Transcript, Does.Not.Contain("   at "), "no stack trace");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <param name="TraceFileHash">The trace file's <see cref="Support.TraceFileHash"/>: three sim-crash-hub-1k traces held as
    /// arrays were 5.3 GB.</param>
    private sealed record Outcome(JsonElement Summary, string TraceFileHash, IReadOnlyCollection<string> Output, IReadOnlyCollection<string> Errors);

    private static Outcome Run(int? ranks, string scenario, string[] more, List<string> folders, int threads = 1)
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-ranks-").FullName;
        folders.Add(dir);
        string[] args = [scenario, .. more, "--threads", $"{threads}", "--quiet", "--out", dir];
        using var run = ranks is { } k ? ScenariosProcess.UnderMpirun(k, args) : ScenariosProcess.Alone(args);
        Assert.That(run.WaitExit(Limit), Is.True, $"{scenario} on {ranks?.ToString() ?? "one"} process(es) did not end:\n{run.Transcript}");
        Assert.That(run.ExitCode, Is.Zero, run.Transcript);
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement.Clone();
        return new Outcome(summary, Support.TraceFileHash.Of(Path.Combine(dir, "trace.jsonl.gz")), run.Output.ToArray(), run.Errors.ToArray());
    }

    private static List<string> Checks(JsonElement summary) =>
        summary.GetProperty("checks").EnumerateArray().Select(c => $"{c.GetProperty("name")}: {c.GetProperty("verdict")}").ToList();
}

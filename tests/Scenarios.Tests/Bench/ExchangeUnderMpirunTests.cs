using System.Text.Json;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Bench;

/// <summary>
/// `bench exchange` on real ranks: the built executable under Open MPI's mpirun on this machine,
/// its ranks trading mail through the Simulator's binding (Simulator/Ranks/Mpi). Without mpirun
/// these fail in CI (CI=true) and skip elsewhere, saying what to install.
/// </summary>
[NonParallelizable]
public class ExchangeUnderMpirunTests
{
    // Generous: ranks start a .NET runtime each on a shared two-core machine. They bound a hang, not a speed.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [SetUp]
    public void NeedsMpirun() => ScenariosProcess.RequireMpirun();

    [TestCase(2)]
    [TestCase(3)]
    public void EveryRank_SendsEveryOtherItsBytes_EachRoundVerified_AndRankZeroPrintsTheOneLine(int ranks)
    {
        const int bytes = 100_003, rounds = 20;     // an odd size: segments end mid-word
        using var run = ScenariosProcess.UnderMpirun(ranks, "bench", "exchange", "--bytes", $"{bytes}", "--rounds", $"{rounds}");
        Assert.That(run.WaitExit(Limit), Is.True, $"mpirun did not end within {Limit.TotalSeconds} s:\n{run.Transcript}");
        Assert.That(run.ExitCode, Is.Zero, run.Transcript);

        var line = run.Output.Single(l => l.Contains("\"kernel\""));
        Assert.That(line, Does.StartWith("{"), "nothing before the JSON (a rank's pseudo-terminal escape would be)");
        var json = JsonDocument.Parse(line).RootElement;
        long bytesPerRound = (long)ranks * (ranks - 1) * bytes;
        Assert.That(run.Output, Has.Count.EqualTo(1), "one line, from rank 0");
        Assert.That(json.GetProperty("ranks").GetInt32(), Is.EqualTo(ranks));
        Assert.That(json.GetProperty("loopback").GetBoolean(), Is.False);
        Assert.That(json.GetProperty("bytesPerPair").GetInt32(), Is.EqualTo(bytes));
        Assert.That(json.GetProperty("bytesPerRound").GetInt64(), Is.EqualTo(bytesPerRound));
        Assert.That(json.GetProperty("rounds").GetInt32(), Is.EqualTo(rounds));
        Assert.That(json.GetProperty("verifiedBytes").GetInt64(), Is.EqualTo(rounds * bytesPerRound), "every byte, checked where it arrived");
        Assert.That(json.GetProperty("mismatchedSegments").GetInt64(), Is.Zero);
        Assert.That(json.GetProperty("receivedHash").GetString(), Is.EqualTo(json.GetProperty("sentHash").GetString()),
            "what all ranks received hashes to what all ranks sent");
        Assert.That(json.GetProperty("warmUpFailures").GetInt64(), Is.Zero, "uneven and empty segments, and every reduction, on real ranks");
        Assert.That(json.GetProperty("verified").GetBoolean(), Is.True);
        Assert.That(json.GetProperty("seconds").GetDouble(), Is.GreaterThan(0));
        Assert.That(json.GetProperty("megabytesPerSecond").GetDouble(), Is.GreaterThan(0));
        Assert.That(json.GetProperty("exchangesPerSecond").GetDouble(), Is.GreaterThan(0));
        Assert.That(run.Errors.Count(l => l.StartsWith($"exchange: {ranks} ranks")), Is.EqualTo(1), "progress from rank 0 only");
    }

    [Test]
    public async Task ARankKilledMidRun_EndsMpirunNonZero_NamingTheRank_AndNoRankIsLeft()
    {
        using var run = ScenariosProcess.UnderMpirun(3, "bench", "exchange", "--bytes", "1000", "--rounds", "2000000000");
        // Rank 0 reports round 1 only once every rank has started MPI and traded mail.
        Assert.That(run.WaitForError(l => l.TrimStart().StartsWith("round "), Limit), Is.True,
            $"the ranks never completed a round:\n{run.Transcript}");
        await run.KillRank_ExpectingTheRunToEnd(rank: 1, ranks: 3, Limit);
    }
}

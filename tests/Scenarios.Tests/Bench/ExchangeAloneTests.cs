using System.Text.Json;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Bench;

/// <summary>`bench exchange` without mpirun: one rank, its mail looped back, said so; bad sizes are one line.</summary>
[NonParallelizable]
public class ExchangeAloneTests
{
    [Test]
    public void WithoutMpirun_OneRankLoopsItsMailBack_AndSaysSo()
    {
        using var run = ScenariosProcess.Alone("bench", "exchange", "--bytes", "5000", "--rounds", "3");
        Assert.That(run.WaitExit(TimeSpan.FromSeconds(120)), Is.True, run.Transcript);
        Assert.That(run.ExitCode, Is.Zero, run.Transcript);
        Assert.That(run.Errors, Does.Contain("exchange: one rank (not under mpirun): its 5,000 bytes loop back to itself, 3 rounds"));
        var json = JsonDocument.Parse(run.Output.Single()).RootElement;
        Assert.That(json.GetProperty("ranks").GetInt32(), Is.EqualTo(1));
        Assert.That(json.GetProperty("loopback").GetBoolean(), Is.True);
        Assert.That(json.GetProperty("verifiedBytes").GetInt64(), Is.EqualTo(15_000));
        Assert.That(json.GetProperty("verified").GetBoolean(), Is.True);
    }

    [TestCase("--bytes", "-1", "error: --bytes must be at least 0")]
    [TestCase("--rounds", "0", "error: --rounds must be at least 1")]
    public void ABadSize_IsOneLine(string option, string value, string expected)
    {
        var (code, stdout, stderr) = ScenariosCommand.Run("bench", "exchange", option, value);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr.Trim(), Does.StartWith(expected));
        Assert.That(stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stdout, Is.Empty);
    }
}

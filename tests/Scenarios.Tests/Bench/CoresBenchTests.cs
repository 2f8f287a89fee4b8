using System.Text.Json;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Bench;

/// <summary>`bench cores` as a user runs it: one JSON line with both kinds of work for every core, its verdict in words; bad input one line.</summary>
[NonParallelizable] // measures the cores: nothing else of this project's should run beside it
public class CoresBenchTests
{
    [Test]
    public void EveryCore_IsMeasuredAtBothKindsOfWork_AndTheVerdictIsSaid()
    {
        using var run = ScenariosProcess.Alone("bench", "cores", "--seconds", "0.1");
        Assert.That(run.WaitExit(TimeSpan.FromSeconds(120)), Is.True, run.Transcript);
        Assert.That(run.ExitCode, Is.Zero, run.Transcript);
        var json = JsonDocument.Parse(run.Output.Single()).RootElement;
        int cores = json.GetProperty("cores").GetArrayLength();
        Assert.That(cores, Is.GreaterThanOrEqualTo(1));
        foreach (var work in new[] { "compute", "memory" })
        {
            foreach (var field in new[] { "AloneRoundsPerSecond", "TogetherRoundsPerSecond", "AloneRelative", "TogetherRelative" })
            {
                var values = json.GetProperty(work + field).EnumerateArray().Select(e => e.GetDouble()).ToArray();
                Assert.That(values, Has.Length.EqualTo(cores).And.All.GreaterThan(0), work + field);
            }
            Assert.That(json.GetProperty(work + "AloneRelative").EnumerateArray().Max(e => e.GetDouble()), Is.EqualTo(1.0));
            double equalParts = json.GetProperty(work + "EqualPartsBound").GetDouble();
            double divisible = json.GetProperty(work + "DivisibleBound").GetDouble();
            Assert.That(equalParts, Is.GreaterThan(0).And.LessThanOrEqualTo(divisible + 0.01), work);
        }
        string verdict = json.GetProperty("verdict").GetString()!;
        Assert.That(verdict, Does.StartWith("compute: ").And.Contain("; memory: "));
        Assert.That(run.Errors, Has.Some.StartsWith("cores: memory: "), "the verdict in words on stderr");
    }

    [TestCase("0", "--seconds must be a number from 0.05 to 600, got '0'")]
    [TestCase("lots", "--seconds must be a number from 0.05 to 600, got 'lots'")]
    public void ABadDuration_IsOneLine(string value, string expected)
    {
        var (code, stdout, stderr) = ScenariosCommand.Run("bench", "cores", "--seconds", value);
        Assert.That(code, Is.EqualTo(2), "a usage error");
        Assert.That(stderr, Does.Contain(expected));
        Assert.That(stdout, Is.Empty);
    }
}

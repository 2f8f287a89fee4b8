using System.Text.Json;
using GossipSim.Scenarios.Commands;

namespace GossipSim.Scenarios.Tests.Commands;

[NonParallelizable] // swaps Console.Out
public class OverrideTests
{
    /// <summary>A small scenario (3 seeds, 6 peers, flooding) run with <paramref name="options"/>; <paramref name="check"/> reads its
    /// summary and repro command.</summary>
    private static void RunSmall(string[] options, Action<JsonElement, string> check)
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-override-").FullName;
        var oldOut = Console.Out;
        try
        {
            string scenario = Path.Combine(dir, "small.json");
            File.WriteAllText(scenario, """{ "name": "small", "seeds": 3, "peers": 6, "durationSeconds": 40, "gossip": { "messagesPerPeer": 2 } }""");
            Console.SetOut(new StringWriter());
            int code = ScenariosCli.Run([scenario, .. options, "--out", Path.Combine(dir, "out"), "--quiet"]);
            Console.SetOut(oldOut);
            Assert.That(code, Is.Zero);
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "summary.json")));
            check(summary.RootElement, File.ReadAllText(Path.Combine(dir, "out", "repro.txt")));
        }
        finally
        {
            Console.SetOut(oldOut);
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void SeedsAndPeers_FromTheCommandLine_ReplaceTheScenarios_AndAreInTheReproCommand() =>
        RunSmall(["--seeds", "5", "--peers", "9"], (summary, repro) =>
        {
            Assert.That((summary.GetProperty("seeds").GetInt32(), summary.GetProperty("peers").GetInt32()), Is.EqualTo((5, 9)));
            Assert.That(repro, Does.Contain("--seeds 5 --peers 9"));
        });

    [Test]
    public void ABroadcastFromTheCommandLine_ReplacesTheScenarios_AndIsInTheReproCommand() =>
        RunSmall(["--broadcast", "plumtree"], (summary, repro) =>
        {
            Assert.That(summary.GetProperty("gossip").TryGetProperty("plumtree", out _), Is.True,
                "the peers ran Plumtree (its counters are in the summary only then), though the scenario floods");
            Assert.That(repro, Does.Contain("--broadcast plumtree"));
        });
}

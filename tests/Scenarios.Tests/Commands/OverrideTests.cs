using System.Text.Json;
using GossipSim.Scenarios.Commands;

namespace GossipSim.Scenarios.Tests.Commands;

[NonParallelizable] // swaps Console.Out
public class OverrideTests
{
    [Test]
    public void SeedsAndPeers_FromTheCommandLine_ReplaceTheScenarios_AndAreInTheReproCommand()
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-override-").FullName;
        var oldOut = Console.Out;
        try
        {
            string scenario = Path.Combine(dir, "small.json");
            File.WriteAllText(scenario, """{ "name": "small", "seeds": 3, "peers": 6, "durationSeconds": 40, "gossip": { "messagesPerPeer": 2 } }""");
            Console.SetOut(new StringWriter());
            int code = ScenariosCli.Run([scenario, "--seeds", "5", "--peers", "9", "--out", Path.Combine(dir, "out"), "--quiet"]);
            Console.SetOut(oldOut);
            Assert.That(code, Is.Zero);
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "summary.json")));
            Assert.That((summary.RootElement.GetProperty("seeds").GetInt32(), summary.RootElement.GetProperty("peers").GetInt32()), Is.EqualTo((5, 9)));
            Assert.That(File.ReadAllText(Path.Combine(dir, "out", "repro.txt")), Does.Contain("--seeds 5 --peers 9"));
        }
        finally
        {
            Console.SetOut(oldOut);
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void ABroadcastFromTheCommandLine_ReplacesTheScenarios_AndIsInTheReproCommand()
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-override-").FullName;
        var oldOut = Console.Out;
        try
        {
            string scenario = Path.Combine(dir, "small.json");
            File.WriteAllText(scenario, """{ "name": "small", "seeds": 3, "peers": 6, "durationSeconds": 40, "gossip": { "messagesPerPeer": 2 } }""");
            Console.SetOut(new StringWriter());
            int code = ScenariosCli.Run([scenario, "--broadcast", "plumtree", "--out", Path.Combine(dir, "out"), "--quiet"]);
            Console.SetOut(oldOut);
            Assert.That(code, Is.Zero);
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "summary.json")));
            Assert.That(summary.RootElement.GetProperty("gossip").TryGetProperty("plumtree", out _), Is.True,
                "the peers ran Plumtree (its counters are in the summary only then), though the scenario floods");
            Assert.That(File.ReadAllText(Path.Combine(dir, "out", "repro.txt")), Does.Contain("--broadcast plumtree"));
        }
        finally
        {
            Console.SetOut(oldOut);
            Directory.Delete(dir, recursive: true);
        }
    }
}

using System.Text.Json;
using GossipSim.Analysis.Cli;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>
/// The protocol's overlay at 10⁴ peers against an ideal Barabási–Albert graph of the same size
/// and m, through the user's commands: <c>sample ba</c> and <c>degrees-compare</c>: the two
/// degree samples do not differ at 5 % and the largest hub is within 1.5 times BA's (the network
/// grows by doubling, as in sim-100k and sim-1m: docs/analysis.md). The figures are printed for the record.
/// </summary>
public class DegreesAgainstBarabasiAlbertTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("gossipsim-degrees-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private const int Peers = 10_000, M = 3;

    private static readonly string Scenario = $$"""
    {
      "name": "sim-10k", "seed": 42, "seeds": 3, "peers": {{Peers}}, "joinWindowSeconds": 20, "joinDoublingSeconds": 1, "drainSeconds": 10,
      "gossip": { "origins": 1, "intervalSeconds": 5, "messagesPerPeer": 1 },
      "peerSettings": { "linksPerNewcomer": {{M}} },
      "network": { "latency": { "model": "uniform", "minMs": 10, "maxMs": 50 }, "loss": 0 }
    }
    """;

    [Test]
    public void TenThousandPeers_AgainstSampleBa_PassTheKsTest_AndTheHubIsBaSized()
    {
        string path = Path.Combine(_dir, "sim-10k.json");
        File.WriteAllText(path, Scenario);
        string run = Path.Combine(_dir, "run");
        RunDoor.Run(ScenarioLoader.Load(path), new RunOptions { Quiet = true, TraceFile = true, Logs = false }, run, _ => { });
        string ba = Path.Combine(_dir, "ba.txt");
        Assert.That(AnalysisCli.Run(["sample", "ba", "--n", $"{Peers}", "--m", $"{M}", "-o", ba]), Is.EqualTo(0));

        string outDir = Path.Combine(_dir, "compare");
        // The figures it prints go to the test's output, for the record.
        Assert.That(AnalysisCli.Run(["degrees-compare", run, ba, "--tail-at", "10,100,500", "--out", outDir]), Is.EqualTo(0));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "degrees-compare.json")));
        var root = doc.RootElement;
        Assert.That(root.GetProperty("a").GetProperty("n").GetInt32(), Is.EqualTo(Peers), "every peer is live at the end");
        Assert.That(root.GetProperty("b").GetProperty("n").GetInt32(), Is.EqualTo(Peers));
        // Both overlays add m links per newcomer: the mean degree is close to 2m in each.
        Assert.That(root.GetProperty("a").GetProperty("mean").GetDouble(), Is.EqualTo(2.0 * M).Within(0.1));
        Assert.That(root.GetProperty("b").GetProperty("mean").GetDouble(), Is.EqualTo(2.0 * M).Within(0.1));
        var ks = root.GetProperty("ks");
        Assert.That(ks.GetProperty("p").GetDouble(), Is.GreaterThan(0.05), "the protocol's degrees and BA's do not differ at 5 %");
        Assert.That(ks.GetProperty("d").GetDouble(), Is.LessThan(ks.GetProperty("critical05").GetDouble()));
        Assert.That(ks.GetProperty("critical05").GetDouble(), Is.EqualTo(1.3581 * Math.Sqrt(2.0 / Peers)).Within(1e-4));
        Assert.That(root.GetProperty("tails").EnumerateArray().Select(t => t.GetProperty("x").GetInt64()), Is.EqualTo(new long[] { 10, 100, 500 }));
        Assert.That(root.GetProperty("tails")[0].GetProperty("ratio").GetDouble(), Is.GreaterThan(0), "both have nodes of degree 10 or more");
        Assert.That(root.GetProperty("maxRatio").GetDouble(), Is.InRange(1 / 1.5, 1.5), "the largest hub is about BA's");
        Assert.That(File.Exists(Path.Combine(outDir, "degrees-compare.png")) && File.Exists(Path.Combine(outDir, "degrees-compare.svg")));
    }
}

using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>Whole runs through the same path as the CLI: scenario file in, results folder out.</summary>
public class SimRunTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("gossipsim-run-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private const string Small = """
    {
      "name": "small-hub", "seed": 5, "seeds": 3, "peers": 80, "joinWindowSeconds": 4, "drainSeconds": 10,
      "gossip": { "origins": "all", "intervalSeconds": 1, "messagesPerPeer": 20 },
      "peerSettings": { "pingIntervalSeconds": 1, "witnessProbeTimeoutSeconds": 0.5, "suspicionQueryTimeoutSeconds": 1, "linkTimeoutSeconds": 1 },
      "seedSettings": { "probeTimeoutSeconds": 0.5, "proposalTimeoutSeconds": 1 },
      "faults": [ { "at": 8, "action": "crash", "target": "hub" } ]
    }
    """;

    private RunResult RunSmall(string outName, ulong? seed = null)
    {
        string path = Path.Combine(_dir, "small.json");
        File.WriteAllText(path, Small);
        var scenario = ScenarioLoader.Load(path);
        var options = new RunOptions { SeedOverride = seed, Quiet = true };
        var result = RunDoor.Run(scenario, options, Path.Combine(_dir, outName), _ => { });
        ResultsWriter.Write(result, scenario, path, options);
        return result;
    }

    [Test]
    public void AHubCrashRun_MeetsTheSummaryContract()
    {
        var s = RunSmall("a").Summary;
        Assert.That(s.Runtime, Is.EqualTo("sim"));
        Assert.That(s.Gossip.DeliveryRatio, Is.GreaterThanOrEqualTo(0.999));
        Assert.That(s.FalseRemovals, Is.Zero);
        Assert.That(s.SeedsAgree, Is.True);
        var hub = s.Failures.Single();
        Assert.That(hub.Degree, Is.GreaterThan(5));
        Assert.That(new[] { hub.SuspectedAt, hub.ReportedAt, hub.RemovedAt }, Has.None.Null);
        Assert.That(hub.At, Is.LessThan(hub.SuspectedAt!.Value));
        Assert.That(hub.SuspectedAt!.Value, Is.LessThanOrEqualTo(hub.ReportedAt!.Value));
        Assert.That(hub.ReportedAt!.Value, Is.LessThanOrEqualTo(hub.RemovedAt!.Value));
        Assert.That(hub.RemovedBySeeds, Is.EqualTo(3));
        Assert.That(s.Degree.Histogram.Values.Sum(), Is.EqualTo(79));
        Assert.That(s.TraceHash, Does.StartWith("sha256:"));
    }

    [Test]
    public void TheResultsFolder_HoldsEveryPromisedFile()
    {
        RunSmall("b");
        string dir = Path.Combine(_dir, "b");
        foreach (var f in new[] { "summary.json", "trace.jsonl.gz", "outputfile.txt", "repro.txt", "scenario.json" })
            Assert.That(File.Exists(Path.Combine(dir, f)), Is.True, f);
        Assert.That(Directory.GetFiles(Path.Combine(dir, "logs")), Has.Length.EqualTo(83), "one output file per node");
        var peerLogs = Directory.GetFiles(Path.Combine(dir, "logs"), "peer-*").Select(File.ReadAllText).ToList();
        Assert.That(peerLogs.Any(l => l.Contains("Dead Node:")), Is.True, "a peer's file holds the dead-node line");
        Assert.That(peerLogs.Any(l => l.Contains("received ") && l.Contains(" from ")), Is.True, "gossip receipts are logged with the sender");
        Assert.That(peerLogs.Any(l => l.Contains("ping", StringComparison.OrdinalIgnoreCase)), Is.False, "pings are not logged");
        string repro = File.ReadAllText(Path.Combine(dir, "repro.txt"));
        Assert.That(repro, Does.Contain("--seed 5"));
    }

    [Test]
    public void TheTraceFile_Uncompressed_HashesToTheSummarysTraceHash()
    {
        var r = RunSmall("c");
        Assert.That(TraceFileHash.Of(Path.Combine(_dir, "c", "trace.jsonl.gz")), Is.EqualTo(r.Summary.TraceHash));
    }

    [Test]
    public void TheSameSeed_GivesTheSameHash_AndAnotherSeedAnother()
    {
        string h1 = RunSmall("d1").Summary.TraceHash!;
        string h2 = RunSmall("d2").Summary.TraceHash!;
        string h3 = RunSmall("d3", seed: 6).Summary.TraceHash!;
        Assert.That(h2, Is.EqualTo(h1));
        Assert.That(h3, Is.Not.EqualTo(h1));
    }
}

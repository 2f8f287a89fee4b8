using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>
/// Shipped scenarios run to known trace hashes: a change that moves a run (a new random draw, a
/// reordered event, a changed rule, a different trace line) fails here and must be deliberate, with
/// the new hash written below and the reason in its commit. The same scenario and seed give the same
/// trace on every machine and .NET version (our own generator, defined iteration orders).
/// </summary>
public class GoldenTraceHashTests
{
    [TestCase("sim-loss.json", GoldenHashes.SimLoss, 1)]
    [TestCase("sim-partition.json", GoldenHashes.SimPartition, 1)]
    [TestCase("sim-seed-crash.json", GoldenHashes.SimSeedCrash, 1)]
    // The same trace on any number of threads (sim-loss's log-normal latency can delay by 0 ms, so it runs on one: see ThreadCountTests).
    [TestCase("sim-partition.json", GoldenHashes.SimPartition, 2)]
    [TestCase("sim-partition.json", GoldenHashes.SimPartition, 4)]
    [TestCase("sim-seed-crash.json", GoldenHashes.SimSeedCrash, 2)]
    [TestCase("sim-seed-crash.json", GoldenHashes.SimSeedCrash, 4)]
    // The seed set changed by the seeds' vote (issue 56, 2): grown, a crashed seed replaced, shrunk, with crashes in between.
    [TestCase("sim-seed-set.json", GoldenHashes.SimSeedSet, 1)]
    [TestCase("sim-seed-set.json", GoldenHashes.SimSeedSet, 2)]
    // A seed moved to a new address with its key, then the majority's removals with its vote (issue 56, 1).
    [TestCase("seed-move.json", GoldenHashes.SeedMove, 1)]
    [TestCase("seed-move.json", GoldenHashes.SeedMove, 2)]
    [TestCase("drain-host.json", GoldenHashes.DrainHost, 2)]
    // The wan model: the measured table, its fit and every pair's draw (docs/wan.md).
    [TestCase("wan-crash-hub-small.json", GoldenHashes.WanCrashHubSmall, 1)]
    [TestCase("wan-crash-hub-small.json", GoldenHashes.WanCrashHubSmall, 2)]
    public void AShippedScenario_RunsToItsKnownTraceHash(string scenario, string expected, int threads)
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-golden-").FullName;
        try
        {
            var s = ScenarioLoader.Load(Path.Combine(ScenariosFolder(), scenario));
            var options = new RunOptions { Quiet = true, Logs = false, TraceFile = false, Threads = threads };
            var result = RunDoor.Run(s, options, dir, _ => { });
            Assert.That(result.Summary.TraceHash, Is.EqualTo(expected),
                $"{scenario} no longer runs to its known trace: if the change is meant, put the new hash in GoldenHashes and say why in the commit");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    internal static string ScenariosFolder()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root != null && !File.Exists(Path.Combine(root.FullName, "GossipSim.sln"))) root = root.Parent;
        if (root == null) Assert.Inconclusive("not run from inside the repository: the shipped scenarios are not at hand, nothing was checked");
        return Path.Combine(root!.FullName, "Scenarios", "scenarios");
    }
}

/// <summary>
/// The known hashes, one place to update when a run is meant to change. Each move is on purpose, with the reason and the
/// hashes in its commit message (git log -p on this file is their history); every check of each scenario still passes.
/// </summary>
internal static class GoldenHashes
{
    public const string SimLoss = "sha256:0ecbec4169935c76a270021cdcae4766d5a9a5983835e8157c2e841ccb2bfd83";
    public const string SimPartition = "sha256:1c6cfdd0a1d3f7ff735d0d1bab563871648cec67a7f71698408cc3b7de25f925";
    public const string SimSeedCrash = "sha256:a2f0bdbf1c92e418a5608c67a78ed78e446994f37650bd4407b5a3eca35375fb";
    public const string DrainHost = "sha256:e5fb1c781d550d7a996de191340cb4bb0a09c7c31975b96df3434202dd203476";
    public const string SeedMove = "sha256:f3ea699377334dd10fb53a1045d3f8631489143c67505ab4ec577d66ad16759a";
    public const string SimSeedSet = "sha256:92a06f247849f3c0feb523961d4cedc15e11c18455f344980d1060d7749d5220";
    public const string WanCrashHubSmall = "sha256:3ce424db05c3502518f1eb950a9f645d76f2f52949cd7b43a633bd51f47b6060";
}

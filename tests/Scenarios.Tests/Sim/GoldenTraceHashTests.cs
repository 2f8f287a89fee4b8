using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Sim;

namespace GossipSim.Scenarios.Tests.Sim;

/// <summary>
/// Shipped scenarios run to known trace hashes: a change that moves a run (a new random draw, a
/// reordered event, a changed rule, a different trace line) fails here and must be deliberate, with
/// the new hash written below and the reason in its commit. The same scenario and seed give the same
/// trace on every machine and .NET version (our own generator, defined iteration orders).
/// </summary>
public class GoldenTraceHashTests
{
    [TestCase("sim-loss.json", GoldenHashes.SimLoss)]
    [TestCase("sim-partition.json", GoldenHashes.SimPartition)]
    [TestCase("sim-seed-crash.json", GoldenHashes.SimSeedCrash)]
    public void AShippedScenario_RunsToItsKnownTraceHash(string scenario, string expected)
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-golden-").FullName;
        try
        {
            var s = ScenarioLoader.Load(Path.Combine(ScenariosFolder(), scenario));
            var options = new RunOptions { Quiet = true, Logs = false, TraceFile = false };
            var result = SimRunner.Run(s, options, dir, _ => { });
            Assert.That(result.Summary.TraceHash, Is.EqualTo(expected),
                $"{scenario} no longer runs to its known trace: if the change is meant, put the new hash in GoldenHashes and say why in the commit");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string ScenariosFolder()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root != null && !File.Exists(Path.Combine(root.FullName, "GossipSim.sln"))) root = root.Parent;
        if (root == null) Assert.Inconclusive("not run from inside the repository: the shipped scenarios are not at hand, nothing was checked");
        return Path.Combine(root!.FullName, "Scenarios", "scenarios");
    }
}

/// <summary>The known hashes, one place to update when a run is meant to change.</summary>
internal static class GoldenHashes
{
    public const string SimLoss = "sha256:17f0e08cc3d6967ce4dec10457cefd365d948016d87201fa541e9fcbf504be53";
    public const string SimPartition = "sha256:71edea9a2a28c36418688e4148a240fa6653cd756e0f2ba690c0c158d6b21760";
    public const string SimSeedCrash = "sha256:cd99f590d736da93be5b7d636b8cecceb2c1666ca22db37f6cf3a291cf9111e5";
}

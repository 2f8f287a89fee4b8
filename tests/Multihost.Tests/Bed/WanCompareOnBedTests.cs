using GossipSim.Scenarios.Compare;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Runtimes.Netns;

namespace GossipSim.Multihost.Tests.Bed;

/// <summary>
/// Issue 54, item 6, on the namespace bed, uncalibrated: `compare wan-crash-hub-small.json --bed netns` with fewer peers and messages
/// (about two minutes). The relay applies the measured Internet's delays; the simulator draws the same and adds on each hop what a
/// real hop costs at the nodes (the model shipped for loopback, at this run's load), so the two sides' latencies and per-hop
/// delays land together. The figures go to the test's output; the verdict of the Monte Carlo test is the report's to say.
/// </summary>
public class WanCompareOnBedTests : BedTestBase
{
    [Test]
    public void OnTheMeasuredInternet_TheSimulatorAddsWhatARealHopCosts_AndTheLatenciesLandNearTheBeds()
    {
        string dir = Directory.CreateTempSubdirectory("gs-bed-compare-").FullName;
        string path = ScenarioLoader.Resolve("wan-crash-hub-small.json");
        var s = ScenarioLoader.Load(path);
        s.Peers = 16;
        s.Gossip["messagesPerPeer"] = 6;
        var report = CompareCommand.Compare(s, path, "netns", 42, dir, "matched", alpha: 0.05, quiet: true, TestContext.Progress.WriteLine,
            modelRuns: 19);
        Assert.That(NetnsBed.NamespacesOfThisProcess(), Is.Empty, "the comparison tore its bed down");

        Assert.That(report.SimLatencyModel, Does.Contain("plus at each hop the nodes' own cost"), "the simulator adds a real hop's cost");
        Assert.That(report.RealLatencyModel, Does.Not.Contain("plus at each hop"), "the relay applies the wire alone");
        Assert.That(report.Extra["hopCost"] as string, Does.StartWith("load "));
        var byKey = report.Metrics.ToDictionary(m => m.Key);
        foreach (var key in new[] { "latency", "latencyPerHop", "hops" })
        {
            var m = byKey[key];
            TestContext.Out.WriteLine($"{key}: real median {m.RealMedian * m.Scale:0.###}, simulator {m.SimMedian * m.Scale:0.###} {m.Unit}; "
                + $"KS D {m.Ks.D:0.###}, p {m.Ks.PValue:0.####}; {m.Verdict}");
        }
        // The same measured delays on both sides, and the nodes' cost on top: the medians within a factor of 2 of each other, where
        // uncalibrated loopback was 550 times apart (issue 54). Not closer: the relay's timer error and the namespaces' own cost are
        // not modelled, and a loaded machine slows the real nodes alone (a local CI run, its five lanes side by side: 0.59 a hop,
        // while the Monte Carlo test agreed, p 0.30; quiet, at most 13 % apart, docs/wan.md).
        foreach (var key in new[] { "latency", "latencyPerHop" })
            Assert.That(byKey[key].SimMedian / byKey[key].RealMedian, Is.InRange(1 / 2.0, 2.0), byKey[key].Verdict);
        Directory.Delete(dir, recursive: true);
    }
}

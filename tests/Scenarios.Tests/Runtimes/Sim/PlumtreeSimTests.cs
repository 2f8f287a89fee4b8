using GossipSim.Scenarios.Compare;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>
/// Plumtree on the simulator, on the headline scenario: every check of crash-hub holds (delivery to every live peer after the
/// hub's crash included), payload redundancy falls from the flood's ~3.7 extra copies per first receipt to a small fraction, and
/// the run is as reproducible as the flood's, on any thread count.
/// </summary>
public class PlumtreeSimTests : RunFolder
{
    [Test]
    public void CompareProtocols_OnCrashHub_PlumtreeKeepsEveryCheck_WithAFractionOfTheFloodsCopies()
    {
        var report = CrashHubUnder.Compared(Dir, "flood", "plumtree");
        var flood = report.Runs.Single(r => r.Protocol == "flood");
        var tree = report.Runs.Single(r => r.Protocol == "plumtree");
        Assert.That(flood.Redundancy, Is.GreaterThan(3), "the flood sends every message on every link");
        Assert.That(tree.Redundancy, Is.LessThan(0.1), "the tree sends the payload once to each peer, almost always");
        Assert.That(tree.IhavesPerReceipt, Is.GreaterThan(1), "the links off the tree carry announcements");
        Assert.That(flood.IhavesPerReceipt, Is.Zero);
        Assert.That(tree.PayloadSentPerPeerMean, Is.LessThan(flood.PayloadSentPerPeerMean / 3));
        Assert.That(tree.Victim, Is.EqualTo(flood.Victim).And.Not.Null, "the same victim");
        Assert.That(tree.RemovedAfter, Is.Not.Null, "removed under either protocol");
        Assert.That(File.ReadAllText(Path.Combine(Dir, "comparison.md")), Does.Contain("| [plumtree](plumtree/report.html) | all 8 checks passed |"));
        Assert.That(File.Exists(Path.Combine(Dir, "latency.svg")), Is.True);
        Assert.That(File.Exists(Path.Combine(Dir, "plumtree", "summary.json")), Is.True);
    }

    [Test]
    public void Plumtree_RunsToTheSameTrace_OnOneTwoAndFourThreads()
    {
        var hashes = new[] { 1, 2, 4 }.Select(threads =>
        {
            string dir = Path.Combine(Dir, $"t{threads}");
            var r = RunDoor.Run(CrashHubUnder.OnTheSimulator(Engine.Config.BroadcastProtocol.Plumtree, Engine.Config.FailureDetector.Classic),
                new RunOptions { Quiet = true, Logs = false, TraceFile = false, Threads = threads }, dir, _ => { });
            Assert.That(r.Summary.Gossip.Plumtree, Is.Not.Null, "the summary carries Plumtree's counts");
            var tree = r.Summary.Gossip.Plumtree!;
            Assert.That(tree.IhavesSent, Is.GreaterThan(0));
            Assert.That(tree.IhaveMessagesSent, Is.InRange(1, tree.IhavesSent), "announcements go in IHAVEs of one or more");
            return r.Summary.TraceHash;
        }).ToArray();
        Assert.That(hashes.Distinct().Count(), Is.EqualTo(1), string.Join(", ", hashes));
    }

    [Test]
    public void CompareProtocols_AnUnknownProtocol_IsRefusedInOneLine()
    {
        var (code, _, err) = ScenariosCommand.Run("compare-protocols", "crash-hub.json", "--broadcast", "flood,gossipsub", "--out", Dir);
        Assert.That(code, Is.EqualTo(Engine.Core.ExitCodes.BadInput));
        // The menu's names in order: the engine's, the shipped samples', then any a test of this process registered (RoleBoundsTests).
        Assert.That(err.Trim(), Does.StartWith("error: --broadcast: 'gossipsub' is not a broadcast protocol: expected one or more of flood, plumtree, rumour"));
        Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

public class ByHandRunTests
{
    private static readonly NodeAddress Seed = NodeAddress.Parse("127.0.0.1:5001");
    private static readonly NodeAddress P = NodeAddress.Parse("127.0.0.1:6001");
    private static readonly NodeAddress Q = NodeAddress.Parse("127.0.0.1:6002");

    private static TraceEvent E(double t, TraceKind kind, NodeAddress node, NodeAddress peer = default) =>
        new(TimeSpan.FromSeconds(t), kind, node, peer);

    private static TraceEvent Removed(double t, NodeAddress peer) => E(t, TraceKind.MemberRemoved, Seed, peer);

    // A peer's own events (P), then what the seed did: the crash is at P's last sign of life, or none.
    [TestCase("started 0, link 1", "removed 9", 1.0, TestName = "A peer silent until the seeds removed it crashed at its last sign of life")]
    [TestCase("started 0, link 1, stopped 2", "removed 9", null, TestName = "A peer that stopped cleanly did not crash")]
    [TestCase("started 0, link 1, rejoined 10", "removed 9", null, TestName = "A peer that lived on after its removal did not crash")]
    [TestCase("started 0, link 1, started 20", "removed 9", 1.0, TestName = "A peer killed and started again crashed in its first life")]
    [TestCase("started 0, link 1", "", null, TestName = "A peer nobody removed did not crash (it may still run)")]
    [TestCase("started 0, link 1", "removed 9, removed 9.5", 1.0, TestName = "One crash however many seeds removed it")]
    public void Crashes_AreTheRemovedPeersWhoseTraceEndsWithoutACleanStop(string own, string seed, double? crashAt)
    {
        var events = Parse(own, P).Concat(Parse(seed, P)).OrderBy(e => e.Time).ToList();
        var crashes = ByHandRun.Crashes(events);
        Assert.That(crashes.Select(c => (double?)c.Time.TotalSeconds), Is.EqualTo(crashAt is { } t ? new double?[] { t } : Array.Empty<double?>()));
        Assert.That(crashes, Has.All.Matches<TraceEvent>(c => c.Node == P && c.Kind == TraceKind.CrashInjected && c.A == 1));
    }

    [Test]
    public void ACrash_IsPlacedAtTheLastStatus_WhenThatIsLaterThanTheTraceAndBeforeTheRemoval()
    {
        var events = new[] { E(0, TraceKind.NodeStarted, P), E(1, TraceKind.LinkUp, P, Q), Removed(9, P) };
        Assert.That(ByHandRun.Crashes(events, a => a == P ? TimeSpan.FromSeconds(4) : null).Single().Time, Is.EqualTo(TimeSpan.FromSeconds(4)));
        Assert.That(ByHandRun.Crashes(events, a => a == P ? TimeSpan.FromSeconds(12) : null).Single().Time, Is.EqualTo(TimeSpan.FromSeconds(1)), "a status after the removal is another life's");
    }

    [TestCase("started 0, link 1, stopped 5, link 6, gossip 7, stopped 20, stopped 21", 20.0, TestName = "The run ends at the final stops, not at a peer that left while the network went on")]
    [TestCase("started 0, link 1, gossip 2", null, TestName = "No clean stop: the network was still running when collected")]
    [TestCase("started 0, stopped 3, stopped 4", 3.0, TestName = "Everyone stopping together ends the run at the first stop")]
    public void TheEnd_IsTheFirstCleanStopAfterWhichTheNetworkDidNothingNew(string events, double? endAt)
    {
        var end = ByHandRun.End(Parse(events, P).ToList());
        Assert.That(end?.TotalSeconds, Is.EqualTo(endAt));
    }

    /// <summary>"started 0, link 1, removed 9": P's own events, or the seed removing P.</summary>
    private static IEnumerable<TraceEvent> Parse(string script, NodeAddress p)
    {
        foreach (var step in script.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = step.Split(' ');
            double t = double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            yield return parts[0] switch
            {
                "started" => E(t, TraceKind.NodeStarted, p),
                "link" => E(t, TraceKind.LinkUp, p, Q),
                "stopped" => E(t, TraceKind.NodeStopped, p),
                "rejoined" => E(t, TraceKind.Rejoined, p),
                "gossip" => E(t, TraceKind.GossipCreated, Q),
                "removed" => Removed(t, p),
                _ => throw new ArgumentException(step),
            };
        }
    }
}

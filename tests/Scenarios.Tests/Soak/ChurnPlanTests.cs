using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Soak;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Soak;

public class ChurnPlanTests
{
    // live, crashed, target, canJoin → the kinds that may be chosen
    [TestCase(50, 0, 50, true, new[] { ChurnKind.Join, ChurnKind.Crash, ChurnKind.Leave })]
    [TestCase(50, 2, 50, true, new[] { ChurnKind.Restart, ChurnKind.Join, ChurnKind.Crash, ChurnKind.Leave })]
    [TestCase(45, 3, 50, true, new[] { ChurnKind.Restart, ChurnKind.Join })]             // a tenth below: only what adds
    [TestCase(55, 3, 50, true, new[] { ChurnKind.Crash, ChurnKind.Leave })]              // a tenth above: only what takes
    [TestCase(45, 0, 50, false, new[] { ChurnKind.Crash })]                             // nothing can add: a crash rather than nothing
    [TestCase(1, 0, 3, false, new[] { ChurnKind.Join })]                                // one live peer is never taken
    [TestCase(10, 1, 10, false, new[] { ChurnKind.Restart, ChurnKind.Crash, ChurnKind.Leave })] // no slot left to join
    public void Choose_KeepsTheLivePeersNearTheTarget(int live, int crashed, int target, bool canJoin, ChurnKind[] allowed)
    {
        var seen = new HashSet<ChurnKind>();
        var rng = new Rng(7);
        for (int i = 0; i < 400; i++) seen.Add(ChurnPlan.Choose(rng, live, crashed, target, canJoin));
        Assert.That(seen, Is.EquivalentTo(allowed));
    }

    [Test]
    public void AnHoursPlan_ChurnsEveryTwentySeconds_RestartsASeedEveryTenMinutes_AndKeepsNearFiftyPeers()
    {
        var plan = new ChurnPlan(45, 3500);
        var faults = plan.Draw(runSeed: 1, seeds: 3, peers: 50, maxPeerSlots: 300);
        var peerSteps = faults.Where(f => f.Target != "seed").ToList();
        Assert.That(peerSteps.Count, Is.InRange(3455 / 20 - 15, 3455 / 20 + 15), "one step every ~20 s");
        Assert.That(faults.All(f => f.At >= 45 && f.At < 3500), Is.True);
        var kinds = peerSteps.Select(f => f.Action).ToHashSet();
        Assert.That(kinds, Is.EquivalentTo(new[] { "crash", "restart", "join", "leave" }));
        var seedCrashes = faults.Where(f => f is { Action: "crash", Target: "seed" }).ToList();
        Assert.That(seedCrashes.Count, Is.InRange(5, 6), "every ~10 min");
        foreach (var c in seedCrashes)
            Assert.That(faults.Any(f => f is { Action: "restart", Target: "seed" } && f.Index == c.Index && f.At > c.At
                && f.At <= c.At + ChurnPlan.SeedDownMaxSeconds), Is.True, $"seed {c.Index} crashed at {c.At} restarts within 15 s");
        // Replaying the plan's own bookkeeping: the live peers stay within a tenth of 50 (plus the step that crosses it).
        int live = 50, crashed = 0;
        foreach (var f in peerSteps)
        {
            (live, crashed) = f.Action switch
            {
                "crash" => (live - 1, crashed + 1),
                "restart" => (live + 1, crashed - 1),
                "join" => (live + 1, crashed),
                _ => (live - 1, crashed),
            };
            Assert.That(live, Is.InRange(44, 56));
            Assert.That(crashed, Is.GreaterThanOrEqualTo(0));
        }
    }

    [Test]
    public void APlan_IsAFunctionOfTheSeed()
    {
        var plan = new ChurnPlan(30, 600);
        string Of(ulong seed) => string.Join(";", plan.Draw(seed, 3, 20, 300).Select(f => $"{f.At} {f.Action} {f.Target} {f.Index}"));
        Assert.That(Of(5), Is.EqualTo(Of(5)));
        Assert.That(Of(5), Is.Not.EqualTo(Of(6)));
    }

    [Test]
    public void AShortPlan_StillRestartsOneSeed_Midway()
    {
        var faults = new ChurnPlan(30, 230).Draw(3, 3, 20, 300);
        var seedCrash = faults.Single(f => f is { Action: "crash", Target: "seed" });
        Assert.That(seedCrash.At, Is.EqualTo((30 + 230 - ChurnPlan.SeedDownMaxSeconds) / 2).Within(0.01));
    }

    [Test]
    public void ASoakScenario_IsAValidScenario_WithItsChurnBeforeAQuietTail()
    {
        var settings = new SoakSettings { Minutes = 5, Peers = 20, Overlay = Engine.Config.Overlay.Hyparview,
            Broadcast = Engine.Config.BroadcastProtocol.Plumtree, Detector = Engine.Config.FailureDetector.Swim };
        var s = SoakScenario.Make(settings);
        Assert.DoesNotThrow(() => ScenarioLoader.Validate(s, "soak"));
        var faults = FaultParser.Parse(s);
        Assert.That(faults.OfType<JoinFault>(), Is.Not.Empty);
        Assert.That(faults.OfType<LeaveFault>(), Is.Not.Empty);
        Assert.That(faults.Max(f => f.At), Is.LessThanOrEqualTo(300 - ScenarioConfig.DetectionBoundSeconds(s) - SoakScenario.QuietBeyondRemovalSeconds));
        Assert.That(ScenarioConfig.PeerConfigOf(s).Overlay, Is.EqualTo(Engine.Config.Overlay.Hyparview));
        Assert.That(settings.ProtocolName, Is.EqualTo("plumtree+hyparview+swim"));
    }
}

using System.Text.Json;
using GossipSim.Scenarios.Compare;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Tests.Compare;

/// <summary>The load a scenario puts on loopback's cores, read before any run (issue 54, item 6), and the factors it gives.</summary>
public class HopLoadTests
{
    // crash-hub (a message a second from every peer, 3 links a newcomer) changed as the row says: copies of gossip a core a second.
    [TestCase(30, 1.0, 3, null, 30, 2, 2700.0)]    // 30 peers x 30 messages/s x mean degree 6 / 2 cores
    [TestCase(10, 1.0, 3, null, 30, 2, 300.0)]
    [TestCase(45, 1.0, 3, null, 30, 2, 6075.0)]
    [TestCase(30, 1.0, 3, null, 30, 4, 1350.0)]    // twice the cores, half the load on each
    [TestCase(30, 5.0, 3, null, 30, 2, 540.0)]     // the classic 5 s interval
    [TestCase(30, 1.0, 3, 5, 30, 2, 450.0)]        // five origins
    [TestCase(30, 1.0, 3, 40, 30, 2, 2700.0)]      // more origins than peers: every peer
    [TestCase(30, 1.0, 2, null, 30, 2, 1800.0)]    // mean degree 4
    [TestCase(3, 1.0, 3, null, 30, 2, 9.0)]        // 3 peers: degree at most 2
    [TestCase(30, 1.0, 3, 0, 30, 2, 0.0)]          // nobody gossips
    [TestCase(30, 1.0, 3, null, 0, 2, 0.0)]
    [TestCase(1, 1.0, 3, null, 30, 2, 0.0)]        // one peer: no copies
    public void CopiesPerCoreSecond_FollowsPeersMessagesDegreeAndCores(int peers, double intervalSeconds, int links, int? origins,
        int messagesPerPeer, int cores, double expected)
    {
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve("crash-hub.json"));
        s.Peers = peers;
        s.Gossip["intervalSeconds"] = intervalSeconds;
        s.Gossip["messagesPerPeer"] = messagesPerPeer;
        s.PeerSettings["linksPerNewcomer"] = links;
        if (origins is { } o) s.Gossip.Origins = JsonDocument.Parse(o.ToString(System.Globalization.CultureInfo.InvariantCulture)).RootElement;
        Assert.That(HopLoad.CopiesPerCoreSecond(s, cores), Is.EqualTo(expected).Within(1e-9));
    }

    // floor, load over the reference: the factor, (floor + sqrt(ratio)) / (floor + 1).
    [TestCase(0.5, 1.0, 1.0)]
    [TestCase(0.5, 0.0, 1.0 / 3)]       // no load: the floor's share
    [TestCase(0.5, 4.0, 5.0 / 3)]
    [TestCase(0.5, 0.25, 2.0 / 3)]
    [TestCase(0.0, 9.0, 3.0)]           // no floor: the square root alone
    [TestCase(3.0, 9.0, 1.5)]
    public void Factor_IsOneAtTheReference_AndGrowsWithTheRootOfTheLoad(double floor, double ratio, double expected)
    {
        var byLoad = new HopCostByLoad(2700, floor, floor, "a test");
        var (path, slot) = byLoad.FactorsAt(2700 * ratio);
        Assert.That(path, Is.EqualTo(expected).Within(1e-12));
        Assert.That(slot, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void ThePathAndTheSlot_HaveFloorsOfTheirOwn_AndAModelMeasuredWithNoLoad_IsNotScaled()
    {
        var (path, slot) = new HopCostByLoad(100, 1, 0, "a test").FactorsAt(400);
        Assert.That((path, slot), Is.EqualTo((1.5, 2.0)));
        Assert.That(new HopCostByLoad(0, 1, 0, "a test").FactorsAt(400), Is.EqualTo((1.0, 1.0)));
        var mine = new HopCostByLoad(100, 1, 0, "shipped").At(400);
        Assert.That((mine.ReferenceLoad, mine.PathFloor, mine.SlotFloor), Is.EqualTo((400.0, 1.0, 0.0)));
        Assert.That(mine.FactorsAt(400), Is.EqualTo((1.0, 1.0)));
    }

    [Test]
    public void AModelAtALoad_ScalesTheGossipsPathAndSlot_AndKeepsTheTables()
    {
        var latency = new LatencySpec
        {
            Model = "empirical", QuantilesMs = [0.1, 0.4, 2.0], ReceiverQuantilesMs = [0.2, 0.5, 3.0], MessageFactorMedian = 0.8,
            MessageFactorSigma = 0.2, SlotQuantilesMs = [1.0, 3.0, 10.0], SlotWakeWeight = 0.15,
        };
        var model = new LoopbackModel("measured", "calibrated", latency, new HopCostByLoad(100, 1, 0, "a test"));
        var (at, path, slot) = model.At(400);
        Assert.That((path, slot), Is.EqualTo((1.5, 2.0)));
        Assert.That(at.MessageFactorMedian, Is.EqualTo(1.2).Within(1e-9));
        Assert.That(at.SlotQuantilesMs, Is.EqualTo(new[] { 2.0, 6.0, 20.0 }));
        Assert.That((at.QuantilesMs, at.ReceiverQuantilesMs), Is.EqualTo((latency.QuantilesMs, latency.ReceiverQuantilesMs)));
        Assert.That((at.MessageFactorSigma, at.SlotWakeWeight), Is.EqualTo((0.2, 0.15)));
        Assert.That(latency.SlotQuantilesMs, Is.EqualTo(new[] { 1.0, 3.0, 10.0 }), "the model itself is not changed");
        var unscaled = new LoopbackModel("measured", "calibrated", latency).At(400);
        Assert.That((unscaled.PathFactor, unscaled.SlotFactor, unscaled.Latency.MessageFactorMedian), Is.EqualTo((1.0, 1.0, 0.8)));
    }
}

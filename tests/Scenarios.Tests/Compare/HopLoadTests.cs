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

    // scale, exponent, spread exponent, load over the reference: the factor, scale x ratio^exponent, and the spread, ratio^its own.
    [TestCase(0.9, 0.4, 0.2, 1.0, 0.9, 1.0)]
    [TestCase(1.0, 0.5, 0.25, 4.0, 2.0, 1.4142135623730951)]
    [TestCase(1.0, 0.5, 0.5, 0.25, 0.5, 0.5)]
    [TestCase(0.8, 0.25, 0.0, 16.0, 1.6, 1.0)]
    [TestCase(1.0, 0.5, 0.5, 0.0, 0.1, 0.1)]        // nobody gossips: a hundredth of the reference, not a free hop
    [TestCase(1.0, 0.5, 0.5, 0.001, 0.1, 0.1)]
    [TestCase(1.0, 0.0, 0.0, 9.0, 1.0, 1.0)]        // no growth: the model as measured
    public void FactorAndSpread_ArePowersOfTheLoadOverTheReference(double scale, double exponent, double spreadExponent, double ratio,
        double factor, double spread)
    {
        var byLoad = new HopCostByLoad(2700, scale, exponent, spreadExponent, "a test");
        Assert.That(byLoad.FactorAt(2700 * ratio), Is.EqualTo(factor).Within(1e-12));
        Assert.That(byLoad.SpreadAt(2700 * ratio), Is.EqualTo(spread).Within(1e-12));
    }

    [Test]
    public void AModelMeasuredWithNoLoad_IsNotScaled_AndACalibrationsOwnModel_IsAsMeasuredAtItsLoad()
    {
        var none = new HopCostByLoad(0, 0.9, 0.5, 0.2, "a test");
        Assert.That((none.FactorAt(400), none.SpreadAt(400)), Is.EqualTo((0.9, 1.0)));
        var mine = new HopCostByLoad(2700, 0.9, 0.5, 0.25, "shipped").At(400);
        Assert.That((mine.ReferenceLoad, mine.Scale, mine.Exponent, mine.SpreadExponent), Is.EqualTo((400.0, 1.0, 0.5, 0.25)));
        Assert.That((mine.FactorAt(400), mine.SpreadAt(400)), Is.EqualTo((1.0, 1.0)));
        Assert.That(mine.FactorAt(1600), Is.EqualTo(2.0).Within(1e-12));
        Assert.That(mine.Fitted, Does.Contain("shipped"));
    }

    [Test]
    public void AModelAtALoad_SpreadsItsTablesAroundTheirMedians_AndScalesTheGossipsPathAndSlotAlike()
    {
        var latency = new LatencySpec
        {
            Model = "empirical", QuantilesMs = [0.25, 1.0, 4.0], ReceiverQuantilesMs = [0.5, 2.0, 8.0], MessageFactorMedian = 0.8,
            MessageFactorSigma = 0.2, SlotQuantilesMs = [1.0, 4.0, 16.0], SlotWakeWeight = 0.15,
        };
        // at 4 times the reference: factor 1 x 4^0.5 = 2, spread 4^-0.5 = 0.5 (each entry's ratio to the median, square-rooted)
        var model = new LoopbackModel("measured", "calibrated", latency, new HopCostByLoad(100, 1, 0.5, -0.5, "a test"));
        var (at, factor, spread) = model.At(400);
        Assert.That((factor, spread), Is.EqualTo((2.0, 0.5)).Within(1e-12));
        Assert.That(at.QuantilesMs, Is.EqualTo(new[] { 0.5, 1.0, 2.0 }).Within(1e-12));
        Assert.That(at.ReceiverQuantilesMs, Is.EqualTo(new[] { 1.0, 2.0, 4.0 }).Within(1e-12));
        Assert.That(at.SlotQuantilesMs, Is.EqualTo(new[] { 4.0, 8.0, 16.0 }).Within(1e-12), "spread, then times the factor");
        Assert.That(at.MessageFactorMedian, Is.EqualTo(1.6).Within(1e-12));
        Assert.That((at.MessageFactorSigma, at.SlotWakeWeight), Is.EqualTo((0.2, 0.15)));
        Assert.That(latency.SlotQuantilesMs, Is.EqualTo(new[] { 1.0, 4.0, 16.0 }), "the model itself is not changed");
        var unscaled = new LoopbackModel("measured", "calibrated", latency).At(400);
        Assert.That((unscaled.Factor, unscaled.Spread, unscaled.Latency.MessageFactorMedian), Is.EqualTo((1.0, 1.0, 0.8)));
        Assert.That(unscaled.Latency.QuantilesMs, Is.EqualTo(latency.QuantilesMs));
    }
}

using GossipSim.Engine.Core;
using GossipSim.Bench.Flood;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Bench.Tests.Flood;

public class FloodTests
{
    [Test]
    public void BarabasiAlbert_GivesEachNewcomerMDistinctLinks_AndNoSelfLoops()
    {
        var g = OverlayGraph.BarabasiAlbert(2000, 3, new Rng(1));
        Assert.That(g.Links, Is.EqualTo(3 * 4 / 2 + (2000 - 4) * 3));
        for (int v = 0; v < g.Nodes; v++)
        {
            var ns = g.Neighbours.AsSpan(g.Offsets[v], g.Degree(v)).ToArray();
            Assert.That(ns, Has.None.EqualTo(v), "no self loop");
            Assert.That(ns, Is.Unique, "no double link");
            Assert.That(ns.Length, Is.GreaterThanOrEqualTo(3));
        }
        Assert.That(Enumerable.Range(0, g.Nodes).Max(g.Degree), Is.GreaterThan(40), "preferential attachment grows hubs");
    }

    [Test]
    public void TheTimingWheel_ReleasesEventsInTimeThenInsertionOrder()
    {
        var wheel = new TimingWheel();
        var rng = new Rng(3);
        var expected = new List<(long at, ulong ev)>();
        for (ulong i = 0; i < 5000; i++)
        {
            long delay = 1 + rng.NextInt(60_000);
            wheel.Schedule(delay, i);
            expected.Add((delay, i));
        }
        var order = new Recorder { Seen = new List<(long, ulong)>() };
        while (wheel.RunNextSlot(ref order)) { }
        Assert.That(order.Seen, Is.EqualTo(expected.OrderBy(e => e.at).ThenBy(e => e.ev).ToList()));
    }

    private struct Recorder : IWheelHandler
    {
        public List<(long, ulong)> Seen;
        public void Handle(long nowMicros, ulong ev) => Seen.Add((nowMicros, ev));
        public readonly void EndSlot(long nowMicros) { }
    }

    /// <summary>
    /// Check against theory: on a connected overlay every flood reaches all N peers, and since a
    /// peer forwards to all its neighbours but the sender (the origin to all), one flood costs
    /// sum(degree) - (N - 1) = 2E - N + 1 deliveries exactly.
    /// </summary>
    [TestCase(1000, 3, 5)]
    [TestCase(5000, 2, 20)]
    public void AFlood_ReachesEveryPeer_WithExactly2EMinusNPlus1DeliveriesEach(int peers, int m, int origins)
    {
        var g = OverlayGraph.BarabasiAlbert(peers, m, new Rng(7));
        var r = FloodSimulation.Run(g, origins, 10, 50, new Rng(8));
        Assert.That(r.FirstReceipts, Is.EqualTo((long)(peers - 1) * origins));
        Assert.That(r.Deliveries, Is.EqualTo((2 * g.Links - peers + 1) * origins));
        Assert.That(r.Events, Is.EqualTo(r.Deliveries + origins));
        Assert.That(r.SimulatedSeconds, Is.LessThan(r.MaxHops * 0.050 + 0.001), "no path is longer than its hops at the slowest link");
    }

    [Test]
    public void AFlood_IsDeterministic()
    {
        var g = OverlayGraph.BarabasiAlbert(3000, 3, new Rng(7));
        var a = FloodSimulation.Run(g, 10, 10, 50, new Rng(9));
        var b = FloodSimulation.Run(g, 10, 10, 50, new Rng(9));
        Assert.That(b, Is.EqualTo(a));
        var c = FloodSimulation.Run(g, 10, 10, 50, new Rng(10));
        Assert.That(c.SimulatedSeconds, Is.Not.EqualTo(a.SimulatedSeconds));
    }
}

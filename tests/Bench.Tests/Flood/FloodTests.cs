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

    /// <summary>
    /// The wheel as a run drives it: each event schedules another (a delay of 1 us to the longest, so into the running
    /// 256-us bucket, the next ones and the farthest), the clock runs in windows up to a limit, and between windows mail
    /// comes in at absolute times from the limit on. Every event must come out in (time, insertion) order, as a sorted
    /// list of the same schedule gives it.
    /// </summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void TheTimingWheel_KeepsTimeThenInsertionOrder_WhileEventsScheduleMore_AcrossWindowsAndMail(int seed)
    {
        var wheel = new TimingWheel();
        var rng = new Rng((ulong)seed);
        var chain = new Chainer { Rng = rng, Wheel = wheel, Ran = new List<(long, ulong)>(), Made = new List<(long at, long n, ulong ev)>() };
        long made = 0;
        ulong next = 0;
        for (int i = 0; i < 300; i++)
        {
            long delay = 1 + rng.NextInt(TimingWheel.Slots - 1);
            wheel.Schedule(delay, next);
            chain.Made.Add((delay, made++, next++));
        }
        chain.Next = next;
        chain.Count = made;
        long limit = 0;
        for (int window = 0; window < 400; window++)
        {
            limit += 1 + rng.NextInt(window % 7 == 0 ? 40_000 : 700);
            while (wheel.RunNextSlot(ref chain, limit)) { }
            Assert.That(wheel.Now, Is.EqualTo(limit), "the clock stands at the window's end");
            for (int m = rng.NextInt(4); m > 0; m--)
            {
                long at = limit + rng.NextInt(TimingWheel.Slots - 1);
                wheel.ScheduleAt(at, chain.Next);
                chain.Made.Add((at, chain.Count++, chain.Next++));
            }
        }
        while (wheel.RunNextSlot(ref chain)) { }
        var expected = chain.Made.OrderBy(e => e.at).ThenBy(e => e.n).Select(e => (e.at, e.ev)).ToList();
        Assert.That(chain.Ran, Has.Count.GreaterThan(10_000), "the chains ran long");
        Assert.That(chain.Ran, Is.EqualTo(expected));
        Assert.That(wheel.Pending, Is.Zero);
    }

    /// <summary>Records each event and schedules one more for the first 20,000, at a delay that is now short, now long.</summary>
    private struct Chainer : IWheelHandler
    {
        public Rng Rng;
        public TimingWheel Wheel;
        public List<(long, ulong)> Ran;
        public List<(long at, long n, ulong ev)> Made;
        public ulong Next;
        public long Count;

        public void Handle(long nowMicros, ulong ev)
        {
            Ran.Add((nowMicros, ev));
            if (Count >= 20_000) return;
            int kind = Rng.NextInt(4);
            long delay = kind == 0 ? 1 + Rng.NextInt(300) : kind == 1 ? TimingWheel.Slots - 1 - Rng.NextInt(300) : 1 + Rng.NextInt(TimingWheel.Slots - 1);
            Wheel.Schedule(delay, Next);
            Made.Add((nowMicros + delay, Count++, Next++));
        }

        public readonly void EndSlot(long nowMicros) { }
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

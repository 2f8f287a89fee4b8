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

    [TestCase(8)]
    [TestCase(3)]
    [TestCase(0)]
    public void TheTimingWheel_RunsBucketsInTimeOrder_EachWhole_InTheOrderScheduled_WithEachEventsTime(int shift)
    {
        var wheel = new TimingWheel(shift);
        var rng = new Rng(3);
        var expected = new List<(long at, ulong ev)>();
        for (ulong i = 0; i < 5000; i++)
        {
            long at = 1 + rng.NextInt(60_000);
            wheel.ScheduleAt(at, i);
            expected.Add((at, i));
        }
        var order = new Recorder { Seen = new List<(long, ulong)>(), Buckets = new List<long>(), Pending = new List<(int, ulong)>() };
        while (wheel.RunNextBucket(ref order)) { }
        Assert.That(order.Seen, Is.EqualTo(expected.OrderBy(e => e.at >> shift).ThenBy(e => e.ev).ToList()));
        Assert.That(order.Buckets, Is.Ordered.And.Unique);
        Assert.That(order.Buckets.Select(b => b % (1 << shift)), Has.All.Zero, "a bucket starts on its width");
        Assert.That(wheel.Pending, Is.Zero);
    }

    /// <summary>
    /// The wheel as a run drives it: each event schedules another as its bucket ends (a delay of one bucket to the longest, so
    /// into the next bucket, later ones and the farthest), the clock runs in windows up to a limit, and between windows mail comes
    /// in at absolute times from the clock on. Every event must come out in its bucket, buckets in time order, each bucket's events
    /// in the order scheduled: as a sorted list of the same schedule gives it.
    /// </summary>
    [TestCase(1, 8)]
    [TestCase(2, 8)]
    [TestCase(3, 5)]
    [TestCase(4, 0)]
    public void TheTimingWheel_KeepsBucketThenInsertionOrder_WhileEventsScheduleMore_AcrossWindowsAndMail(int seed, int shift)
    {
        var wheel = new TimingWheel(shift);
        int width = 1 << shift;
        var rng = new Rng((ulong)seed);
        var chain = new Chainer { Rng = rng, Wheel = wheel, Ran = new List<(long, ulong)>(), Made = new List<(long at, long n, ulong ev)>(),
            Bucket = new List<(int, ulong)>() };
        long made = 0;
        ulong next = 0;
        for (int i = 0; i < 300; i++)
        {
            long at = rng.NextInt(TimingWheel.Slots - 1);
            wheel.ScheduleAt(at, next);
            chain.Made.Add((at, made++, next++));
        }
        chain.Next = next;
        chain.Count = made;
        long limit = 0;
        for (int window = 0; window < 400; window++)
        {
            limit += 1 + rng.NextInt(window % 7 == 0 ? 40_000 : 700);
            while (wheel.RunNextBucket(ref chain, limit)) { }
            Assert.That(wheel.Now, Is.EqualTo((limit + width - 1) / width * width), "the clock stands at the first bucket from the limit");
            for (int m = rng.NextInt(4); m > 0; m--)
            {
                long at = wheel.Now + rng.NextInt(TimingWheel.Slots - 1);
                wheel.ScheduleAt(at, chain.Next);
                chain.Made.Add((at, chain.Count++, chain.Next++));
            }
        }
        while (wheel.RunNextBucket(ref chain)) { }
        var expected = chain.Made.OrderBy(e => e.at >> shift).ThenBy(e => e.n).Select(e => (e.at, e.ev)).ToList();
        Assert.That(chain.Ran, Has.Count.GreaterThan(10_000), "the chains ran long");
        Assert.That(chain.Ran, Is.EqualTo(expected));
        Assert.That(wheel.Pending, Is.Zero);
    }

    [Test]
    public void TheTimingWheel_RefusesATimeBeforeItsClock_OrTooFarAhead()
    {
        var wheel = new TimingWheel();
        wheel.ScheduleAt(1000, 1);
        var sink = new Recorder { Seen = new List<(long, ulong)>(), Buckets = new List<long>(), Pending = new List<(int, ulong)>() };
        Assert.That(wheel.RunNextBucket(ref sink), Is.True);
        Assert.That(wheel.Now, Is.EqualTo(1024));
        Assert.Throws<ArgumentOutOfRangeException>(() => wheel.ScheduleAt(1023, 2), "a bucket that ran");
        Assert.Throws<ArgumentOutOfRangeException>(() => wheel.ScheduleAt(1024 + TimingWheel.Slots, 3));
        Assert.That(TimingWheel.BucketShiftFor(5000), Is.EqualTo(8));
        Assert.That(TimingWheel.BucketShiftFor(200), Is.EqualTo(7));
        Assert.That(TimingWheel.BucketShiftFor(1), Is.Zero);
    }

    /// <summary>Records each event and, as its bucket ends, schedules one more for the first 20,000, at a delay that is now short,
    /// now long.</summary>
    private struct Chainer : IWheelHandler
    {
        public Rng Rng;
        public TimingWheel Wheel;
        public List<(long, ulong)> Ran;
        public List<(long at, long n, ulong ev)> Made;
        public List<(int, ulong)> Bucket;
        public ulong Next;
        public long Count;

        public readonly void Handle(int offset, ulong ev) => Bucket.Add((offset, ev));

        public void EndBucket(long startMicros)
        {
            int width = Wheel.BucketMicros;
            foreach (var (offset, ev) in Bucket)
            {
                long now = startMicros + offset;
                Ran.Add((now, ev));
                if (Count >= 20_000) continue;
                int kind = Rng.NextInt(4);
                long delay = kind == 0 ? width + Rng.NextInt(300) : kind == 1 ? TimingWheel.Slots - 1 - Rng.NextInt(300)
                    : width + Rng.NextInt(TimingWheel.Slots - 1 - width);
                Wheel.ScheduleAt(now + delay, Next);
                Made.Add((now + delay, Count++, Next++));
            }
            Bucket.Clear();
        }
    }

    private struct Recorder : IWheelHandler
    {
        public List<(long, ulong)> Seen;
        public List<long> Buckets;
        public List<(int, ulong)> Pending;
        public readonly void Handle(int offset, ulong ev) => Pending.Add((offset, ev));

        public readonly void EndBucket(long startMicros)
        {
            Buckets.Add(startMicros);
            foreach (var (offset, ev) in Pending) Seen.Add((startMicros + offset, ev));
            Pending.Clear();
        }
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

using System.Buffers;
using System.Text;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Gossip;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Simulation;
using GossipSim.Engine.Trace;

namespace GossipSim.Engine.Tests;

public class RngTests
{
    [Test]
    public void TheSameSeed_GivesTheSameStream_AndKnownFirstValues()
    {
        var a = new Rng(42);
        var b = new Rng(42);
        for (int i = 0; i < 100; i++) Assert.That(a.NextUInt64(), Is.EqualTo(b.NextUInt64()));
        // Pinned so a change of algorithm (which would change every run) cannot go unnoticed.
        var c = new Rng(42);
        Assert.That(c.NextUInt64(), Is.EqualTo(new Rng(42).NextUInt64()));
        Assert.That(Rng.ForStream(1, 2).NextUInt64(), Is.Not.EqualTo(Rng.ForStream(1, 3).NextUInt64()));
    }

    [Test]
    public void NextInt_IsUniform()
    {
        var r = new Rng(1);
        var counts = new int[10];
        for (int i = 0; i < 100_000; i++) counts[r.NextInt(10)]++;
        Assert.That(counts, Is.All.InRange(9_500, 10_500));
    }

    [Test]
    public void NextGaussian_HasMeanZeroAndUnitVariance()
    {
        var r = new Rng(2);
        var xs = Enumerable.Range(0, 100_000).Select(_ => r.NextGaussian()).ToArray();
        double mean = xs.Average();
        double variance = xs.Select(x => (x - mean) * (x - mean)).Average();
        Assert.That(mean, Is.EqualTo(0).Within(0.02));
        Assert.That(variance, Is.EqualTo(1).Within(0.03));
    }
}

public class EventQueueTests
{
    [Test]
    public void EqualTimes_ComeOutInInsertionOrder()
    {
        var q = new EventQueue();
        for (int i = 0; i < 100; i++)
        {
            var e = new SimEvent { Time = 5 - i % 2, Target = i };
            q.Push(ref e, 0);
        }
        var order = new List<(long, int)>();
        while (q.Count > 0) { var e = q.Pop(); order.Add((e.Time, e.Target)); }
        Assert.That(order, Is.Ordered.By("Item1").Then.By("Item2"));
    }

    /// <summary>
    /// The calendar queue must give exactly the heap's (time, insertion) order, whatever mix of
    /// delays: same tick, same slot as the clock, a few slots on, beyond the horizon (timers),
    /// and pushes made while a slot is being drained or after the clock jumped ahead.
    /// </summary>
    [TestCase(1UL, 2_000, 500_000)]
    [TestCase(2UL, 2_000, 500_000)]
    [TestCase(3UL, 2_000, 500_000)]
    [TestCase(4UL, 50_000, 50_000)]   // dense: hundreds of events (many at equal times) per 409.6 us slot
    public void MatchesAReferenceHeap_ForEveryMixOfDelays(ulong seed, int initial, int spread)
    {
        var rng = new Rng(seed);
        var q = new EventQueue();
        var reference = new PriorityQueue<int, (long, long)>();
        long now = 0, seq = 0;
        int id = 0;
        void Push(long delay)
        {
            var e = new SimEvent { Time = now + delay, Target = id };
            q.Push(ref e, now);
            reference.Enqueue(id, (now + delay, seq++));
            id++;
        }
        // Same tick, same slot, a few slots, the fine horizon (6.7 s), the coarse calendar (minutes, hours), beyond it (11 h).
        long[] scales = [0, 1, 4_096, 100_000, 500_000, 70_000_000, 400_000_000, 36_000_000_000, 400_000_000_000];
        for (int i = 0; i < initial; i++) Push(rng.NextInt(spread));
        int popped = 0;
        while (reference.Count > 0)
        {
            Assert.That(q.Count, Is.EqualTo(reference.Count));
            Assert.That(q.TryPeekTime(out long t), Is.True);
            reference.TryPeek(out int expected, out var key);
            Assert.That(t, Is.EqualTo(key.Item1));
            var e = q.Pop();
            reference.Dequeue();
            Assert.That(e.Target, Is.EqualTo(expected), $"event {popped} out of order");
            now = e.Time;
            popped++;
            if (popped < 40_000 + initial)
                for (int k = rng.NextInt(3); k > 0; k--) Push((long)(rng.NextUInt64() % (ulong)(scales[rng.NextInt(scales.Length)] + 1)));
            if (rng.NextInt(1_000) == 0) now += 200_000_000; // the clock jumps (RunUntil stops past the last event)
            if (now > e.Time) { Push(0); Push(1); }
        }
        Assert.That(q.Count, Is.Zero);
        Assert.That(q.TryPeekTime(out _), Is.False);
        Assert.That(popped, Is.GreaterThan(40_000));
    }

    [Test]
    public void SchedulingInThePast_IsRefused()
    {
        var q = new EventQueue();
        var e = new SimEvent { Time = 3 };
        Assert.Throws<InvalidOperationException>(() => q.Push(ref e, 10));
    }
}

public class MessageListTests
{
    private static MessageId Id(int n) => new(NodeAddress.Parse("10.1.0.1:7000"), n);

    [Test]
    public void AMessage_CrossesEachLinkAtMostOnce()
    {
        var ml = new MessageList(TimeSpan.FromMinutes(1), 100);
        var t = TimeSpan.Zero;
        Assert.That(ml.TryAdd(Id(1), t, t, fromSlot: 2), Is.True);
        Assert.That(ml.TryAdd(Id(1), t, t, fromSlot: 3), Is.False, "a duplicate");
        Assert.That(ml.MarkLink(Id(1), t, 2), Is.False, "it came in on slot 2");
        Assert.That(ml.MarkLink(Id(1), t, 5), Is.True);
        Assert.That(ml.MarkLink(Id(1), t, 5), Is.False);
        Assert.That(ml.MarkLink(Id(1), t, 200), Is.True, "slots beyond 64 work too");
        Assert.That(ml.HasLink(Id(1), t, 200), Is.True);
    }

    [Test]
    public void ARestartedOriginsMessages_AreNewMessages_NotDuplicates()
    {
        var ml = new MessageList(TimeSpan.FromMinutes(1), 100);
        Assert.That(ml.TryAdd(Id(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), -1), Is.True);
        Assert.That(ml.TryAdd(Id(1), TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(40), -1), Is.True, "same origin and number, created later: R9's text differs");
    }

    [Test]
    public void Entries_ExpireAfterTheirTimeToLive_AndCapacityEvictsTheOldest()
    {
        var ml = new MessageList(TimeSpan.FromSeconds(10), 16);
        TimeSpan S(int s) => TimeSpan.FromSeconds(s);
        for (int i = 0; i < 16; i++) ml.TryAdd(Id(i), S(i), S(i), -1);
        ml.TryAdd(Id(100), S(16), S(16), -1);
        Assert.That(ml.Count, Is.EqualTo(16));
        Assert.That(ml.Contains(Id(0), S(0)), Is.False, "the oldest went first");
        ml.Sweep(S(20));
        Assert.That(ml.Contains(Id(9), S(9)), Is.False);
        Assert.That(ml.Contains(Id(10), S(10)), Is.True);
    }
}

public class NeighbourChoiceTests
{
    [Test]
    public void FromACompleteList_HighDegreePeersArePickedMoreOften()
    {
        var hub = NodeAddress.Parse("10.1.0.1:7000");
        var entries = new List<PeerListEntry> { new(hub, 30) };
        for (uint i = 2; i <= 11; i++) entries.Add(new PeerListEntry(new NodeAddress((10u << 24) + (1u << 16) + i, 7000), 3));
        var rng = new Rng(4);
        int hubPicked = 0;
        for (int t = 0; t < 2000; t++)
            if (NeighbourChoice.FromCompleteList(entries, 1, _ => false, rng)[0] == hub) hubPicked++;
        Assert.That(hubPicked / 2000.0, Is.EqualTo(0.5).Within(0.04), "30 of 60 total weight");
    }

    [Test]
    public void Choice_NeverRepeats_AndRespectsExclusions()
    {
        var entries = Enumerable.Range(1, 5).Select(i => new PeerListEntry(new NodeAddress((10u << 24) + (uint)i, 7000), i)).ToList();
        var excluded = entries[0].Address;
        var chosen = NeighbourChoice.FromCompleteList(entries, 10, a => a == excluded, new Rng(1));
        Assert.That(chosen, Is.Unique);
        Assert.That(chosen, Has.Count.EqualTo(4));
        Assert.That(chosen, Has.None.EqualTo(excluded));
        var fromDraws = NeighbourChoice.FromDraws(entries.Concat(entries).ToList(), 3, a => a == excluded);
        Assert.That(fromDraws, Is.Unique.And.Count.EqualTo(3).And.None.EqualTo(excluded));
    }
}

public class TraceJsonTests
{
    [Test]
    public void EveryKind_RoundTripsThroughJson()
    {
        var node = NodeAddress.Parse("10.1.0.5:7000");
        var peer = NodeAddress.Parse("10.1.0.9:7000");
        foreach (var kind in Enum.GetValues<TraceKind>())
        {
            var names = TraceSchema.Of(kind);
            var e = new TraceEvent(TimeSpan.FromTicks(123_456_789), kind, node,
                names.Peer != null ? peer : default,
                kind == TraceKind.GossipDelivered ? new MessageId(peer, 4) : default,
                names.A != null ? 17 : 0, names.B != null ? 99 : 0, "detail \"quoted\"");
            var buf = new ArrayBufferWriter<byte>();
            TraceJson.Format(e, buf);
            var back = TraceJson.Parse(buf.WrittenSpan.TrimEnd((byte)'\n'));
            Assert.That(back, Is.EqualTo(e), kind.ToString());
        }
    }

    [Test]
    public void NetworkWideEvents_WithNoNode_RoundTrip()
    {
        foreach (var kind in new[] { TraceKind.Partitioned, TraceKind.Healed, TraceKind.RunEnded, TraceKind.LossChanged })
        {
            var e = new TraceEvent(TimeSpan.FromSeconds(3), kind, default, Detail: "x");
            Assert.That(TraceJson.Parse(Encoding.UTF8.GetBytes(TraceJson.ToLine(e))), Is.EqualTo(e), kind.ToString());
        }
    }

    [Test]
    public void TheLineFormat_IsStable()
    {
        var e = new TraceEvent(TimeSpan.FromSeconds(12.5), TraceKind.GossipDelivered, NodeAddress.Parse("10.1.0.5:7000"),
            NodeAddress.Parse("10.1.0.7:7000"), new MessageId(NodeAddress.Parse("10.1.0.3:7000"), 4), 3, 100_000_000);
        Assert.That(TraceJson.ToLine(e), Is.EqualTo(
            "{\"t\":12.5000000,\"ev\":\"gossip-delivered\",\"node\":\"10.1.0.5:7000\",\"from\":\"10.1.0.7:7000\",\"msg\":\"10.1.0.3:7000#4\",\"hops\":3,\"createdTicks\":100000000}"));
    }

    [Test]
    public void ABadLine_IsRefusedWithTheReason()
    {
        var ex = Assert.Throws<FormatException>(() => TraceJson.Parse(Encoding.UTF8.GetBytes("{\"t\":1.0,\"ev\":\"no-such-event\",\"node\":\"1.2.3.4:5\"}")));
        Assert.That(ex!.Message, Does.Contain("no-such-event"));
    }
}

public class MessageTextTests
{
    [Test]
    public void GossipText_FollowsR9()
    {
        var id = new MessageId(NodeAddress.Parse("10.1.0.3:7000"), 4);
        Assert.That(GossipText.Format(TimeSpan.FromSeconds(12.25), id, withPort: false), Is.EqualTo("12.250:10.1.0.3:4"));
        Assert.That(GossipText.Format(TimeSpan.FromSeconds(12.25), id, withPort: true), Is.EqualTo("12.250:10.1.0.3:7000:4"));
    }

    [Test]
    public void DeadNodeLine_FollowsR11()
    {
        var line = DeadNodeReport.FormatLine(NodeAddress.Parse("10.1.0.3:7000"), 1700000000, NodeAddress.Parse("10.1.0.9:7001"));
        Assert.That(line, Is.EqualTo("Dead Node:10.1.0.3:7000:1700000000:10.1.0.9"));
    }
}

public class ConfigTests
{
    [Test]
    public void ClassicDefaults_AreTheMissionsNumbers()
    {
        var p = new PeerConfig();
        Assert.That(p.GossipInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(p.MessagesPerPeer, Is.EqualTo(10));
        Assert.That(p.PingInterval, Is.EqualTo(TimeSpan.FromSeconds(13)));
        Assert.That(p.MissesBeforeSuspect, Is.EqualTo(3));
        Assert.That(p.LinksPerNewcomer, Is.EqualTo(3));
    }

    [Test]
    public void ANonsenseSetting_IsRefusedByName()
    {
        var ex = Assert.Throws<ArgumentException>(() => (new PeerConfig() with { PingInterval = TimeSpan.Zero }).Validate());
        Assert.That(ex!.Message, Does.Contain("PingInterval"));
    }
}

public class AddressIndexTests
{
    [Test]
    public void FindsEveryAddedAddress_AndNoOther_AcrossGrowth()
    {
        var index = new AddressIndex();
        var rng = new Rng(5);
        var added = new Dictionary<NodeAddress, int>();
        while (added.Count < 50_000)
        {
            var a = new NodeAddress((uint)rng.NextUInt64(), (ushort)rng.NextInt(65536));
            if (added.ContainsKey(a)) continue;
            index.Add(a, added.Count);
            added[a] = added.Count;
        }
        Assert.That(index.Count, Is.EqualTo(50_000));
        foreach (var (a, i) in added)
        {
            Assert.That(index.TryGet(a, out int found), Is.True);
            Assert.That(found, Is.EqualTo(i));
        }
        int misses = 0;
        for (int k = 0; k < 10_000; k++)
        {
            var a = new NodeAddress((uint)rng.NextUInt64(), 1);
            if (!added.ContainsKey(a) && !index.Contains(a)) misses++;
            else if (!added.ContainsKey(a)) Assert.Fail($"{a} was never added but is found");
        }
        Assert.That(misses, Is.GreaterThan(9_000));
        Assert.That(index.TryGet(NodeAddress.None, out _), Is.False, "the empty address (key 0) is not confused with an empty cell");
    }
}

public class MessageListModelTests
{
    /// <summary>
    /// The ring (scan while short, dictionary while long, side table for links of 64 and up)
    /// against a plain model of R10's rules, over random adds, duplicates, link claims,
    /// capacity evictions and time-to-live sweeps.
    /// </summary>
    [TestCase(1UL, 8)]
    [TestCase(2UL, 50)]
    [TestCase(3UL, 200)]
    public void BehavesLikeASimpleModel(ulong seed, int capacity)
    {
        var rng = new Rng(seed);
        var ttl = TimeSpan.FromSeconds(30);
        var ml = new MessageList(ttl, capacity);
        var model = new List<(MessageId id, long created, long seen, HashSet<int> links)>();
        var origin = NodeAddress.Parse("10.1.0.9:7000");
        long now = 0;
        for (int step = 0; step < 20_000; step++)
        {
            now += rng.NextInt(200_000_000 / 100); // up to 0.02 s a step
            var id = new MessageId(origin, rng.NextInt(120));
            var created = TimeSpan.FromTicks(id.Number * 1000L);
            int slot = rng.NextInt(4) == 0 ? 64 + rng.NextInt(40) : rng.NextInt(64);
            int found = model.FindIndex(m => m.id == id && m.created == created.Ticks);
            switch (rng.NextInt(4))
            {
                case 0:
                case 1:
                {
                    bool added = ml.TryAdd(id, created, TimeSpan.FromTicks(now), slot);
                    Assert.That(added, Is.EqualTo(found < 0), $"step {step}: TryAdd");
                    if (found >= 0) model[found].links.Add(slot);
                    else
                    {
                        while (model.Count >= capacity) model.RemoveAt(0);
                        model.Add((id, created.Ticks, now, new HashSet<int> { slot }));
                    }
                    break;
                }
                case 2:
                {
                    Span<int> slots = stackalloc int[] { slot, (slot + 1) % 100, 70 };
                    int n = ml.ClaimLinks(id, created, slots);
                    var expected = new List<int>();
                    if (found >= 0)
                        foreach (int s in new[] { slot, (slot + 1) % 100, 70 })
                            if (model[found].links.Add(s)) expected.Add(s);
                    Assert.That(slots[..n].ToArray(), Is.EqualTo(expected.ToArray()), $"step {step}: ClaimLinks");
                    break;
                }
                default:
                    if (rng.NextInt(50) == 0)
                    {
                        ml.Sweep(TimeSpan.FromTicks(now));
                        model.RemoveAll(m => m.seen < now - ttl.Ticks);
                    }
                    else Assert.That(ml.HasLink(id, created, slot), Is.EqualTo(found >= 0 && model[found].links.Contains(slot)), $"step {step}: HasLink");
                    break;
            }
            Assert.That(ml.Count, Is.EqualTo(model.Count), $"step {step}: count");
        }
    }
}

using GossipSim.Engine.Core;
using GossipSim.Simulator.Events;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Tests.Events;

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
    [TestCase(7UL, 2_000, 60_000_000)]   // sparse: most slots empty, the next busy one words of 64 slots and periods away
    // Keys the caller chose (as the simulator's makers do: EventKey), in no order of pushing.
    [TestCase(5UL, 2_000, 500_000, true)]
    [TestCase(6UL, 50_000, 50_000, true)]
    public void MatchesAReferenceHeap_ForEveryMixOfDelays(ulong seed, int initial, int spread, bool keyed = false)
    {
        var rng = new Rng(seed);
        var q = new EventQueue();
        var reference = new PriorityQueue<int, (long, long)>();
        long now = 0, seq = 0;
        int id = 0;
        void Push(long delay)
        {
            var e = new SimEvent { Time = now + delay, Target = id };
            if (keyed)
            {
                e.Sequence = (long)rng.NextInt(1 << 20) << 32 | (uint)id; // distinct, in random order
                q.PushKeyed(ref e, now);
                reference.Enqueue(id, (now + delay, e.Sequence));
            }
            else
            {
                q.Push(ref e, now);
                reference.Enqueue(id, (now + delay, seq++));
            }
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

    /// <summary>
    /// An event past both calendars (7.6 h on) in an otherwise empty queue: the cursor jumps to it. It came out as an event of time
    /// 0 for node 0 (the empty cursor slot read as if it held one), and itself was lost.
    /// </summary>
    [TestCase(1)]
    [TestCase(3)]
    public void EventsBeyondTheCalendars_InAnOtherwiseEmptyQueue_ComeOutWholeAndInOrder(int events)
    {
        var q = new EventQueue();
        long hours20 = 20L * 3600 * TimeSpan.TicksPerSecond;
        for (int i = 0; i < events; i++)
        {
            var e = new SimEvent { Time = hours20 + i * 1_000, Target = 7 + i };
            q.Push(ref e, 0);
        }
        for (int i = 0; i < events; i++)
        {
            Assert.That(q.TryPeekTime(out long t), Is.True);
            Assert.That(t, Is.EqualTo(hours20 + i * 1_000));
            var popped = q.Pop();
            Assert.That((popped.Time, popped.Target), Is.EqualTo((hours20 + i * 1_000, 7 + i)));
        }
        Assert.That(q.Count, Is.Zero);
        Assert.That(q.TryPeekTime(out _), Is.False);
    }

    [Test]
    public void SchedulingInThePast_IsRefused()
    {
        var q = new EventQueue();
        var e = new SimEvent { Time = 3 };
        Assert.Throws<InvalidOperationException>(() => q.Push(ref e, 10));
    }
}

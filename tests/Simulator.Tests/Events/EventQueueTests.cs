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
    /// Every field comes out as it went in, with or without a payload (a null one is stored field by field, without the write
    /// barrier), through every path: a slot's first event, its chunks, the coarse calendar, the far heap, the active events.
    /// </summary>
    [Test]
    public void EveryField_ComesOutAsItWentIn_WithOrWithoutAPayload()
    {
        var q = new EventQueue();
        var payloads = new object?[4_000];
        long[] delays = [0, 3, 5_000, 200_000, 90_000_000, 500_000_000_000];
        for (int i = 0; i < payloads.Length; i++)
        {
            payloads[i] = i % 3 == 0 ? null : new object();
            var e = new SimEvent
            {
                Time = 1_000 + delays[i % delays.Length] + i, Target = i, Kind = (SimEventKind)(i % 4), Epoch = (uint)(i * 7),
                Data = -i, Payload = payloads[i], TagKind = (TimerKind)(i % 3),
            };
            q.Push(ref e, 0);
        }
        var seen = new bool[payloads.Length];
        while (q.Count > 0)
        {
            var e = q.Pop();
            int i = e.Target;
            Assert.That(seen[i], Is.False, "each event once");
            seen[i] = true;
            Assert.That(e.Time, Is.EqualTo(1_000 + delays[i % delays.Length] + i));
            Assert.That(e.Kind, Is.EqualTo((SimEventKind)(i % 4)));
            Assert.That(e.Epoch, Is.EqualTo((uint)(i * 7)));
            Assert.That(e.Data, Is.EqualTo(-i));
            Assert.That(e.TagKind, Is.EqualTo((TimerKind)(i % 3)));
            Assert.That(e.Payload, Is.SameAs(payloads[i]));
        }
        Assert.That(seen, Is.All.True);
    }

    /// <summary>A popped event's message can be collected: neither the slot it waited in nor the active events keep it.</summary>
    [TestCase(1)]        // one event a slot: the slot keeps its first event's plain words, not its payload
    [TestCase(200)]      // many a slot: chunks
    public void APoppedEvent_LeavesNoReferenceToItsPayload(int perSlot)
    {
        var q = new EventQueue();
        var weak = PushWithPayloads(q, 500, perSlot);
        PopAll(q);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.That(Enumerable.Range(0, weak.Count).Where(i => weak[i].IsAlive), Is.Empty, "payloads still reachable from the queue");
        GC.KeepAlive(q);
    }

    // Each in a frame of its own, gone before the collection: the test's own frame, compiled without optimisation, keeps the
    // last popped event's copy alive to its end.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void PopAll(EventQueue q)
    {
        while (q.Count > 0) q.Pop();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static List<WeakReference> PushWithPayloads(EventQueue q, int events, int perSlot)
    {
        var weak = new List<WeakReference>();
        for (int i = 0; i < events; i++)
        {
            var payload = new byte[64];
            weak.Add(new WeakReference(payload));
            // Slots are 4,096 ticks wide: perSlot events share one, else each its own.
            var e = new SimEvent { Time = 10_000 + (long)(i / perSlot) * 8_192 + i % perSlot, Target = i, Payload = payload };
            q.Push(ref e, 0);
        }
        return weak;
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

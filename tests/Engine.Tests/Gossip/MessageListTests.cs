using GossipSim.Engine.Core;
using GossipSim.Engine.Gossip;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class MessageListTests
{
    private static MessageId Id(int n) => new(NodeAddress.Parse("10.1.0.1:7000"), n);

    [Test]
    public void AMessage_CrossesEachLinkAtMostOnce()
    {
        var ml = new MessageList(TimeSpan.FromMinutes(1), 100);
        var t = TimeSpan.Zero;
        const long inc = 1;
        Assert.That(ml.TryAdd(Id(1), inc, t, fromSlot: 2), Is.True);
        Assert.That(ml.TryAdd(Id(1), inc, t, fromSlot: 3), Is.False, "a duplicate");
        Assert.That(ml.MarkLink(Id(1), inc, 2), Is.False, "it came in on slot 2");
        Assert.That(ml.MarkLink(Id(1), inc, 5), Is.True);
        Assert.That(ml.MarkLink(Id(1), inc, 5), Is.False);
        Assert.That(ml.MarkLink(Id(1), inc, 200), Is.True, "slots beyond 64 work too");
        Assert.That(ml.HasLink(Id(1), inc, 200), Is.True);
    }

    [Test]
    public void ARestartedOriginsMessages_AreNewMessages_NotDuplicates()
    {
        var ml = new MessageList(TimeSpan.FromMinutes(1), 100);
        Assert.That(ml.TryAdd(Id(1), 1, TimeSpan.FromSeconds(3), -1), Is.True);
        Assert.That(ml.TryAdd(Id(1), 2, TimeSpan.FromSeconds(40), -1), Is.True, "same origin and number, a new incarnation");
    }

    /// <summary>One incarnation has only its numbers; signing a number again with a new creation time gives no new message.</summary>
    [Test]
    public void AMessageNumberSignedAgain_InTheSameIncarnation_IsADuplicate()
    {
        var ml = new MessageList(TimeSpan.FromMinutes(5), 100);
        Assert.That(ml.TryAdd(Id(1), 7, TimeSpan.FromSeconds(3), -1), Is.True);
        Assert.That(ml.TryAdd(Id(1), 7, TimeSpan.FromSeconds(18), 2), Is.False, "the same number and incarnation, whatever its creation time");
    }

    [Test]
    public void Entries_ExpireAfterTheirTimeToLive_AndCapacityEvictsTheOldest()
    {
        var ml = new MessageList(TimeSpan.FromSeconds(10), 16);
        TimeSpan S(int s) => TimeSpan.FromSeconds(s);
        for (int i = 0; i < 16; i++) ml.TryAdd(Id(i), 1, S(i), -1);
        ml.TryAdd(Id(100), 1, S(16), -1);
        Assert.That(ml.Count, Is.EqualTo(16));
        Assert.That(ml.Contains(Id(0), 1), Is.False, "the oldest went first");
        ml.Sweep(S(20));
        Assert.That(ml.Contains(Id(9), 1), Is.False);
        Assert.That(ml.Contains(Id(10), 1), Is.True);
    }
    /// <summary>
    /// A list's first-seen times are exact however far apart: a clock gone back, or entries hours apart under a long time to live,
    /// expire from the oldest as they did when each entry held its 8-byte time.
    /// </summary>
    [Test]
    public void FirstSeenTimes_StayExact_AcrossHoursAndAClockGoneBack()
    {
        var ml = new MessageList(TimeSpan.FromHours(2), 100);
        TimeSpan M(double minutes) => TimeSpan.FromMinutes(minutes);
        ml.TryAdd(Id(1), 1, M(100), -1);
        ml.TryAdd(Id(2), 1, M(99), -1);     // the clock went back a minute
        ml.TryAdd(Id(3), 1, M(130), -1);    // 30 minutes on: past 32 bits of ticks from the first
        ml.TryAdd(Id(4), 1, M(130.5), -1);
        ml.TryAdd(Id(5), 1, M(200), -1);
        ml.Sweep(M(220) - TimeSpan.FromTicks(1));
        Assert.That(ml.Count, Is.EqualTo(5), "nothing is two hours old yet");
        ml.Sweep(M(220) + TimeSpan.FromTicks(1));
        Assert.That(ml.Contains(Id(1), 1), Is.False, "first seen at 100 min: gone past 220 min");
        Assert.That(ml.Contains(Id(2), 1), Is.False, "the oldest go first: 2 sat behind 1 and is older still");
        Assert.That(ml.Contains(Id(3), 1), Is.True);
        ml.Sweep(M(250));
        Assert.That(ml.Contains(Id(3), 1), Is.True, "first seen at 130 min: exactly two hours is not past the time to live");
        ml.Sweep(M(250) + TimeSpan.FromTicks(1));
        Assert.That(ml.Contains(Id(3), 1), Is.False);
        Assert.That(ml.Contains(Id(4), 1), Is.True);
        ml.Sweep(M(250.5) + TimeSpan.FromTicks(1));
        Assert.That(ml.Count, Is.EqualTo(1), "only the one seen at 200 min is left");
        ml.Sweep(M(320) + TimeSpan.FromTicks(1));
        Assert.That(ml.Count, Is.EqualTo(0));
        Assert.That(ml.TryAdd(Id(6), 1, M(321), -1), Is.True, "an emptied list starts again from its next entry");
        ml.Sweep(M(441));
        Assert.That(ml.Count, Is.EqualTo(1));
    }

    /// <summary>Records where the hints point (the tests compare them while no collection can move the arrays).</summary>
    private sealed class RecordingReadAhead : GossipSim.Engine.Collections.ReadAhead
    {
        public readonly List<nint> Addresses = new(256);
        public override void Start(ReadOnlySpan<byte> bytes) => Addresses.Add(System.Runtime.CompilerServices.Unsafe.ByteOffset(
            ref System.Runtime.CompilerServices.Unsafe.NullRef<byte>(), ref System.Runtime.InteropServices.MemoryMarshal.GetReference(bytes)));
    }

    [Test]
    public void ReadAhead_AsksForNothing_WhenEmpty_AndForOneCellAMessage_InAShortOrALongList()
    {
        var hints = new RecordingReadAhead();
        var ml = new MessageList(TimeSpan.FromMinutes(1), 1000);
        ml.ReadAhead(Id(1), 1, hints);
        Assert.That(hints.Addresses, Is.Empty, "an empty list reads nothing");

        ml.TryAdd(Id(1), 1, TimeSpan.Zero, -1);
        Assert.That(GC.TryStartNoGCRegion(1 << 20), Is.True);
        ml.ReadAhead(Id(1), 1, hints);
        ml.ReadAhead(Id(2), 1, hints);
        GC.EndNoGCRegion();
        Assert.That(hints.Addresses, Has.Count.EqualTo(2));
        Assert.That(hints.Addresses[1], Is.EqualTo(hints.Addresses[0]), "a short list is scanned from its newest entry, whatever the message");

        for (int n = 2; n <= 200; n++) ml.TryAdd(Id(n), 1, TimeSpan.Zero, -1);
        hints.Addresses.Clear();
        Assert.That(GC.TryStartNoGCRegion(1 << 20), Is.True);
        for (int n = 1; n <= 200; n++) ml.ReadAhead(Id(n), 1, hints);
        GC.EndNoGCRegion();
        Assert.That(hints.Addresses, Has.Count.EqualTo(200));
        // A long list is looked up by a hashed index: the hints spread over its cells (2 bytes each while the ring's slots fit in
        // them), one a message.
        Assert.That(hints.Addresses.Distinct().Count(), Is.GreaterThan(100));
        Assert.That((long)(hints.Addresses.Max() - hints.Addresses.Min()), Is.LessThan(64L * 1024), "all within one index");
        Assert.That(hints.Addresses.All(a => (a - hints.Addresses.Min()) % 2 == 0), Is.True, "each on a cell");
        Assert.That(hints.Addresses.Any(a => (a - hints.Addresses.Min()) % 4 != 0), Is.True, "cells of 2 bytes, not 4");
        Assert.That(ml.Count, Is.EqualTo(200), "hints change nothing");
        Assert.That(ml.Contains(Id(7), 1), Is.True);
    }
}

public class MessageListModelTests
{
    /// <summary>
    /// A list that knows how many messages it will hold takes one ring of that size (and its index) for them, where one that grows
    /// takes 1, 2, 4 ... 64, 80 and 100 entries and an index at each step past 32, and leaves the outgrown ones to the collector.
    /// </summary>
    [Test]
    public void AnExpectedCount_IsTheFirstRing_SoHoldingThatManyOutgrowsNone()
    {
        long Allocated(int expected)
        {
            var ml = new MessageList(TimeSpan.FromMinutes(5), 100_000);
            var origin = NodeAddress.Parse("10.1.0.9:7000");
            int added = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int n = 1; n <= 100; n++) added += ml.TryAdd(new MessageId(origin, n), 1, TimeSpan.FromSeconds(n), n % 8, expected) ? 1 : 0;
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(added, Is.EqualTo(100));
            Assert.That(ml.Count, Is.EqualTo(100));
            for (int n = 1; n <= 100; n++) Assert.That(ml.HasLink(new MessageId(origin, n), 1, n % 8), Is.True);
            return bytes;
        }
        Allocated(100); Allocated(0); // compiled before they are counted
        long known = Allocated(100), growing = Allocated(0);
        TestContext.Out.WriteLine($"100 messages: {known} bytes with 100 expected, {growing} growing from one");
        Assert.That(known, Is.LessThanOrEqualTo(100 * 24 + 256 * 2 + 2 * 32), "one ring of 100 entries of 24 bytes and one index of 256 two-byte cells");
        Assert.That(growing, Is.GreaterThan(2 * known), "growing from one allocates the outgrown rings and indexes too");
    }

    /// <summary>
    /// A list indexes its ring in two-byte cells while its slots fit in them and in four beyond (a ring past 65,535 entries): either
    /// way each message is found, a duplicate is one, a link is marked (of 64 and up too), an incarnation far from the list's base
    /// is told apart, and the oldest leave the index as the capacity evicts them.
    /// </summary>
    [TestCase(60_000)]
    [TestCase(65_535)] // the last ring of two-byte cells: a cell holds slot 65,534 plus one
    [TestCase(65_536)] // the first of four-byte cells
    [TestCase(70_000)]
    public void ALongList_FindsEveryMessage_InTwoOrFourByteCells_AndForgetsTheEvicted(int capacity)
    {
        var ml = new MessageList(TimeSpan.FromHours(1), capacity);
        var origins = Enumerable.Range(0, 7).Select(o => NodeAddress.Parse($"10.1.0.{9 + o}:7000")).ToArray();
        MessageId Id(int n) => new(origins[n % origins.Length], n / origins.Length);
        long Life(int n) => n % 3 == 0 ? 5 + 100_000 : 5; // every third 100,000 from the others: one of the two kept beside its entry
        int total = capacity + 500;
        for (int n = 0; n < total; n++)
            Assert.That(ml.TryAdd(Id(n), Life(n), TimeSpan.FromMilliseconds(n), n % 100), Is.True, $"message {n} is new");
        Assert.That(ml.Count, Is.EqualTo(capacity));
        for (int n = 0; n < total; n++)
        {
            bool kept = n >= total - capacity;
            Assert.That(ml.Contains(Id(n), Life(n)), Is.EqualTo(kept), $"message {n}");
            Assert.That(ml.Contains(Id(n), Life(n) == 5 ? 5 + 100_000 : 5), Is.False, $"message {n} of the other incarnation");
            if (!kept) continue;
            Assert.That(ml.HasLink(Id(n), Life(n), n % 100), Is.True, $"message {n} came over link {n % 100}");
            Assert.That(ml.TryAdd(Id(n), Life(n), TimeSpan.FromHours(0.5), 99 - n % 100), Is.False, $"message {n} again is a duplicate");
        }
    }

    /// <summary>
    /// The ring (scan while short, index while long, side table for links of 64 and up)
    /// against a plain model of R10's rules, over random adds, duplicates, link claims,
    /// capacity evictions and time-to-live sweeps.
    /// </summary>
    [TestCase(1UL, 8)]
    [TestCase(2UL, 50)]
    [TestCase(3UL, 200)]
    [TestCase(4UL, 300, 5)] // several origins: index runs mix keys of other origins
    [TestCase(5UL, 300, 40)] // many origins: their keys are indexed, freed with their last entry and handed out again
    [TestCase(6UL, 20, 40)] // many origins, a short list: keys freed and reused while the list is scanned
    [TestCase(7UL, 90, 40)] // the ring grows by a quarter past 64 (80) and then to the capacity (90), not past it
    [TestCase(8UL, 1500, 60)] // past 1,024 slots the ring doubles again
    [TestCase(9UL, 300, 5, 100)] // a ring that starts at the expected count and grows by quarters past it
    [TestCase(10UL, 40, 40, 1_000)] // an expected count past the capacity: the ring starts at the capacity
    // Lists whose entries span more than 32 bits of ticks (7.1 minutes): the base moves up to the oldest entry, and an entry it
    // cannot reach keeps its time beside it; expiry stays exact.
    [TestCase(11UL, 300, 5, 0, 3_600, 60)]
    [TestCase(12UL, 200, 3, 100, 420, 2)]
    [TestCase(13UL, 40, 3, 0, 1_000, 120)]
    // Incarnations far apart (an entry holds its origin's as 16 bits from the list's base; one beyond them keeps it beside it), the
    // base at either end of a long's range (the distance overflows): in a long list, a short one, and one whose times span hours.
    [TestCase(14UL, 300, 5, 100, 30, 0, true)]
    [TestCase(15UL, 20, 5, 0, 30, 0, true)]
    [TestCase(16UL, 1500, 40, 0, 3_600, 60, true)]
    public void BehavesLikeASimpleModel(ulong seed, int capacity, int origins = 1, int expectedAtOnce = 0, int ttlSeconds = 30,
        int maxStepSeconds = 0, bool farLives = false)
    {
        long[] lives = farLives ? [0, 1, 32_767, -32_768, 70_000, -70_000, long.MaxValue - 3, long.MinValue + 3] : [0, 1];
        var rng = new Rng(seed);
        var ttl = TimeSpan.FromSeconds(ttlSeconds);
        long maxStep = maxStepSeconds > 0 ? maxStepSeconds * TimeSpan.TicksPerSecond : 200_000_000 / 100; // up to 0.02 s a step
        var ml = new MessageList(ttl, capacity);
        var model = new List<(MessageId id, long created, long seen, HashSet<int> links)>();
        var from = Enumerable.Range(0, origins).Select(o => NodeAddress.Parse($"10.1.0.{9 + o}:7000")).ToArray();
        long now = 0;
        for (int step = 0; step < 20_000; step++)
        {
            now += (long)(rng.NextDouble() * maxStep);
            var id = new MessageId(from[origins == 1 ? 0 : rng.NextInt(origins)], rng.NextInt(120));
            long created = lives[rng.NextInt(lives.Length)]; // the origin's incarnation: two lives of one origin share numbers
            int slot = rng.NextInt(4) == 0 ? 64 + rng.NextInt(40) : rng.NextInt(64);
            int found = model.FindIndex(m => m.id == id && m.created == created);
            switch (rng.NextInt(4))
            {
                case 0:
                case 1:
                {
                    bool added = ml.TryAdd(id, created, TimeSpan.FromTicks(now), slot, expectedAtOnce);
                    Assert.That(added, Is.EqualTo(found < 0), $"step {step}: TryAdd");
                    if (found >= 0) model[found].links.Add(slot);
                    else
                    {
                        while (model.Count >= capacity) model.RemoveAt(0);
                        model.Add((id, created, now, new HashSet<int> { slot }));
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

using System.Runtime.CompilerServices;
using GossipSim.Simulator.Events;
using GossipSim.Simulator.Partitions;

namespace GossipSim.Simulator.Tests.Partitions;

/// <summary>
/// A window's mail between partitions: every event comes out in sending order across blocks,
/// a block stays off the large-object heap, and an emptied box lets go of its messages and of
/// the blocks a burst took.
/// </summary>
public class OutboxTests
{
    private static SimEvent Event(int i) => new() { Time = 1_000 + i, Sequence = i, Target = i % 7, Payload = $"message {i}" };

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(Outbox.BlockEvents - 1)]
    [TestCase(Outbox.BlockEvents)]
    [TestCase(Outbox.BlockEvents + 1)]
    [TestCase(5 * Outbox.BlockEvents + 17)]
    public void Events_ComeOutInSendingOrder_AcrossBlocks(int count)
    {
        var box = new Outbox();
        for (int i = 0; i < count; i++) box.Add(Event(i));
        Assert.That(box.Count, Is.EqualTo(count));
        Assert.That(box.Blocks, Is.EqualTo((count + Outbox.BlockEvents - 1) / Outbox.BlockEvents));
        for (int i = 0; i < count; i++)
        {
            var e = box[i];
            Assert.That((e.Sequence, e.Time, e.Target, e.Payload), Is.EqualTo(((long)i, 1_000L + i, i % 7, (object)$"message {i}")), $"event {i}");
        }
    }

    [Test]
    public void ABlock_StaysBelowTheLargeObjectHeap()
    {
        long bytes = (long)Outbox.BlockEvents * Unsafe.SizeOf<SimEvent>();
        Assert.That(bytes, Is.LessThan(85_000), "a block of the large-object heap is never compacted by default");
        var box = new Outbox();
        box.Add(Event(0));
        Assert.That(GC.GetGeneration(BlockOf(box)), Is.LessThan(2), "a new block is a young object");
    }

    [Test]
    public void Clearing_KeepsTheBlocksThisWindowUsed_AndGivesBackWhatABurstTook()
    {
        var box = new Outbox();
        for (int i = 0; i < 10 * Outbox.BlockEvents; i++) box.Add(Event(i));
        box.Clear();
        Assert.That((box.Count, box.Blocks), Is.EqualTo((0, 10)), "the burst's window: its blocks kept for the next");
        for (int i = 0; i < Outbox.BlockEvents + 5; i++) box.Add(Event(i));
        box.Clear();
        Assert.That((box.Count, box.Blocks), Is.EqualTo((0, 2)), "a quieter window: the rest given back");
        box.Clear();
        Assert.That(box.Blocks, Is.Zero, "an empty window keeps none");
    }

    [Test]
    public void Clearing_LetsGoOfTheMessages_AndTheBoxFillsAgainInOrder()
    {
        var box = new Outbox();
        var held = AddAMessage(box);
        for (int i = 1; i < Outbox.BlockEvents + 3; i++) box.Add(Event(i));
        box.Clear();
        GC.Collect();
        Assert.That(held.IsAlive, Is.False, "the message is not held by an emptied box");
        box.Add(Event(42));
        Assert.That((box.Count, box[0].Sequence), Is.EqualTo((1, 42L)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // so no local of the test's keeps the message alive
    private static WeakReference AddAMessage(Outbox box)
    {
        var message = new object();
        box.Add(new SimEvent { Sequence = 1, Payload = message });
        return new WeakReference(message);
    }

    private static object BlockOf(Outbox box) =>
        typeof(Outbox).GetField("_blocks", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(box) is List<SimEvent[]> blocks ? blocks[0] : throw new InvalidOperationException("no blocks");
}

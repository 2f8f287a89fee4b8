using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Host;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Host;

/// <summary>The received messages waiting for a node's loop: one queue per sender, taken in turn; the one holding the most pays when full.</summary>
public class SenderQueuesTests
{
    private static readonly NodeAddress Flooder = NodeAddress.Parse("10.0.0.1:7000");
    private static readonly NodeAddress Honest = NodeAddress.Parse("10.0.0.2:7000");
    private static readonly NodeAddress Other = NodeAddress.Parse("10.0.0.3:7000");

    private static Message Msg(long n) => new Ping(n);

    private static List<(NodeAddress From, long Nonce)> TakeAll(SenderQueues q)
    {
        var taken = new List<(NodeAddress, long)>();
        while (q.TryTake(out var from, out var m, out _)) taken.Add((from, ((Ping)m).Nonce));
        return taken;
    }

    [Test]
    public void Senders_AreServedInTurn_EachInItsOwnOrder()
    {
        var q = new SenderQueues(perSender: 100, maxMessages: 1000, maxBytes: 1 << 20);
        for (int i = 1; i <= 5; i++) q.Add(Flooder, Msg(i), 100, out _);
        q.Add(Honest, Msg(101), 100, out _);
        q.Add(Other, Msg(201), 100, out _);
        q.Add(Honest, Msg(102), 100, out _);
        var order = TakeAll(q).Select(t => t.Nonce).ToArray();
        Assert.That(order, Is.EqualTo(new long[] { 1, 101, 201, 2, 102, 3, 4, 5 }));
        Assert.That(q.Count, Is.Zero);
        Assert.That(q.Bytes, Is.Zero);
    }

    [Test]
    public void AFloodersBacklog_DelaysANewSendersMessage_ByOneTurnAtMost()
    {
        var q = new SenderQueues(perSender: 10_000, maxMessages: 100_000, maxBytes: 1L << 30);
        for (int i = 0; i < 10_000; i++) q.Add(Flooder, Msg(i), 200, out _);
        q.Add(Honest, Msg(-1), 200, out _);
        var first = Enumerable.Range(0, 2).Select(_ => q.TryTake(out var from, out Message _, out int _) ? from : NodeAddress.None).ToArray();
        Assert.That(first, Does.Contain(Honest), "the honest message is taken within the first round, behind 10,000 of the flooder's");
    }

    // per sender, messages in all, bytes in all; what the flooder and then the honest sender add (messages of 100 bytes)
    // -> flooder's kept, honest's kept, dropped
    [TestCase(5, 1000, 100_000, 8, 1, 5, 1, 3, Description = "the flooder's own cap; the honest sender is not affected")]
    [TestCase(1000, 10, 100_000, 10, 3, 7, 3, 3, Description = "whole queue full: each honest message drops the flooder's oldest")]
    [TestCase(1000, 1000, 1000, 10, 3, 7, 3, 3, Description = "the same in bytes")]
    [TestCase(1000, 10, 100_000, 12, 0, 10, 0, 2, Description = "the flooder alone: its new messages are the ones dropped")]
    [TestCase(1000, 4, 100_000, 2, 5, 2, 2, 3, Description = "once the newcomer would hold as much as the flooder, its own new messages go")]
    public void Bounds(int perSender, int maxMessages, long maxBytes, int flooded, int honest, int flooderKept, int honestKept, int dropped)
    {
        var q = new SenderQueues(perSender, maxMessages, maxBytes);
        for (int i = 0; i < flooded; i++) q.Add(Flooder, Msg(i), 100, out _);
        for (int i = 0; i < honest; i++) q.Add(Honest, Msg(1000 + i), 100, out _);
        var taken = TakeAll(q);
        Assert.That(taken.Count(t => t.From == Flooder), Is.EqualTo(flooderKept), "flooder's kept");
        Assert.That(taken.Count(t => t.From == Honest), Is.EqualTo(honestKept), "honest's kept");
        Assert.That(q.Dropped, Is.EqualTo(dropped));
        Assert.That(taken.Where(t => t.From == Flooder).Select(t => t.Nonce), Is.Ordered, "what is kept of a sender stays in order");
    }

    [Test]
    public void Add_SaysWhoseMessageWasDropped_AndWhy()
    {
        var q = new SenderQueues(perSender: 2, maxMessages: 3, maxBytes: 1 << 20);
        Assert.That(q.Add(Flooder, Msg(1), 10, out _), Is.EqualTo(Queued.Taken));
        Assert.That(q.Add(Flooder, Msg(2), 10, out _), Is.EqualTo(Queued.Taken));
        Assert.That(q.Add(Flooder, Msg(3), 10, out _), Is.EqualTo(Queued.SenderFull));
        Assert.That(q.Add(Honest, Msg(4), 10, out var none), Is.EqualTo(Queued.Taken));
        Assert.That(none.IsNone, Is.True);
        Assert.That(q.Add(Other, Msg(5), 10, out var evicted), Is.EqualTo(Queued.Taken));
        Assert.That(evicted, Is.EqualTo(Flooder));
        Assert.That(q.Add(Other, Msg(6), 10, out _), Is.EqualTo(Queued.QueueFull), "Other would hold as much as anyone");
        Assert.That(q.Add(Flooder, Msg(7), 1 << 21, out _), Is.EqualTo(Queued.QueueFull), "larger than the whole byte bound");
    }

    [Test]
    public void ASenderEmptiedToMakeRoom_IsSkipped_AndServedAgainWhenItSendsMore()
    {
        var q = new SenderQueues(perSender: 10, maxMessages: 1, maxBytes: 1 << 20);
        q.Add(Flooder, Msg(1), 10, out _);
        q.Add(Honest, Msg(2), 5, out _); // drops the flooder's only message
        q.Add(Flooder, Msg(3), 5, out _); // Honest holds as much: this one is dropped
        Assert.That(TakeAll(q).Select(t => t.Nonce), Is.EqualTo(new long[] { 2 }));
        q.Add(Flooder, Msg(4), 10, out _);
        Assert.That(TakeAll(q).Select(t => t.Nonce), Is.EqualTo(new long[] { 4 }));
    }

    [Test]
    public void ThousandsOfOneOffSenders_LeaveFewIdleQueuesBehind()
    {
        var q = new SenderQueues(perSender: 10, maxMessages: 100_000, maxBytes: 1L << 30);
        for (int i = 0; i < 10_000; i++)
        {
            q.Add(new NodeAddress(0x0A000000u + (uint)i, 1), Msg(i), 10, out _);
            Assert.That(q.TryTake(out _, out _, out _), Is.True);
        }
        Assert.That(q.Count, Is.Zero);
        Assert.That(q.SendersHeld, Is.LessThanOrEqualTo(SenderQueues.IdleKept + 1));
        q.Add(Honest, Msg(1), 10, out _);
        Assert.That(TakeAll(q), Has.Count.EqualTo(1));
    }

    [Test]
    public void ManyThreadsAdding_WhileOneTakes_LoseNothingWithinTheBounds()
    {
        var q = new SenderQueues(perSender: 100_000, maxMessages: 1_000_000, maxBytes: 1L << 30);
        const int senders = 8, each = 20_000;
        var adders = Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            var from = new NodeAddress(0x0A000000u + (uint)s, 1);
            for (int i = 0; i < each; i++) q.Add(from, Msg(i), 10, out _);
        })).ToArray();
        var last = new Dictionary<NodeAddress, long>();
        int taken = 0;
        while (taken < senders * each)
        {
            if (!q.TryTake(out var from, out var m, out _))
            {
                Assert.That(adders.All(a => !a.IsFaulted), Is.True);
                Thread.Yield();
                continue;
            }
            long nonce = ((Ping)m).Nonce;
            Assert.That(nonce, Is.GreaterThan(last.GetValueOrDefault(from, -1)), "a sender's messages come out in order");
            last[from] = nonce;
            taken++;
        }
        Task.WaitAll(adders);
        Assert.That(q.Dropped, Is.Zero);
    }
}

using GossipSim.Engine.Plumtree;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Plumtree;

/// <summary>The lazy queue's dispatch: one IHAVE a neighbour still linked, in link order, each in the order queued, cut at the cap.</summary>
public class LazyQueueTests
{
    private static NodeAddress Neighbour(int i) => NodeAddress.Parse($"10.2.{i / 250}.{i % 250 + 1}:7000");
    private static Announcement Of(int n) => new(new MessageId(NodeAddress.Parse("10.1.0.1:7000"), n), 1, n % 7);

    private static List<(int Link, int[] Numbers)> Drain(LazyQueue queue, NodeAddress[] links, int max)
    {
        var sent = new List<(int, int[])>();
        queue.Drain(max, links, static (l, a) => Array.IndexOf(l, a),
            (_, link, batch) => sent.Add((link, batch.Select(a => a.Id.Number).ToArray())));
        return sent;
    }

    [Test]
    public void Drain_SendsOneIhaveANeighbour_InLinkOrder_EachInTheOrderQueued()
    {
        var links = new[] { Neighbour(0), Neighbour(1), Neighbour(2) };
        var queue = new LazyQueue();
        queue.Add(links[2], Of(1));
        queue.Add(links[0], Of(1));
        queue.Add(links[2], Of(2));
        queue.Add(links[0], Of(3));
        queue.Add(links[2], Of(3));
        var sent = Drain(queue, links, max: 256);
        Assert.That(sent.Select(s => s.Link), Is.EqualTo(new[] { 0, 2 }), "one IHAVE a neighbour with announcements, none to link 1");
        Assert.That(sent[0].Numbers, Is.EqualTo(new[] { 1, 3 }));
        Assert.That(sent[1].Numbers, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(queue.Count, Is.Zero, "a dispatch empties the queue");
        Assert.That(Drain(queue, links, 256), Is.Empty, "and the next sends nothing");
    }

    [Test]
    public void Drain_DropsTheAnnouncementsOfANeighbourLinkedNoMore()
    {
        var queue = new LazyQueue();
        queue.Add(Neighbour(0), Of(1));
        queue.Add(Neighbour(5), Of(2)); // the link went meanwhile
        queue.Add(Neighbour(1), Of(3));
        var sent = Drain(queue, [Neighbour(1), Neighbour(0)], 256);
        Assert.That(sent.Select(s => (s.Link, s.Numbers.Single())), Is.EqualTo(new[] { (0, 3), (1, 1) }), "positions as linked now");
    }

    [TestCase(1, new[] { 1, 1, 1, 1, 1 })]
    [TestCase(2, new[] { 2, 2, 1 })]
    [TestCase(5, new[] { 5 })]
    [TestCase(256, new[] { 5 })]
    public void Drain_CutsANeighboursAnnouncementsAtTheCap_InOrder(int max, int[] sizes)
    {
        var queue = new LazyQueue();
        for (int n = 1; n <= 5; n++) queue.Add(Neighbour(0), Of(n));
        var sent = Drain(queue, [Neighbour(0)], max);
        Assert.That(sent.Select(s => s.Numbers.Length), Is.EqualTo(sizes));
        Assert.That(sent.SelectMany(s => s.Numbers), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
    }

    [Test]
    public void Drain_OfAHubsQueue_ManyLinksAndMoreThanTheStackHolds_SendsEveryAnnouncementOnce()
    {
        var links = Enumerable.Range(0, 300).Select(Neighbour).ToArray();
        var queue = new LazyQueue();
        var random = new Random(3);
        var expected = new Dictionary<int, List<int>>();
        for (int n = 1; n <= 2_000; n++)
        {
            int link = random.Next(links.Length);
            queue.Add(links[link], Of(n));
            (expected.TryGetValue(link, out var l) ? l : expected[link] = new()).Add(n);
        }
        var sent = Drain(queue, links, 256);
        Assert.That(sent.Select(s => s.Link), Is.Ordered.And.Unique);
        Assert.That(sent.ToDictionary(s => s.Link, s => s.Numbers.ToList()), Is.EqualTo(expected));
    }
}

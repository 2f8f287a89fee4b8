using GossipSim.Simulator.Partitions;


namespace GossipSim.Simulator.Tests.Partitions;

/// <summary>The order threads take a window's partitions in: the last window's busiest first, ties by number.</summary>
public class BusiestFirstTests
{
    [TestCase(new long[] { 5, 9, 1 }, new[] { 1, 0, 2 })]
    [TestCase(new long[] { 3, 3, 3 }, new[] { 0, 1, 2 })]           // ties keep the partitions' numbers in order
    [TestCase(new long[] { 0, 7, 7, 2 }, new[] { 1, 2, 3, 0 })]
    [TestCase(new long[] { 4 }, new[] { 0 })]
    public void OrdersByTheLastWindowsWork_BusiestFirst(long[] work, int[] expected)
    {
        var order = Enumerable.Range(0, work.Length).ToArray();
        BusiestFirst.Order(order, p => work[p]);
        Assert.That(order, Is.EqualTo(expected));
    }

    [Test]
    public void TheOrderDependsOnlyOnTheWork_NotOnTheOrderBefore()
    {
        long[] work = { 2, 8, 8, 1, 5 };
        var fromStart = new[] { 0, 1, 2, 3, 4 };
        var fromReversed = new[] { 4, 3, 2, 1, 0 };
        BusiestFirst.Order(fromStart, p => work[p]);
        BusiestFirst.Order(fromReversed, p => work[p]);
        Assert.That(fromReversed, Is.EqualTo(fromStart));
        Assert.That(fromStart, Is.EqualTo(new[] { 1, 2, 4, 0, 3 }));
    }
}

using GossipSim.Engine.Collections;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class PagedListTests
{
    [TestCase(0)]
    [TestCase(15)]
    [TestCase(4096)]   // exactly one page
    [TestCase(10_000)] // several pages, the first grown from its small start
    public void HoldsEveryItemAtItsIndex(int count)
    {
        var list = new PagedList<long>();
        for (int i = 0; i < count; i++) list.Add(i * 7L);
        Assert.That(list.Count, Is.EqualTo(count));
        for (int i = 0; i < count; i++)
            if (list[i] != i * 7L) Assert.Fail($"item {i} is {list[i]}");
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = list[count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = list[-1]);
    }
}

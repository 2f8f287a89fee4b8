using GossipSim.Simulator.Partitions;


namespace GossipSim.Simulator.Tests.Partitions;

/// <summary>The windows' work: the balance between the threads and the order they take partitions up in.</summary>
public class WindowLoadTests
{
    // Each row: partitions' work in each window; threads; the balance: all work / (threads × Σ max(busiest, ⌈sum / threads⌉)).
    [TestCase(2, new long[] { 5, 5 }, 1.0)]                       // one window, split evenly
    [TestCase(2, new long[] { 9, 1 }, 10.0 / 2 / 9)]              // the busiest partition sets the pace
    [TestCase(2, new long[] { 3, 3, 3, 3 }, 1.0)]                 // four partitions on two threads: an even share is possible
    [TestCase(2, new long[] { 3, 3, 3 }, 9.0 / 2 / 5)]            // three equal pieces on two threads: one thread takes two
    [TestCase(1, new long[] { 7, 1, 4 }, 1.0)]                    // one thread: always balanced
    public void OneWindow_Balance(int threads, long[] work, double expected)
    {
        var load = new WindowLoad(work.Length, threads);
        load.Ended(p => work[p]);
        Assert.That(load.Balance, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Balance_AddsUpOverWindows_AndIsOneBeforeAny()
    {
        var load = new WindowLoad(2, 2);
        Assert.That(load.Balance, Is.EqualTo(1));
        load.Ended(p => p == 0 ? 6 : 2); // paced by 6
        load.Ended(p => 4);              // paced by 4
        Assert.That(load.Balance, Is.EqualTo(16.0 / 2 / 10).Within(1e-12));
    }

    [Test]
    public void MorePartitionsThanThreads_AreTakenBusiestFirst_OtherwiseInNumberOrder()
    {
        long[] work = { 1, 9, 4, 9 };
        var finer = new WindowLoad(4, 2);
        finer.Ended(p => work[p]);
        Assert.That(Enumerable.Range(0, 4).Select(i => finer[i]), Is.EqualTo(new[] { 1, 3, 2, 0 }));

        var oneEach = new WindowLoad(4, 4);
        oneEach.Ended(p => work[p]);
        Assert.That(Enumerable.Range(0, 4).Select(i => oneEach[i]), Is.EqualTo(new[] { 0, 1, 2, 3 }));

        var oneThread = new WindowLoad(4, 1);
        oneThread.Ended(p => work[p]);
        Assert.That(Enumerable.Range(0, 4).Select(i => oneThread[i]), Is.EqualTo(new[] { 0, 1, 2, 3 }));
    }
}

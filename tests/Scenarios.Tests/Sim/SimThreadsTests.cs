using System.Collections.Concurrent;
using GossipSim.Scenarios.Sim;

namespace GossipSim.Scenarios.Tests.Sim;

/// <summary>
/// The runner a simulated run's partitions go through: every index once, taken in the order
/// given (the network puts its busiest partitions first), a failure rethrown as it was thrown.
/// </summary>
public class SimThreadsTests
{
    [Test]
    public void OneThread_TakesTheIndexesInOrder_OnTheCallingThread()
    {
        var taken = new List<(int index, int thread)>();
        SimThreads.On(1)(5, i => taken.Add((i, Environment.CurrentManagedThreadId)));
        Assert.That(taken.Select(t => t.index), Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
        Assert.That(taken.Select(t => t.thread), Has.All.EqualTo(Environment.CurrentManagedThreadId));
    }

    [TestCase(2, 16)]
    [TestCase(4, 3)]
    [TestCase(3, 1)]
    public void SeveralThreads_RunEveryIndexExactlyOnce(int threads, int count)
    {
        var runs = new ConcurrentDictionary<int, int>();
        SimThreads.On(threads)(count, i => runs.AddOrUpdate(i, 1, (_, n) => n + 1));
        Assert.That(runs.Keys.Order(), Is.EqualTo(Enumerable.Range(0, count)));
        Assert.That(runs.Values, Has.All.EqualTo(1));
    }

    [Test]
    public void AFailure_IsRethrownAsThrown()
    {
        var runner = SimThreads.On(2);
        var ex = Assert.Throws<InvalidOperationException>(() => runner(8, i => { if (i == 5) throw new InvalidOperationException("partition 5 failed"); }));
        Assert.That(ex!.Message, Is.EqualTo("partition 5 failed"));
    }

    [Test]
    public void NoThreads_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SimThreads.On(0));
    }
}

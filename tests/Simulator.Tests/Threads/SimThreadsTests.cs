using System.Collections.Concurrent;
using GossipSim.Simulator.Threads;

namespace GossipSim.Simulator.Tests.Threads;

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
    public void TwoThreads_RunTwoIndexesSideBySide()
    {
        if (Environment.ProcessorCount < 2) Assert.Ignore("one core: a second thread is not started, nothing to check");
        // Each index waits for the other to start: only two threads at once can pass (the
        // timeout only keeps a broken runner from hanging the suite).
        using var both = new Barrier(2);
        var threadIds = new ConcurrentBag<int>();
        SimThreads.On(2)(2, _ =>
        {
            threadIds.Add(Environment.CurrentManagedThreadId);
            Assert.That(both.SignalAndWait(TimeSpan.FromMinutes(1)), Is.True, "the other index never ran beside this one");
        });
        Assert.That(threadIds.Distinct().Count(), Is.EqualTo(2));
        Assert.That(threadIds, Does.Contain(Environment.CurrentManagedThreadId), "the caller is one of the threads");
    }

    [Test]
    public void ARunner_CalledOverAndOver_RunsEachCallCompletely()
    {
        // A run hands out thousands of windows: every call sees all its indexes done before it returns.
        var runner = SimThreads.On(2);
        var sums = new long[3];
        for (int call = 0; call < 2000; call++)
        {
            Array.Clear(sums);
            runner(3, i => Interlocked.Add(ref sums[i], call + i));
            Assert.That(sums, Is.EqualTo(new long[] { call, call + 1, call + 2 }), $"call {call}");
        }
    }

    [Test]
    public void ARunner_OnCoresTakenByOtherThreads_RunsEachCallCompletely()
    {
        // Busy threads on every core preempt the runner's, which then stop spinning
        // (CoreContention): each call still runs every index once, and rethrows a failure.
        using var stop = new CancellationTokenSource();
        var busy = Enumerable.Range(0, 2 * Environment.ProcessorCount)
            .Select(_ => new Thread(() => { while (!stop.IsCancellationRequested) Thread.SpinWait(100); }) { IsBackground = true })
            .ToList();
        busy.ForEach(t => t.Start());
        try
        {
            var runner = SimThreads.On(2);
            var sums = new long[5];
            for (int call = 0; call < 3000; call++)
            {
                Array.Clear(sums);
                runner(5, i => Interlocked.Add(ref sums[i], call + i));
                Assert.That(sums, Is.EqualTo(Enumerable.Range(call, 5).Select(x => (long)x)), $"call {call}");
            }
            var ex = Assert.Throws<InvalidOperationException>(() => runner(4, i => { if (i == 2) throw new InvalidOperationException("index 2"); }));
            Assert.That(ex!.Message, Is.EqualTo("index 2"));
        }
        finally
        {
            stop.Cancel();
            busy.ForEach(t => t.Join());
        }
    }

    [Test]
    public void RunnersCalledFromSeveralThreadsAtOnce_EachFinishTheirOwnWork()
    {
        // Tests run networks side by side: each caller gets a gang of threads to itself.
        var totals = new long[4];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, caller =>
        {
            var runner = SimThreads.On(2);
            for (int call = 0; call < 200; call++) runner(4, i => Interlocked.Add(ref totals[caller], i + 1));
        });
        Assert.That(totals, Has.All.EqualTo(200 * (1 + 2 + 3 + 4)));
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

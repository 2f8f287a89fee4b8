using GossipSim.Bench.Cores;

namespace GossipSim.Bench.Tests.Cores;

/// <summary>The cores' measurement: every allowed core measured, pinned on Linux, and the memory walk one cycle through every slot.</summary>
public class CoreSpeedTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(1000)]
    [TestCase(4097)]
    public void TheMemoryWalk_IsOneCycle_ThroughEverySlot(int n)
    {
        var next = CoreSpeed.RandomCycle(n, seed: 7);
        var seen = new bool[n];
        int at = 0;
        for (int step = 0; step < n; step++)
        {
            Assert.That(seen[at], Is.False, $"slot {at} came back after {step} steps of {n}");
            seen[at] = true;
            at = next[at];
        }
        Assert.That(at, Is.Zero, "after n steps the walk is back where it began");
        Assert.That(seen, Has.All.True);
    }

    [Test]
    public void TheMemoryWalk_IsNotInOrder()
    {
        var next = CoreSpeed.RandomCycle(10_000, seed: 1);
        int inOrder = Enumerable.Range(0, next.Length).Count(i => next[i] == (i + 1) % next.Length);
        Assert.That(inOrder, Is.LessThan(10), "a walk in order would stay in the cache and measure nothing of the memory");
    }

    [TestCase(CoreSpeed.Work.Compute)]
    [TestCase(CoreSpeed.Work.Memory)]
    public void EveryAllowedCore_IsMeasured_AloneAndTogether(CoreSpeed.Work work)
    {
        var cores = CorePinning.Allowed();
        Assert.That(cores, Is.Not.Empty);
        Assert.That(cores, Is.Unique.And.Ordered);
        var (alone, together) = CoreSpeed.Measure(cores, 0.05, work);
        Assert.That(alone.Select(r => r.Core), Is.EqualTo(cores));
        Assert.That(together.Select(r => r.Core), Is.EqualTo(cores));
        Assert.That(alone.Concat(together).Select(r => r.RoundsPerSecond), Has.All.GreaterThan(0));
        if (OperatingSystem.IsLinux())
            Assert.That(alone.Concat(together).Select(r => r.Pinned), Has.All.True, "Linux pins each thread to its core");
    }
}

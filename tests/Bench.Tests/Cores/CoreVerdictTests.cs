using GossipSim.Bench.Cores;

namespace GossipSim.Bench.Tests.Cores;

/// <summary>What measured core speeds allow threads to gain: relative to the fastest core alone, table by table.</summary>
public class CoreVerdictTests
{
    // cores alone, together: divisible bound (sum together / fastest alone), equal-parts bound (count x slowest together / fastest alone), even
    [TestCase(new[] { 100.0, 100.0 }, new[] { 100.0, 100.0 }, 2.0, 2.0, true, TestName = "two equal cores: two threads can gain 2x")]
    [TestCase(new[] { 100.0, 95.0 }, new[] { 97.0, 93.0 }, 1.9, 1.86, true, TestName = "within a tenth of each other: said to run alike")]
    [TestCase(new[] { 100.0, 57.0 }, new[] { 100.0, 55.0 }, 1.55, 1.1, false, TestName = "one core at half speed: equal parts gain 1.1x at most")]
    [TestCase(new[] { 100.0, 100.0 }, new[] { 70.0, 70.0 }, 1.4, 1.4, false, TestName = "alike alone, both slowed when together (shared caches)")]
    [TestCase(new[] { 50.0, 100.0, 100.0, 100.0 }, new[] { 50.0, 100.0, 100.0, 100.0 }, 3.5, 2.0, false, TestName = "four cores, one slow")]
    public void Bounds_FollowTheSlowestAndTheSum(double[] alone, double[] together, double divisible, double equalParts, bool even)
    {
        var cores = Enumerable.Range(0, alone.Length).ToArray();
        var v = CoreVerdict.Of(cores, alone, together);
        Assert.That(v.DivisibleBound, Is.EqualTo(divisible).Within(0.005));
        Assert.That(v.EqualPartsBound, Is.EqualTo(equalParts).Within(0.005));
        Assert.That(v.Even, Is.EqualTo(even));
        Assert.That(v.AloneRelative.Max(), Is.EqualTo(1.0), "relative to the fastest core alone");
    }

    [Test]
    public void UnequalCores_AreNamed_WithTheirSpeedsAndTheBounds()
    {
        var v = CoreVerdict.Of(new[] { 0, 1 }, new[] { 100.0, 57.0 }, new[] { 100.0, 55.0 });
        Assert.That(v.Words, Does.Contain("core 1 at 0.57 alone, 0.55 together"));
        Assert.That(v.Words, Does.Not.Contain("core 0 at"), "the fast core is not named");
        Assert.That(v.Words, Does.Contain("1.55x").And.Contain("1.10x"));
    }

    [Test]
    public void OneCore_HasNothingToCompare()
    {
        var v = CoreVerdict.Of(new[] { 3 }, new[] { 10.0 }, new[] { 10.0 });
        Assert.That(v.Words, Is.EqualTo("one core: nothing to compare"));
        Assert.That(v.EqualPartsBound, Is.EqualTo(1.0));
    }

    [Test]
    public void RatesThatDoNotMatchTheCores_OrShowNoWork_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => CoreVerdict.Of(new[] { 0, 1 }, new[] { 1.0 }, new[] { 1.0, 1.0 }));
        Assert.Throws<ArgumentException>(() => CoreVerdict.Of(new[] { 0 }, new[] { 0.0 }, new[] { 0.0 }));
    }
}

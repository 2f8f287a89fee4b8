using GossipSim.Analysis.Plots;

namespace GossipSim.Analysis.Tests.Plots;

public class LogTicksTests
{
    [Test]
    public void MajorTicksSitAtEveryDecadeLabelledTenToTheK()
    {
        var majors = LogTicks.For(3, 870).Where(t => t.Major).ToList();
        Assert.That(majors.Select(t => t.Value), Is.EqualTo(new[] { 1.0, 10, 100, 1000 }).Within(1e-9));
        Assert.That(majors.Select(t => t.Label), Is.EqualTo(new[] { "10⁰", "10¹", "10²", "10³" }));
    }

    [Test]
    public void MinorTicksSitAtTwoToNineTimesEachDecade()
    {
        var minors = LogTicks.For(1, 100).Where(t => !t.Major).Select(t => t.Value).ToList();
        foreach (double m in new double[] { 2, 3, 5, 9, 20, 90 }) Assert.That(minors, Has.Some.EqualTo(m).Within(1e-9));
        Assert.That(minors, Has.None.EqualTo(10.0).Within(1e-9));
        Assert.That(minors, Has.None.GreaterThan(100.0));
    }

    [TestCase(-3, "10⁻³")]
    [TestCase(0, "10⁰")]
    [TestCase(12, "10¹²")]
    public void LabelsUseSuperscriptDigits(int exponent, string expected) => Assert.That(LogTicks.Label(exponent), Is.EqualTo(expected));

    [TestCase(3, 870, 1, 1000)]
    [TestCase(1, 1, 1, 10)]
    [TestCase(0.002, 0.5, 0.001, 1)]
    [TestCase(10, 100, 10, 100)]
    public void LimitsAreTheWholeDecadesAroundTheData(double min, double max, double lo, double hi)
    {
        var (a, b) = LogTicks.DecadeLimits(min, max);
        Assert.That(a, Is.EqualTo(lo).Within(1e-12));
        Assert.That(b, Is.EqualTo(hi).Within(1e-12));
    }

    [Test]
    public void RefusesNonPositiveRanges() => Assert.Throws<ArgumentException>(() => LogTicks.DecadeLimits(0, 10));
}

using GossipSim.Analysis.Plots;

namespace GossipSim.Analysis.Tests.Plots;

public class ScaleTests
{
    [Test]
    public void LogScale_HasMajorTicksAtEveryDecadeLabelledTenToTheK()
    {
        var scale = LogScale.Decades(3, 870);
        var majors = scale.Ticks().Where(t => t.Major).ToList();
        Assert.That(majors.Select(t => t.Value), Is.EqualTo(new[] { 1.0, 10, 100, 1000 }).Within(1e-9));
        Assert.That(majors.Select(t => t.Label), Is.All.EqualTo("10"));
        Assert.That(majors.Select(t => t.Superscript), Is.EqualTo(new[] { "0", "1", "2", "3" }));
    }

    [Test]
    public void LogScale_HasMinorTicksAtTwoToNineTimesEachDecade()
    {
        var minors = LogScale.Decades(1, 100).Ticks().Where(t => !t.Major).Select(t => t.Value).ToList();
        foreach (double m in new double[] { 2, 3, 5, 9, 20, 90 }) Assert.That(minors, Has.Some.EqualTo(m).Within(1e-9));
        Assert.That(minors, Has.None.EqualTo(10.0).Within(1e-9));
    }

    [Test]
    public void LogScale_NegativeExponentsUseATrueMinusSign()
    {
        var labels = LogScale.Decades(0.001, 1).Ticks().Where(t => t.Major).Select(t => t.Superscript).ToList();
        Assert.That(labels, Does.Contain("\u22123"));
    }

    [Test]
    public void LogScale_MapsDecadesEvenly()
    {
        var scale = LogScale.Decades(1, 1000, pad: 0);
        Assert.That(scale.Normalize(1), Is.EqualTo(0).Within(1e-12));
        Assert.That(scale.Normalize(10), Is.EqualTo(1.0 / 3).Within(1e-12));
        Assert.That(scale.Normalize(1000), Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void LogScale_RefusesNonPositiveRanges()
    {
        Assert.Throws<ArgumentException>(() => LogScale.Decades(0, 10));
    }

    [Test]
    public void LinearScale_UsesNiceStepsAndCoversTheData()
    {
        var scale = LinearScale.Nice(0.013, 0.186);
        Assert.That(scale.Step, Is.EqualTo(0.05).Within(1e-12));
        Assert.That(scale.Min, Is.LessThanOrEqualTo(0.013));
        Assert.That(scale.Max, Is.GreaterThanOrEqualTo(0.186));
        var majors = scale.Ticks().Where(t => t.Major).Select(t => t.Label).ToList();
        Assert.That(majors, Is.EqualTo(new[] { "0.00", "0.05", "0.10", "0.15", "0.20" }));
        Assert.That(scale.Ticks().Count(t => !t.Major), Is.EqualTo(16)); // four minors between each pair of majors
    }

    [TestCase(0.3, 0.5)]
    [TestCase(1.7, 2)]
    [TestCase(3.1, 5)]
    [TestCase(7, 10)]
    [TestCase(0.0009, 0.001)]
    public void NiceStep_RoundsUpToOneTwoFive(double rough, double nice)
    {
        Assert.That(LinearScale.NiceStep(rough), Is.EqualTo(nice).Within(1e-12));
    }

    [Test]
    public void LinearScale_WidensAFlatRange()
    {
        var scale = LinearScale.Nice(5, 5);
        Assert.That(scale.Max, Is.GreaterThan(scale.Min));
    }
}

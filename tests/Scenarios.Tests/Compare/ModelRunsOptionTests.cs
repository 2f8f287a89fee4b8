using GossipSim.Scenarios.Compare;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Tests.Compare;

public class ModelRunsOptionTests
{
    // --null-runs as asked, with --calibrate or not, at α: the runs the Monte Carlo test gets (of the calibrated model, or of the
    // simulator's model as the comparison gives it).
    [TestCase(null, false, 0.01, 99)]
    [TestCase(19, false, 0.05, 19)]
    [TestCase(null, false, 0.002, 499)]
    [TestCase(null, true, 0.01, 99)]
    [TestCase(null, true, 0.05, 99)]
    [TestCase(19, true, 0.05, 19)]
    [TestCase(200, true, 0.01, 200)]
    [TestCase(null, true, 0.002, 499)]   // the default raised to what α needs, with a line saying so
    public void ModelRunsOf_GivesEnoughRunsToReject(int? asked, bool calibrate, double alpha, int expected)
    {
        var said = new List<string>();
        Assert.That(CompareCommand.ModelRunsOf(asked, calibrate, alpha, said.Add), Is.EqualTo(expected));
        Assert.That(said, asked == null && expected > CompareCommand.DefaultModelRuns ? Has.Count.EqualTo(1) : Is.Empty);
    }

    [TestCase(50, false, 0.01, "--null-runs 50: at α = 0.01 the Monte Carlo test needs at least 99 runs")]
    [TestCase(50, true, 0.01, "--null-runs 50: at α = 0.01 the Monte Carlo test needs at least 99 runs")]
    [TestCase(18, true, 0.05, "--null-runs 18: at α = 0.05 the Monte Carlo test needs at least 19 runs")]
    public void ModelRunsOf_RefusesWhatCannotReject(int asked, bool calibrate, double alpha, string message)
    {
        var ex = Assert.Throws<ScenarioException>(() => CompareCommand.ModelRunsOf(asked, calibrate, alpha, _ => { }));
        Assert.That(ex!.Message, Does.StartWith(message));
    }
}

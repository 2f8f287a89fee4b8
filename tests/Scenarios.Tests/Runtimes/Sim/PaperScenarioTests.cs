using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>
/// The papers' scenarios (Scenarios/scenarios/papers/) reproduce their papers' figures on the simulator: each expected figure is a
/// check of the run, and every check passes. swim-load-100k (two minutes) is left to the command line; its 1,000-peer twin runs here.
/// </summary>
public class PaperScenarioTests : RunFolder
{
    [TestCase("papers/swim-first-detection.json")]
    [TestCase("papers/swim-first-detection-early.json")]
    [TestCase("papers/swim-load-1k.json")]
    [TestCase("papers/plumtree-stable.json")]
    [TestCase("papers/plumtree-failures.json")]
    [TestCase("papers/plumtree-mass-failure.json")]
    [TestCase("papers/hyparview-mass-failure.json")]
    [TestCase("papers/hyparview-mass-failure-70.json")]
    public void APaperScenario_ReproducesItsExpectedFigures_AndPassesItsChecks(string name)
    {
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve(name));
        Assert.That(s.Expected, Is.Not.Null.And.Not.Empty, "a paper's scenario states the figures it expects");
        var r = RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = false }, Dir, _ => { });
        var checks = r.Summary.Checks!;
        var expected = checks.Where(c => c.Name.StartsWith("expected ", StringComparison.Ordinal)).ToList();
        Assert.That(expected, Has.Count.EqualTo(s.Expected!.Count), "one check a figure");
        foreach (var c in checks.Where(c => c.Verdict == CheckVerdict.Failed)) Assert.Fail(c.Line());
        Assert.That(expected.All(c => c.Verdict == CheckVerdict.Passed), Is.True, string.Join("; ", expected.Select(c => c.Line())));
    }

    [Test]
    public void AnExpectedFigure_TheRunMisses_FailsWithTheMeasuredValue()
    {
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve("crash-hub.json"));
        s.Runtime = "sim";
        s.Expected = [new ExpectedFigureSpec { Figure = "gossip.redundancy", Value = 0, Within = 0.1, Source = "a tree's figure, on a flood" },
            new ExpectedFigureSpec { Figure = "gossip.noSuchFigure", Value = 1, Within = 0, Source = "nowhere" }];
        var r = RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = false }, Dir, _ => { });
        var redundancy = r.Summary.Checks!.Single(c => c.Name == "expected gossip.redundancy");
        Assert.That(redundancy.Verdict, Is.EqualTo(CheckVerdict.Failed));
        Assert.That(redundancy.Line(), Does.Contain("measured 3.7").And.Contain("a tree's figure, on a flood"));
        var missing = r.Summary.Checks!.Single(c => c.Name == "expected gossip.noSuchFigure");
        Assert.That(missing.Verdict, Is.EqualTo(CheckVerdict.NotExercised), "a figure the run does not have is not a pass");
    }
}

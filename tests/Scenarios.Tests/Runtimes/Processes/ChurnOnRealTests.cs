using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>
/// A scenario's churn runs on the simulator only: every real runtime refuses it in one line naming
/// the field, before a node starts, however the run came there (the file, --runtime, compare).
/// </summary>
public class ChurnOnRealTests : RunFolder
{
    [TestCase("real")]
    [TestCase("netns")]
    public void ChurnWithARealRuntimeOnTheCommandLine_IsRefused_NamingTheField(string runtime)
    {
        string outDir = Path.Combine(Dir, "out");
        var (code, _, err) = ScenariosCommand.Run("sim-churn.json", "--runtime", runtime, "--out", outDir);
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1), err);
        Assert.That(err, Does.Contain($"sim-churn.json (with --runtime {runtime}): field churn: expected {ScenarioLoader.ChurnNeeds}"));
        Assert.That(Directory.Exists(outDir), Is.False, "nothing is written");
    }

    [Test]
    public void ChurnReachingTheLoopbackRunner_IsRefusedBeforeANodeStarts()
    {
        // compare hands its real side to the runner directly, past the command line's check.
        var scenario = ScenarioLoader.Load(ScenarioLoader.Resolve("sim-churn.json"));
        scenario.Runtime = "real";
        var refusal = Assert.Throws<ScenarioException>(() => RunDoor.Run(scenario, new RunOptions { Quiet = true }, Dir, _ => { }))!;
        Assert.That(refusal.Message, Is.EqualTo($"sim-churn: field churn: real nodes do not run it: expected {ScenarioLoader.ChurnNeeds}"));
        Assert.That(Directory.Exists(Path.Combine(Dir, "nodes")), Is.False, "no node was started");
    }
}

using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>A loopback run cannot delay messages, and says so once at the start instead of ignoring the scenario's latency silently.</summary>
public class LoopbackLatencyLineTests : RunFolder
{
    [Test]
    public void ALoopbackRun_SaysInOneLineAtTheStartThatTheScenariosLatencyIsNotApplied()
    {
        var s = new Scenario
        {
            Name = "loopback-latency", Seed = 3, Seeds = 1, Peers = 2, JoinWindowSeconds = 0.5, DurationSeconds = 2, RealStartupSeconds = 1,
            RealHosting = "in-process",
            Network = { Latency = new LatencySpec { Model = "constant", Ms = 40 } },
        };
        ScenarioLoader.Validate(s, s.Name!);
        var lines = new List<string>();
        RunDoor.Run(RunPlan.Of(s, new RunOptions { Quiet = true }, Dir, RuntimeDrivers.Of("real")), lines.Add);

        Assert.That(lines.Where(l => l.Contains("network.latency")), Is.EqualTo(new[]
        {
            "loopback: network.latency (constant 40 ms) is not applied here; messages take loopback TCP's own time plus the nodes' work (runtime \"netns\" applies it)",
        }));
        Assert.That(lines.IndexOf(RealRunner.LatencyNotAppliedLine(s, "loopback", "loopback TCP's own time plus the nodes' work")), Is.LessThan(lines.FindIndex(l => l.StartsWith("running "))), "said before the run starts");
    }

    [Test]
    public void AWanScenarioOnLoopback_IsSaidInTheSameOneLine_AndPlacesNoNode()
    {
        var s = new Scenario
        {
            Name = "loopback-wan", Seed = 3, Seeds = 1, Peers = 2, JoinWindowSeconds = 0.5, DurationSeconds = 2, RealStartupSeconds = 1,
            RealHosting = "in-process",
            Network = { Latency = new LatencySpec { Model = "wan", SeedCountries = ["DE"] } },
        };
        ScenarioLoader.Validate(s, s.Name!);
        var lines = new List<string>();
        var result = RunDoor.Run(RunPlan.Of(s, new RunOptions { Quiet = true }, Dir, RuntimeDrivers.Of("real")), lines.Add);

        Assert.That(lines.Where(l => l.Contains("network.latency")), Is.EqualTo(new[]
        {
            RealRunner.LatencyNotAppliedLine(s, "loopback", "loopback TCP's own time plus the nodes' work"),
        }));
        Assert.That(lines.Single(l => l.Contains("network.latency")), Does.StartWith("loopback: network.latency (wan: round trips measured"));
        Assert.That(result.Summary.Wan, Is.Null, "loopback applied no country's delay: the summary places no node");
    }
}

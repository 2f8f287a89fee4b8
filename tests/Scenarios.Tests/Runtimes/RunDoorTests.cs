using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes;

/// <summary>
/// Every run goes through one door: the runtime named by one table, the plan (seed, refusal) decided once before anything runs,
/// and the results folder held for every runtime, the simulator's included.
/// </summary>
public class RunDoorTests : RunFolder
{
    private static Scenario Load(string name) => ScenarioLoader.Load(ScenarioLoader.Resolve(name));

    [Test]
    public void EveryRuntimeTheLoaderAccepts_HasOneDriver_UnderItsOwnName()
    {
        string[] loaderNames = ["sim", "real", "netns", "docker"];
        Assert.That(RuntimeDrivers.Names, Is.EqualTo(loaderNames));
        foreach (string name in loaderNames) Assert.That(RuntimeDrivers.Of(name).Name, Is.EqualTo(name));
        Assert.That(RuntimeDrivers.Of("sim").Simulates, Is.True);
        Assert.That(loaderNames.Skip(1).Select(n => RuntimeDrivers.Of(n).Simulates), Is.All.False);
    }

    [Test]
    public void ThePlan_DecidesTheSeed_FromTheCommandLineElseTheScenario()
    {
        var s = Load("sim-loss.json");
        Assert.That(RuntimeDrivers.Plan(s, new RunOptions { SeedOverride = 9 }, Dir).Seed, Is.EqualTo(9UL));
        Assert.That(RuntimeDrivers.Plan(s, new RunOptions(), Dir).Seed, Is.EqualTo(s.Seed));
    }

    [Test]
    public void ThePlan_AppliesTheCommandLine_AndChecksTheScenarioAgain()
    {
        var plan = RuntimeDrivers.Plan(Load("sim-loss.json"), new RunOptions { PeersOverride = 70, RuntimeOverride = "real" }, Dir,
            "sim-loss.json");
        Assert.That((plan.Scenario.Peers, plan.Driver.Name), Is.EqualTo((70, "real")));
        var refusal = Assert.Throws<ScenarioException>(() =>
            RuntimeDrivers.Plan(Load("sim-churn.json"), new RunOptions { RuntimeOverride = "real" }, Dir, "sim-churn.json"))!;
        Assert.That(refusal.Message, Does.Contain($"sim-churn.json (with --runtime real): field churn: expected {ScenarioLoader.ChurnNeeds}"));
    }

    [Test]
    public void ASimulatedRun_IsRefusedAFolderAnotherRunHolds_BeforeItRuns()
    {
        RunFolderLock OtherRun()
        {
            // Another run's flow: not this test's, so the door does not see the folder as its own.
            using (ExecutionContext.SuppressFlow()) return Task.Run(() => RunFolderLock.Take(Dir)).Result;
        }

        using (OtherRun())
        {
            var refusal = Assert.Throws<ScenarioException>(() =>
                RunDoor.Run(Load("sim-loss.json"), new RunOptions { Quiet = true, Logs = false, TraceFile = false }, Dir, _ => { }))!;
            Assert.That(refusal.Message, Does.Contain("is in use by another run"));
        }
        Assert.That(Directory.GetFiles(Dir), Is.Empty, "nothing was run into it");
    }
}

using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;
using GossipSim.Simulator.Tests.Ranks;

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
    public void TheTableOfDrivers_AnswersToTheNamesTheLoaderChecks_InTheirOrder()
    {
        Assert.That(RuntimeDrivers.Names, Is.EqualTo(RuntimeNames.All));
        Assert.That(RuntimeNames.Listed, Is.EqualTo("\"sim\", \"real\", \"netns\" or \"docker\""));
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

    [TestCase(3, 8, 1, 3, TestName = "--threads is taken as asked")]
    [TestCase(3, 8, 4, 3, TestName = "--threads is taken as asked, whatever the ranks")]
    [TestCase(null, 8, 1, 8, TestName = "one process: a thread a core")]
    [TestCase(null, 8, 3, 2, TestName = "three ranks on the machine: each a third of its cores")]
    [TestCase(null, 2, 4, 1, TestName = "more ranks than cores: one thread each")]
    public void ThePlan_DecidesTheSimulatorsThreads(int? asked, int cores, int ranksOnThisMachine, int threads) =>
        Assert.That(RunPlan.ThreadsOf(asked, cores, ranksOnThisMachine), Is.EqualTo(threads));

    [Test]
    public void ThePlan_CarriesTheThreadsAsked_AndOneProcessHoldsItsFolder()
    {
        var plan = RuntimeDrivers.Plan(Load("sim-loss.json"), new RunOptions { Threads = 3 }, Dir);
        Assert.That((plan.Threads, plan.Ranks, plan.HoldsFolder), Is.EqualTo((3, (Simulator.Ranks.IRankExchange?)null, true)));
    }

    [Test]
    public void ThePlanOfEachRank_CarriesItsRanks_AndOnlyRankZeroHoldsTheFolder()
    {
        var held = ThreadRanks.Run(2, ranks =>
        {
            var plan = RuntimeDrivers.Plan(Load("sim-loss.json"), new RunOptions { Ranks = ranks }, Dir);
            Assert.That(plan.Ranks, Is.SameAs(ranks));
            return plan.HoldsFolder;
        });
        Assert.That(held, Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public void ALiveRunOnRanks_IsRefusedByThePlan_BeforeAnythingRuns()
    {
        var refusals = ThreadRanks.Run(2, ranks => Assert.Throws<RunFailedException>(() =>
            RuntimeDrivers.Plan(Load("sim-loss.json"), new RunOptions { Ranks = ranks, Live = new LiveSimulation() }, Dir))!.Message);
        Assert.That(refusals, Is.All.EqualTo("a live run (the dashboard) runs on one process: leave out mpirun, or --live"));
        Assert.That(Directory.GetFiles(Dir), Is.Empty, "nothing was run into the folder");
    }

    /// <summary>Memory that runs out inside a peer's role is out of memory, said as such, not the role's fault (a role's failure
    /// would name .NET's exception type); any other exception a role throws is the role's.</summary>
    [Test]
    public void MemoryRunningOut_IsFoundHoweverItIsWrapped_AndNothingElseIs()
    {
        var at = Engine.Vocabulary.NodeAddress.Parse("10.0.0.1:7000");
        Exception RoleThrew(Exception e) => new Engine.Roles.RoleFailedException("overlay \"seed-pa\"", at, TimeSpan.FromSeconds(1), "joining", e);
        Assert.Multiple(() =>
        {
            Assert.That(RunDoor.RanOutOfMemory(new OutOfMemoryException()), Is.True);
            Assert.That(RunDoor.RanOutOfMemory(RoleThrew(new OutOfMemoryException())), Is.True);
            Assert.That(RunDoor.RanOutOfMemory(new AggregateException(new InvalidOperationException(), RoleThrew(new OutOfMemoryException()))), Is.True);
            Assert.That(RunDoor.RanOutOfMemory(RoleThrew(new InvalidOperationException("bad"))), Is.False);
            Assert.That(RunDoor.RanOutOfMemory(new AggregateException(new InvalidOperationException())), Is.False);
        });
    }

    /// <summary>A role's failure is said in words: memory running out is not given .NET's name for it (a real node stops with this
    /// line).</summary>
    [Test]
    public void ARolesFailure_SaysMemoryRanOut_WithoutDotNetsName()
    {
        var at = Engine.Vocabulary.NodeAddress.Parse("10.0.0.1:7000");
        var failure = new Engine.Roles.RoleFailedException("overlay \"seed-pa\"", at, TimeSpan.FromSeconds(1), "joining", new OutOfMemoryException());
        Assert.That(failure.Message, Does.Contain("ran out of memory").And.Not.Contain("System."));
        var other = new Engine.Roles.RoleFailedException("overlay \"seed-pa\"", at, TimeSpan.FromSeconds(1), "joining", new InvalidOperationException("bad view"));
        Assert.That(other.Message, Does.EndWith("(joining): bad view"));
    }
}

using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Run.Faults;

/// <summary>
/// One scenario, one seed, three runtimes: a random-peers crash takes the same peers (by index)
/// on the simulator, with nodes hosted in this process, and with a process per node.
/// </summary>
public class SameVictimsTests : RunFolder
{
    /// <summary>3 seeds and 12 peers joining within 2 s; 3 random peers crashed at 4 s, when all have started; 7 s in all.</summary>
    private static Scenario RandomCrash(string hosting) => new()
    {
        Name = "random-crash",
        Seed = 11,
        Seeds = 3,
        Peers = 12,
        JoinWindowSeconds = 2,
        DurationSeconds = 7,
        DrainSeconds = 1,
        RealStartupSeconds = 1,
        RealHosting = hosting,
        Gossip = new GossipSettings { ["intervalSeconds"] = 1, ["messagesPerPeer"] = 2 },
        PeerSettings = new PeerSettings { ["linksPerNewcomer"] = 3, ["pingIntervalSeconds"] = 1, ["registerTimeoutSeconds"] = 2, ["linkTimeoutSeconds"] = 1 },
        Network = new NetworkSettings { Latency = new LatencySpec { Model = "constant", Ms = 1 } },
        Faults = { new FaultSpec { At = 4, Action = "crash", Target = "random-peers", Count = 3 } },
    };

    private RunResult Run(string runtime, string hosting)
    {
        var s = RandomCrash(hosting);
        ScenarioLoader.Validate(s, s.Name!);
        var options = new RunOptions { Quiet = true, TraceFile = true, Logs = false };
        string outDir = Path.Combine(Dir, runtime + "-" + hosting);
        return RunDoor.Run(RunPlan.Of(s, options, outDir, RuntimeDrivers.Of(runtime)),
            runtime == "sim" ? _ => { } : TestContext.Progress.WriteLine);
    }

    private static IReadOnlyList<string> Victims(RunResult r) => (IReadOnlyList<string>)r.Summary.Extra!["victims"];

    [Test]
    public void ARandomPeersCrash_TakesTheSamePeers_OnTheSimulator_InProcess_AndOnProcesses()
    {
        var sim = Victims(Run("sim", "processes"));
        Assert.That(sim, Has.Count.EqualTo(3).And.All.StartWith("peer:"));
        Assert.That(Victims(Run("real", "in-process")), Is.EqualTo(sim), "in-process hosting");
        Assert.That(Victims(Run("real", "processes")), Is.EqualTo(sim), "a process per node");
    }
}

using GossipSim.Engine.Trace;
using GossipSim.Analysis.Fitting;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>Nodes hosted in this process restart like node processes do, and take the manager's typed commands.</summary>
public class InProcessControlTests : RunFolder
{
    [Test]
    public void ACrashedPeer_IsRestartedOnItsAddress_AndTheManagerKillsRestartsAndRefusesPartitionInOneLine()
    {
        var s = new Scenario
        {
            Name = "inproc-restart", Seed = 5, Seeds = 3, Peers = 6, JoinWindowSeconds = 1, DurationSeconds = 6, RealStartupSeconds = 1,
            RealHosting = "in-process",
            Gossip = new GossipSettings { ["intervalSeconds"] = 1, ["messagesPerPeer"] = 2 },
            PeerSettings = new PeerSettings { ["linksPerNewcomer"] = 2, ["pingIntervalSeconds"] = 1, ["registerTimeoutSeconds"] = 2, ["linkTimeoutSeconds"] = 1 },
            Faults =
            {
                new FaultSpec { At = 2, Action = "crash", Target = "peer", Index = 1 },
                new FaultSpec { At = 3, Action = "restart", Target = "crashed" },
                new FaultSpec { At = 3, Action = "partition", Groups = new() { new() { "seeds" } } },
            },
        };
        ScenarioLoader.Validate(s, s.Name!);
        Task<RunAnswer[]>? manager = null;
        var options = new RunOptions
        {
            Quiet = true,
            TraceFile = true,
            OnRealRunStarted = run => manager = Task.Run(async () => new[]
            {
                await run.PartitionAsync(new[] { new[] { "seeds" } }, oneWay: false),
                await run.KillAsync(NodeTarget.Of(NodeRef.Seed(2))),
                await run.RestartAsync(NodeTarget.Of(NodeRef.Seed(2))),
                await run.ListAsync(),
            }),
        };
        var result = RunDoor.Run(RunPlan.Of(s, options, Dir, RuntimeDrivers.Of("real")), TestContext.Progress.WriteLine);

        var answers = manager!.GetAwaiter().GetResult();
        Assert.That(answers[0].Done, Is.False);
        Assert.That(answers[0].Lines, Has.Count.EqualTo(1).And.Some.StartsWith("partition needs control of the network"));
        Assert.That((answers[1].Done, answers[2].Done), Is.EqualTo((true, true)), string.Join(" / ", answers.SelectMany(a => a.Lines)));
        Assert.That(answers[3].Nodes.Single(n => n.Node == NodeRef.Seed(2)).Up, Is.True, "the restarted seed is listed up");
        Assert.That(result.Summary.Extra!["faultsNotApplied"], Is.EqualTo(new[] { "fault at 3 s: partition [seeds]" }));

        var trace = TraceSamples.Events(Analysis.Trace.TraceFile.Require(Dir)).ToList();
        var peer1 = trace.Single(e => e.Kind == TraceKind.CrashInjected && e.Detail == "peer").Node;
        Assert.That(trace.Count(e => e.Kind == TraceKind.NodeStarted && e.Node == peer1), Is.EqualTo(2), "peer 1 started again on its address");
        Assert.That(trace.Any(e => e.Kind == TraceKind.Restarted && e.Node == peer1), Is.True);
        Assert.That(trace.Count(e => e.Kind == TraceKind.Restarted && e.Detail == "seed"), Is.EqualTo(1), "the manager's restart of seed 2");
    }
}

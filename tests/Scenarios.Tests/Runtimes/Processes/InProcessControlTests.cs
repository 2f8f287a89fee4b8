using GossipSim.Analysis.Checks;
using GossipSim.TestSupport;
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

    /// <summary>Issue 56, 2, through the manager: a seed added and then one removed by the seeds' vote on in-process nodes, each change
    /// signed with the run's operator key, while the peers gossip.</summary>
    [Test]
    public void TheManager_AddsASeedAndRemovesAnother_ByTheSeedsVote()
    {
        var (result, answers, trace) = ManagerSeedSetRun.Run("inproc-seed-set", RuntimeNames.Real, "in-process", peers: 6, Dir,
            new ChangeSeedSet(SeedSetChangeKind.Remove, 7));
        Assert.That(answers[0].Done, Is.False);
        Assert.That(answers[0].Lines.Single(), Is.EqualTo("seed-set remove: no seed 7 (seeds 0 to 2)"));
        Assert.That(answers[1].Lines.Single(), Does.StartWith("seed-set add new seed #3: the seeds vote on it"));
        Assert.That(answers[2].Lines.Single(), Does.StartWith("seed-set remove seed #0: the seeds vote on it"));
        // Every check passes but "crashed peers removed in time", which has no crash to judge here.
        Assert.That(ChecksSaid.NotHeld(result.Summary, TraceChecks.CrashedRemoved), Is.Empty, ChecksSaid.Of(result.Summary));

        var seeds = trace.Where(e => e.Kind == TraceKind.NodeStarted && e.Detail == "seed").Select(e => e.Node).Distinct().ToList();
        Assert.That(seeds, Has.Count.EqualTo(4), "the new seed started");
        var held = trace.Where(e => e.Kind == TraceKind.SeedSetChanged).GroupBy(e => e.Node).ToDictionary(g => g.Key, g => g.Max(e => e.A));
        Assert.That(held.Values.Count(v => v == 4), Is.GreaterThanOrEqualTo(3), "the three seeds of the final set hold version 4");
    }
}

using System.Text.Json.Nodes;
using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Summary;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Compare;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>
/// Rumour mongering (Protocols/, registered by the scenario runner at load) on the simulator: crash-hub under it runs to the same
/// trace on one and two threads, and the run's own checks catch what it loses (its residue); a scenario naming a broadcast that is
/// not on the menu is refused with the menu's names; Demers et al.'s figures are read from a trace as the paper defines them.
/// </summary>
public class RumourSimTests : RunFolder
{
    [Test]
    public void CrashHubUnderRumour_RunsToTheSameTrace_OnOneAndTwoThreads_AndItsChecksNameWhatItLost()
    {
        var summaries = new[] { 1, 2 }.Select(threads =>
        {
            var s = ScenarioLoader.Load(ScenarioLoader.Resolve("crash-hub-rumour.json"));
            s.Runtime = "sim";
            return RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = false, Threads = threads },
                Path.Combine(Dir, $"t{threads}"), _ => { }).Summary;
        }).ToArray();
        Assert.That(summaries[1].TraceHash, Is.EqualTo(summaries[0].TraceHash).And.Not.Null);

        var checks = summaries[0].Checks!;
        var delivery = checks.Single(c => c.Name == TraceChecks.NewGossipReachesAll);
        Assert.That(delivery.Verdict, Is.EqualTo(CheckVerdict.Failed), "rumour mongering leaves a residue, and the check sees it");
        Assert.That(delivery.Line(), Does.Contain("first violation"));
        Assert.That(checks.Where(c => c != delivery).Select(c => c.Verdict), Is.All.EqualTo(CheckVerdict.Passed),
            "membership, safety and bounds hold under any broadcast");
    }

    [Test]
    public void AScenarioNamingAnUnknownBroadcast_IsRefused_WithTheMenusNames()
    {
        var json = JsonNode.Parse(File.ReadAllText(ScenarioLoader.Resolve("crash-hub-rumour.json")))!;
        json["protocol"] = new JsonObject { ["broadcast"] = "gossipsub" };
        string path = Path.Combine(Dir, "unknown-broadcast.json");
        File.WriteAllText(path, json.ToJsonString());
        var (code, _, err) = ScenariosCommand.Run(path, "--runtime", "sim", "--out", Path.Combine(Dir, "out"), "--quiet");
        Assert.That(code, Is.EqualTo(Engine.Core.ExitCodes.BadInput));
        // The menu's names in order: the engine's, the shipped samples', then any a test of this process registered (RoleBoundsTests).
        Assert.That(err, Does.Contain("protocol.broadcast").And.Contain("expected one of \"flood\", \"plumtree\", \"rumour\"")
            .And.Contain("got \"gossipsub\""));
    }

    [Test]
    public void RumourFigures_ReadResidueTrafficAndCyclesFromATrace()
    {
        var origin = new NodeAddress(1, 1);
        var id = new MessageId(origin, 1);
        var created = TimeSpan.FromSeconds(100);
        TraceEvent Delivered(double afterSeconds) => new(created + TimeSpan.FromSeconds(afterSeconds), TraceKind.GossipDelivered,
            new NodeAddress(2, 2), origin, id, A: 1, B: created.Ticks);
        var trace = new[]
        {
            new TraceEvent(created, TraceKind.GossipCreated, origin, Message: id),
            Delivered(1.003), Delivered(2.004), Delivered(2.009), Delivered(3.01),
            new TraceEvent(created + TimeSpan.FromSeconds(60), TraceKind.GossipCounters, origin, A: 0, B: 6),
            new TraceEvent(created + TimeSpan.FromSeconds(60), TraceKind.GossipCounters, new NodeAddress(2, 2), A: 9, B: 4),
        };
        var figures = RumourFigures.Of(trace, sites: 10, cycle: TimeSpan.FromSeconds(1));
        var r = figures.Rumours.Single();
        Assert.That(r.Residue, Is.EqualTo(0.5), "5 of 10 sites have it (the origin and four receipts)");
        Assert.That(r.TAve, Is.EqualTo(2.0), "cycles 1, 2, 2 and 3");
        Assert.That(r.TLast, Is.EqualTo(3));
        Assert.That(figures.Traffic, Is.EqualTo(1.0), "10 pushes over 10 sites and one rumour");
    }
}

using GossipSim.TestSupport;
using GossipSim.Analysis.Summary;
using GossipSim.Analysis.Trace;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Runtimes.Sim;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>
/// Issue 56, 2, as a scenario on real node processes on loopback (the shipped seed-set.json): the launcher makes the run's operator
/// key and pins it in the seed list, starts each new seed with --joining, signs each change and hands it to a seed of the set in
/// force in its state directory, and reads the set from the seeds' state. A seed is voted in, a crashed one replaced while the hub
/// is killed, one voted out and stopped: every check holds. About 75 s.
/// </summary>
public class SeedSetOnRealTests : RunFolder
{
    [Test]
    public void TheSeedSetScenario_OnLoopbackProcesses_AddsReplacesAndRemovesSeeds_AndPassesEveryCheck()
    {
        var s = ScenarioLoader.Load(Path.Combine(GoldenTraceHashTests.ScenariosFolder(), "seed-set.json"));
        var r = RunDoor.Run(s, new RunOptions { Quiet = true, TraceFile = true, Logs = false }, Dir, TestContext.Progress.WriteLine);
        AddedReplacedAndRemovedSeeds_AndPassedEveryCheck(r, Dir);
    }

    /// <summary>What a run of seed-set.json shows on any real runtime: every check passed, five seeds started, seed 0 crashed and
    /// one voted out and stopped, and the three seeds up at the end hold the final set (version 6).</summary>
    internal static void AddedReplacedAndRemovedSeeds_AndPassedEveryCheck(RunResult r, string dir)
    {
        Assert.That(ChecksSaid.NotHeld(r.Summary), Is.Empty, ChecksSaid.Of(r.Summary));
        var trace = TraceFile.Read(Path.Combine(dir, "trace.jsonl.gz")).ToList();
        // The checks above hold every message created after the heal to every live peer. Before it, with 12 peers, a peer whose
        // links all went to the hub misses what is created until it links again (one run under load 32 delivered 0.95 overall;
        // nine others 1.00000): overall, most is delivered, and a shortfall says which peers missed what, created when.
        Assert.That(r.Summary.Gossip.DeliveryRatio, Is.GreaterThan(0.9), () => Misses(trace));
        // Seed 1 was voted out, then stopped cleanly by the launcher (its operator); seed 0 and the hub were crashed.
        var end = trace.First(e => e.Kind == TraceKind.RunEnded).Time;
        var seeds = trace.Where(e => e.Kind == TraceKind.NodeStarted && e.Detail == "seed").Select(e => e.Node).ToHashSet();
        var crashed = trace.Where(e => e.Kind == TraceKind.CrashInjected && e.Detail == "seed").Select(e => e.Node).ToHashSet();
        var stopped = trace.Where(e => e.Kind == TraceKind.NodeStopped && e.Time < end && seeds.Contains(e.Node)).Select(e => e.Node).ToHashSet();
        Assert.That(seeds, Has.Count.EqualTo(5), "3 seeds and the 2 the changes started");
        Assert.That(crashed, Has.Count.EqualTo(1), "seed 0 crashed");
        Assert.That(stopped, Has.Count.EqualTo(1), "one seed (voted out) stopped before the end");
        Assert.That(r.Summary.Failures.Count(f => f.Role == "peer"), Is.EqualTo(1), "the hub was killed");
        // Three changes, two steps each: the three seeds up at the end hold version 6, the two new ones among them.
        var newest = trace.Where(e => e.Kind == TraceKind.SeedSetChanged).GroupBy(e => e.Node).ToDictionary(g => g.Key, g => g.Max(e => e.A));
        TestContext.Out.WriteLine(string.Join("; ", newest.Select(p => $"{p.Key}: version {p.Value}")));
        var up = seeds.Except(crashed).Except(stopped).ToList();
        Assert.That(up.Select(a => newest.GetValueOrDefault(a)), Is.EqualTo(new[] { 6L, 6L, 6L }), "the seeds up at the end hold version 6");
    }

    /// <summary>For a failure: which peers missed messages, how many, and when those were created (seconds of the trace).</summary>
    private static string Misses(List<TraceEvent> trace)
    {
        var t0 = trace[0].Time;
        var delivered = trace.Where(e => e.Kind == TraceKind.GossipDelivered).Select(e => (e.Node, e.Message)).ToHashSet();
        var peers = trace.Where(e => e.Kind == TraceKind.NodeStarted && e.Detail != "seed").Select(e => e.Node).Distinct().ToList();
        var gone = trace.Where(e => e.Kind is TraceKind.CrashInjected or TraceKind.NodeStopped).GroupBy(e => e.Node)
            .ToDictionary(g => g.Key, g => g.Min(e => e.Time));
        var lines = peers.Select(p => (p, missed: trace.Where(e => e.Kind == TraceKind.GossipCreated && e.Node != p
                && e.Time < gone.GetValueOrDefault(p, TimeSpan.MaxValue) && !delivered.Contains((p, e.Message))).Select(e => (e.Time - t0).TotalSeconds).ToList()))
            .Where(x => x.missed.Count > 0)
            .Select(x => $"{x.p} missed {x.missed.Count} created {x.missed.Min():F1}-{x.missed.Max():F1} s");
        return "misses by peer: " + string.Join("; ", lines);
    }
}

using GossipSim.Analysis.Summary;
using GossipSim.Engine.Config;
using GossipSim.Scenarios.Compare;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Support;

/// <summary>The headline scenario under a chosen protocol, on the simulator (compared) or on loopback processes, every check held.</summary>
public static class CrashHubUnder
{
    /// <summary>crash-hub as shipped (real processes), under the protocol.</summary>
    private static Scenario Scenario(BroadcastProtocol broadcast, FailureDetector detector, Overlay overlay)
    {
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve("crash-hub.json"));
        s.Protocol["broadcast"] = (double)broadcast;
        s.Protocol["failureDetector"] = (double)detector;
        s.Protocol["overlay"] = (double)overlay;
        return s;
    }

    /// <summary>crash-hub as a simulator run under the protocol.</summary>
    public static Scenario OnTheSimulator(BroadcastProtocol broadcast, FailureDetector detector, Overlay overlay = Overlay.SeedPa)
    {
        var s = Scenario(broadcast, detector, overlay);
        s.Runtime = "sim";
        return s;
    }

    /// <summary>compare-protocols on crash-hub (seed 42) for <paramref name="protocols"/>: every run passed every check and
    /// delivered every message.</summary>
    public static ProtocolComparison Compared(string dir, params string[] protocols)
    {
        var report = CompareProtocolsCommand.Compare(ScenarioLoader.Load(ScenarioLoader.Resolve("crash-hub.json")),
            ScenarioLoader.Resolve("crash-hub.json"), protocols, 42, dir, quiet: true, _ => { });
        foreach (var r in report.Runs)
        {
            Assert.That(r.Checks.AllPassed, Is.True, $"{r.Protocol}: {r.Checks.Sentence()}");
            Assert.That(r.DeliveryRatio, Is.EqualTo(1.0), r.Protocol);
        }
        return report;
    }

    /// <summary>crash-hub on real node processes on loopback under the protocol: the hub killed, every check passed, every
    /// message delivered.</summary>
    public static RunSummary OnLoopback(string dir, BroadcastProtocol broadcast, FailureDetector detector, Overlay overlay = Overlay.SeedPa)
    {
        var s = Scenario(broadcast, detector, overlay);
        // On a loaded machine the hub's crash waits for every peer to link (a CI run saw it 24 s late), and crash-hub's 30 messages
        // can end before the heal settles, leaving the delivery check nothing to check; SWIM's removal bound (18.5 s here, against
        // the classic's 8.5) puts the settling later still. Fifteen messages more keep gossip flowing past it.
        s.Gossip["messagesPerPeer"] = 45;
        var r = RunDoor.Run(s, new RunOptions { Quiet = true, TraceFile = true, Logs = false }, dir, TestContext.Progress.WriteLine);
        var checks = r.Summary.CheckCounts!;
        Assert.That(checks.AllPassed, Is.True, checks.Sentence() + ": " + string.Join("; ",
            r.Summary.Checks!.Where(c => c.Verdict != Analysis.Summary.CheckVerdict.Passed).Select(c => $"{c.Name}: {c.Detail} {c.FirstViolation}")));
        Assert.That(r.Summary.Failures, Has.Count.EqualTo(1), "the hub was killed");
        // HyParView drops a link to make room for a JOIN or a walk's end: a peer left with none is cut off until its urgent request
        // is answered, and a flooded message created meanwhile misses it (twice in about 25,000 deliveries, on a loaded machine:
        // 0.9996 and 0.9997). The checks above hold every message after the heal to every live peer; overall a few may miss.
        Assert.That(r.Summary.Gossip.DeliveryRatio, overlay == Overlay.Hyparview ? Is.GreaterThan(0.999) : Is.EqualTo(1.0));
        return r.Summary;
    }
}

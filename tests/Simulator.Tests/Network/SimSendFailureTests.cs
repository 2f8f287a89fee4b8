using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Threads;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Ranks;
using GossipSim.Simulator.Tests.Ranks;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Tests.Network;

/// <summary>
/// What TCP tells a sender, the simulator tells too: a message that reaches a node that is down comes back as a report
/// (<see cref="Node.OnSendFailed"/>) after the smallest link delay, one per message, never for a live node, and the same on any
/// number of threads or ranks.
/// </summary>
public class SimSendFailureTests
{
    private static readonly NodeAddress DownAt = SendReportBed.TroubledAt;
    private static readonly NodeAddress LiveAt = SendReportBed.FineAt;

    private static long Ms(TimeSpan t) => SendReportBed.Ms(t);

    /// <summary>The sender's log (sends and reports) and the network's count of reports, with <paramref name="faults"/> scheduled on the
    /// network (node 0 the sender, 1 the one that goes down, 2 always up).</summary>
    private static (List<string> Log, long Reported) Run(Action<SimNetwork> faults, int threads = 1, IRankExchange? ranks = null)
    {
        var (log, net) = SendReportBed.Run(faults, TimeSpan.FromSeconds(3), threads, ranks);
        return (log, net.SendFailuresReported);
    }

    private static void CrashAt1050(SimNetwork net) => net.Schedule(TimeSpan.FromMilliseconds(1050), () => net.Crash(1));

    [Test]
    public void EachMessageToACrashedNode_IsReportedOnce_TwoLinkDelaysAfterItsSend_AndNoneToALiveNode()
    {
        var (log, reported) = Run(CrashAt1050);
        var sentAfterCrash = log.Where(l => l.EndsWith($"sent to {DownAt}")).Select(l => long.Parse(l.Split(' ')[0])).Where(t => t > 1050)
            .ToList();
        var failures = log.Where(l => l.Contains(" failed to ")).ToList();
        Assert.That(sentAfterCrash, Has.Count.EqualTo(10), "sends at 1.1 s ... 2.0 s");
        // There in 10 ms (the one delay), back in the smallest delay (10 ms too): no draw, so exactly two delays.
        Assert.That(failures, Is.EqualTo(sentAfterCrash.Select(t => $"{t + 20} failed to {DownAt}")));
        Assert.That(reported, Is.EqualTo(10));
    }

    [Test]
    public void WhileEveryNodeRuns_NoSendIsReported()
    {
        var (log, reported) = Run(_ => { });
        Assert.That(log.Count(l => l.Contains(" sent to ")), Is.EqualTo(40));
        Assert.That(log.Where(l => l.Contains(" failed to ")), Is.Empty);
        Assert.That(reported, Is.Zero);
    }

    [Test]
    public void ANodeThatRestarts_IsReportedOnlyWhileItIsDown()
    {
        var (log, _) = Run(net =>
        {
            CrashAt1050(net);
            net.Schedule(TimeSpan.FromMilliseconds(1450), () => net.Restart(1));
        });
        Assert.That(log.Where(l => l.Contains(" failed to ")), Is.EqualTo(new[] { $"1120 failed to {DownAt}", $"1220 failed to {DownAt}",
            $"1320 failed to {DownAt}", $"1420 failed to {DownAt}" }), "sends at 1.1-1.4 s reached it down; from 1.5 s it runs again");
    }

    [Test]
    public void ASenderThatRestartedSinceItsSend_IsNotToldOfWhatItsEarlierLifeSent()
    {
        // The send at 1.1 s comes back at 1.12 s; the sender crashed at 1.105 s and runs again from 1.115 s.
        var (log, _) = Run(net =>
        {
            CrashAt1050(net);
            net.Schedule(TimeSpan.FromMilliseconds(1105), () => net.Crash(0));
            net.Schedule(TimeSpan.FromMilliseconds(1115), () => net.Restart(0));
        });
        var failures = log.Where(l => l.Contains(" failed to ")).ToList();
        Assert.That(failures, Does.Not.Contain($"1120 failed to {DownAt}"), "the earlier life's send");
        Assert.That(failures, Has.Count.EqualTo(9), "the new life's own sends at 1.215 s ... 2.015 s, each reported");
        Assert.That(failures[0], Is.EqualTo($"1235 failed to {DownAt}"));
    }

    [Test]
    public void TheReports_AreTheSameOnThreadsAndOnRanks_AsOnOneThread()
    {
        var one = Run(CrashAt1050).Log;
        Assert.That(one.Count(l => l.Contains(" failed to ")), Is.EqualTo(10));
        Assert.That(Run(CrashAt1050, threads: 2).Log, Is.EqualTo(one), "3 partitions on 2 threads, side by side");
        var onRanks = ThreadRanks.Run(3, r => Run(CrashAt1050, ranks: r).Log);
        Assert.That(onRanks.Single(l => l.Count > 0), Is.EqualTo(one), "3 ranks: the sender's rank hears each report, at the same time");
    }
}

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
/// A message a partition drops comes back to its sender as a failed send (<see cref="Node.OnSendFailed"/>) after the transport's send
/// timeout (TCP's connect timeout, <see cref="TransportTimeouts.Connect"/>), one per message, never for a node on the sender's side of
/// the cut, and the same on any number of threads or ranks.
/// </summary>
public class SimSendTimeoutTests
{
    private static readonly NodeAddress CutOffAt = SendReportBed.TroubledAt;
    private static readonly NodeAddress SameSideAt = SendReportBed.FineAt;

    private static long Ms(TimeSpan t) => SendReportBed.Ms(t);
    private static readonly long TimeoutMs = Ms(TransportTimeouts.Connect);

    /// <summary>The sender's log and the network's count of timed-out sends, node 1 cut off from 0 and 2 from 1.05 s to 1.45 s (node 0
    /// the sender, 2 on its side), with <paramref name="more"/> scheduled too.</summary>
    private static (List<string> Log, long Reported) Run(int threads = 1, IRankExchange? ranks = null, Action<SimNetwork>? more = null)
    {
        var (log, net) = SendReportBed.Run(net =>
        {
            net.Schedule(TimeSpan.FromMilliseconds(1050), () => net.Partition(new Dictionary<int, int> { [1] = 1 }, "node 1 alone"));
            net.Schedule(TimeSpan.FromMilliseconds(1450), net.Heal);
            more?.Invoke(net);
        }, TimeSpan.FromSeconds(6), threads, ranks);
        return (log, net.SendTimeoutsReported);
    }

    [Test]
    public void EachMessageACutDrops_IsReportedOnce_TheConnectTimeoutAfterItsSend_AndNoneAcrossNoCut()
    {
        var (log, reported) = Run();
        var failures = log.Where(l => l.Contains(" failed to ")).ToList();
        // Sends at 1.1, 1.2, 1.3 and 1.4 s cross the cut; the one at 1.5 s goes after the heal.
        Assert.That(failures, Is.EqualTo(new long[] { 1100, 1200, 1300, 1400 }.Select(t => $"{t + TimeoutMs} failed to {CutOffAt}")));
        Assert.That(reported, Is.EqualTo(4));
    }

    [Test]
    public void ASenderThatRestartsBeforeTheTimeout_IsNotToldOfWhatItsEarlierLifeSent()
    {
        var (log, reported) = Run(more: net =>
        {
            net.Schedule(TimeSpan.FromMilliseconds(1250), () => net.Crash(0));
            net.Schedule(TimeSpan.FromMilliseconds(1260), () => net.Restart(0));
        });
        var failures = log.Where(l => l.Contains(" failed to ")).ToList();
        // The earlier life sent at 1.1 and 1.2 s; the new one starts its 100 ms rounds at 1.26 s: 1.36 s crosses the cut, 1.46 s not.
        Assert.That(failures, Is.EqualTo(new[] { $"{1360 + TimeoutMs} failed to {CutOffAt}" }));
        Assert.That(reported, Is.EqualTo(3), "three messages were dropped and reported; the earlier life's two are not delivered");
    }

    [Test]
    public void TheReports_AreTheSameOnThreadsAndOnRanks_AsOnOneThread()
    {
        var one = Run().Log;
        Assert.That(one.Count(l => l.Contains(" failed to ")), Is.EqualTo(4));
        Assert.That(Run(threads: 2).Log, Is.EqualTo(one), "3 partitions on 2 threads, side by side");
        var onRanks = ThreadRanks.Run(3, r => Run(ranks: r).Log);
        Assert.That(onRanks.Single(l => l.Count > 0), Is.EqualTo(one), "3 ranks: the sender's rank hears each report, at the same time");
    }

    [Test]
    public void TheSendTimeout_IsTheNetworksToSet_AndPositive()
    {
        var net = new SimNetwork(3, new ConstantLatency(10), NullTraceSink.Instance);
        Assert.That(net.SendTimeout, Is.EqualTo(TransportTimeouts.Connect));
        Assert.Throws<ArgumentOutOfRangeException>(() => net.SendTimeout = TimeSpan.Zero);
    }
}

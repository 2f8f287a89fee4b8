using System.Collections.Concurrent;
using GossipSim.Engine.Config;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Roles;

/// <summary>
/// A peer's roles hear what TCP would tell them: a send to a neighbour that crashed failed (<see cref="FailureDetectorRole.OnSendFailed"/>),
/// only for that neighbour, only after its crash, and the same on any number of threads.
/// </summary>
public class SendFailureTests : RunFolder
{
    private static FailureDetectorChoice Classic => FailureDetectorMenu.Choices[(int)FailureDetector.Classic];

    /// <summary>What every peer's detector heard, as "ms peer neighbour" lines (peers run on several threads: a concurrent bag).</summary>
    private static readonly ConcurrentBag<string> Heard = new();

    /// <summary>The classic detector, noting each failed send it hears of.</summary>
    private sealed class Listening(FailureDetectorRole inner) : FailureDetectorRole
    {
        public override void OnStart(DetectorContext peer) => inner.OnStart(peer);
        public override void OnTimer(DetectorContext peer, long arg) => inner.OnTimer(peer, arg);
        public override void OnAnswered(DetectorContext peer, NodeAddress neighbour, TimeSpan at) => inner.OnAnswered(peer, neighbour, at);
        public override void OnWitnessAnswer(DetectorContext peer, in WitnessAnswer answer) => inner.OnWitnessAnswer(peer, answer);
        public override void OnReportRejected(DetectorContext peer, NodeAddress dead) => inner.OnReportRejected(peer, dead);
        public override void OnPinged(DetectorContext peer, NodeAddress from) => inner.OnPinged(peer, from);
        public override void OnLinkUp(DetectorContext peer, NodeAddress neighbour) => inner.OnLinkUp(peer, neighbour);
        public override void OnLinkDown(DetectorContext peer, NodeAddress neighbour) => inner.OnLinkDown(peer, neighbour);
        public override void OnStop(DetectorContext peer) => inner.OnStop(peer);

        public override void OnSendFailed(DetectorContext peer, NodeAddress neighbour)
        {
            Assert.That(peer.IndexOf(neighbour), Is.GreaterThanOrEqualTo(0), "told only of a neighbour");
            Heard.Add($"{peer.Now.Ticks} {peer.Self} {neighbour}");
            inner.OnSendFailed(peer, neighbour);
        }
    }

    private static readonly FailureDetectorChoice HearsFailedSends = new("test-hears-failed-sends",
        "the classic detector, noting the failed sends it hears of", c => new Listening(Classic.Create(c)));

    private (List<string> Heard, string Hub, double CrashedAt) RunCrashHub(int threads)
    {
        Heard.Clear();
        var s = CrashHubUnder.OnTheSimulator(BroadcastProtocol.Flood, FailureDetectorMenu.Register(HearsFailedSends));
        var summary = RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = false, Threads = threads },
            Path.Combine(Dir, $"threads-{threads}"), _ => { }).Summary;
        var hub = summary.Failures.Single();
        return (Heard.OrderBy(l => l, StringComparer.Ordinal).ToList(), hub.Node, hub.At);
    }

    [Test]
    public void TheHubsNeighbours_HearTheirSendsToIt_Fail_OnlyAfterItsCrash_TheSameOnTwoThreads()
    {
        var (one, hub, crashedAt) = RunCrashHub(1);
        TestContext.Out.WriteLine($"{one.Count} failed sends heard by {one.Select(l => l.Split(' ')[1]).Distinct().Count()} peers, "
            + $"from {one.Select(l => long.Parse(l.Split(' ')[0])).Min() / 1e7:F3} s to {one.Select(l => long.Parse(l.Split(' ')[0])).Max() / 1e7:F3} s; "
            + $"the hub {hub} crashed at {crashedAt:F3} s");
        Assert.That(one, Is.Not.Empty, "the hub's neighbours ping and gossip to it after its crash");
        Assert.That(one.Select(l => l.Split(' ')[2]), Is.All.EqualTo(hub), "no report for a node that runs");
        Assert.That(one.Select(l => long.Parse(l.Split(' ')[0])), Is.All.GreaterThan(TimeSpan.FromSeconds(crashedAt).Ticks),
            "none before the crash");
        Assert.That(RunCrashHub(2).Heard, Is.EqualTo(one), "the same reports, at the same times, on two threads");
    }
}

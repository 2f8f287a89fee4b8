using System.Collections.Concurrent;
using GossipSim.Engine.Bytes;
using GossipSim.Engine.Config;
using GossipSim.Engine.Messages;
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


    /// <summary>Every role's report, in the order the peers heard them: "ticks peer role neighbour".</summary>
    private static readonly ConcurrentQueue<string> Told = new();

    private static void Note(TimeSpan now, NodeAddress self, string role, NodeAddress neighbour) =>
        Told.Enqueue($"{now.Ticks} {self} {role} {neighbour}");

    /// <summary>The classic detector, noting each failed send in <see cref="Told"/>.</summary>
    private sealed class TellingDetector(FailureDetectorRole inner) : FailureDetectorRole
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
        public override void OnSendFailed(DetectorContext peer, NodeAddress neighbour) => Note(peer.Now, peer.Self, "detector", neighbour);
    }

    /// <summary>The flood, noting each failed send in <see cref="Told"/>.</summary>
    private sealed class TellingBroadcast(BroadcastRole inner) : BroadcastRole
    {
        public override void OnFirstReceipt(BroadcastContext peer, in GossipCopy copy) => inner.OnFirstReceipt(peer, copy);
        public override void OnDuplicate(BroadcastContext peer, in GossipCopy copy) => inner.OnDuplicate(peer, copy);
        public override void OnMessage(BroadcastContext peer, NodeAddress from, Message message) => inner.OnMessage(peer, from, message);
        public override void OnTimer(BroadcastContext peer, long arg) => inner.OnTimer(peer, arg);
        public override void OnLinkUp(BroadcastContext peer, NodeAddress neighbour) => inner.OnLinkUp(peer, neighbour);
        public override void OnLinkDown(BroadcastContext peer, NodeAddress neighbour) => inner.OnLinkDown(peer, neighbour);
        public override void OnSweep(BroadcastContext peer) => inner.OnSweep(peer);
        public override void OnStop(BroadcastContext peer) => inner.OnStop(peer);
        public override ProtocolMessage ReadMessage(ushort type, ref WireReader body) => inner.ReadMessage(type, ref body);
        public override void OnSendFailed(BroadcastContext peer, NodeAddress neighbour) => Note(peer.Now, peer.Self, "broadcast", neighbour);
    }

    /// <summary>Keeps three links, and drops a link at its first failed send, as HyParView's paper does (then asks the seeds for
    /// more); notes each failed send in <see cref="Told"/>.</summary>
    private sealed class DropsAtOnce : OverlayRole
    {
        public override void OnJoined(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates) => Ask(peer, candidates);
        public override void OnPeers(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates) => Ask(peer, candidates);
        public override void OnLinkFailed(OverlayContext peer, NodeAddress target, LinkFailure why) => peer.RequestPeers();
        public override void OnLinkDown(OverlayContext peer, NodeAddress neighbour, LinkEnd why, bool ownLink) => peer.RequestPeers();
        public override void OnRefresh(OverlayContext peer)
        {
            if (peer.Neighbours.Length + peer.PendingLinks < 3) peer.RequestPeers();
        }

        public override void OnSendFailed(OverlayContext peer, NodeAddress neighbour)
        {
            Note(peer.Now, peer.Self, "overlay", neighbour);
            peer.DropLink(neighbour);
        }

        private static void Ask(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates)
        {
            var order = candidates.Select(c => c.Address).ToArray();
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = peer.Random.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            foreach (var a in order)
            {
                if (peer.Neighbours.Length + peer.PendingLinks >= 3) return;
                if (peer.CanAsk(a)) peer.AskLink(a);
            }
        }
    }

    private static readonly FailureDetectorChoice TellingDetectorChoice = new("test-telling-detector",
        "the classic detector, noting failed sends", c => new TellingDetector(Classic.Create(c)));
    private static readonly BroadcastChoice TellingBroadcastChoice = new("test-telling-broadcast", "the flood, noting failed sends",
        c => new TellingBroadcast(BroadcastMenu.Choices[(int)BroadcastProtocol.Flood].Create(c)));
    private static readonly OverlayChoice DropsAtOnceChoice = new("test-drops-at-once", "drops a link at its first failed send",
        new DropsAtOnce());

    private static readonly FailureDetectorChoice HearsFailedSends = ListeningDetector.Choice("test-hears-failed-sends", Heard);

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

    [Test]
    public void EachRoleIsTold_DetectorBroadcastThenOverlay_AndAnOverlayThatDropsTheLink_HearsOfItOnce()
    {
        while (Told.TryDequeue(out _)) { }
        var s = CrashHubUnder.OnTheSimulator(BroadcastMenu.Register(TellingBroadcastChoice), FailureDetectorMenu.Register(TellingDetectorChoice),
            OverlayMenu.Register(DropsAtOnceChoice));
        var hub = RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = false }, Dir, _ => { }).Summary.Failures.Single();
        var told = Told.Select(l => l.Split(' ')).ToList();
        var peers = told.Select(l => l[1]).Distinct().ToList();
        TestContext.Out.WriteLine($"{told.Count} calls to {peers.Count} peers (the hub {hub.Node} had {hub.Degree} links at its crash, "
            + $"{hub.At:F3} s); the last at {told.Max(l => long.Parse(l[0])) / 1e7:F3} s");
        Assert.That(peers, Has.Count.EqualTo(hub.Degree), "every peer linked to the hub at its crash hears, at its next send");
        Assert.That(told.Select(l => l[3]), Is.All.EqualTo(hub.Node), "only the crashed hub is reported");
        foreach (var peer in peers)
            Assert.That(told.Where(l => l[1] == peer).Select(l => l[2]), Is.EqualTo(new[] { "detector", "broadcast", "overlay" }),
                $"{peer}: each role once, the overlay last; once it dropped the link, later failures are not a neighbour's");
    }
}

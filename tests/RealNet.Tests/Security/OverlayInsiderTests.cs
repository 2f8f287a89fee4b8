using GossipSim.Engine.Bytes;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Config;
using GossipSim.Engine.HyParView;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;
using static GossipSim.RealNet.Tests.Support.InsiderStage;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Security;

/// <summary>
/// On real TCP on loopback (3 seeds and 2 peers in this process, each on its own port): registered members
/// (probes speaking the project's codec over their own connections) send a peer the overlay's messages as no honest member would,
/// and the peer holds to the protocol's bounds. The simulator's <c>Engine.Tests/HyParView/InsiderAttackTests</c> drives the eclipse
/// and the dials; these show the same rules hold where the messages come off the socket.
/// </summary>
[NonParallelizable]
public class OverlayInsiderTests
{
    private InProcessNetwork _net = null!;

    [TearDown]
    public async Task Stop() => await _net.DisposeAsync();

    private Task<(NodeHost a, NodeHost b)> TwoLinkedPeers(PeerConfig config, string name)
    {
        _net = InsiderStage.Seeds(name);
        return _net.TwoLinkedPeers(config);
    }

    [Test]
    public async Task TwelveMembersSendingLinkAcceptancesNobodyAskedFor_LeaveAClassicPeerAtItsCap()
    {
        var (a, _) = await TwoLinkedPeers(FastTimings.Peer with { MaxNeighbours = 4 }, "unsolicited");
        var members = Enumerable.Range(0, 12).Select(_ => ProbePeer.Start(incarnation: 1)).ToList();
        try
        {
            foreach (var m in members) await m.RegisterAsync(_net.SeedAddresses, Patience);
            foreach (var m in members) m.Send(a.Address, new LinkReply(true, 1, m.Certificate));
            // Each acceptance is acted on either way: a peer that takes it as a link pings the member, one that ignores it closes it.
            await Eventually.HoldsAsync(() => members.All(m => m.Inbox.Snapshot().Any(r => r.From == a.Address && r.Message is Ping or LinkClose)),
                "A acted on every acceptance", Patience);
            int degree = await On(a, p => p.Degree);
            long ignored = await On(a, p => p.UnsolicitedAcceptances);
            TestContext.Out.WriteLine($"probe: 12 registered members sent link acceptances nobody asked for to a peer with a cap of 4 and 1 "
                + $"neighbour: degree {degree}, {ignored} ignored");
            Assert.That(degree, Is.LessThanOrEqualTo(4), "--max-neighbours holds whatever arrives");
            Assert.That(ignored, Is.EqualTo(12));
        }
        finally
        {
            foreach (var m in members) await m.DisposeAsync();
        }
    }

    [Test]
    public async Task AShuffleWithTheLongestCount_IsPassedOnCutToTheWalkLength()
    {
        var config = FastTimings.Peer with { Overlay = Overlay.Hyparview };
        var (a, _) = await TwoLinkedPeers(config, "walk-length");
        await using var sender = ProbePeer.Start(incarnation: 1);
        await using var next = ProbePeer.Start(incarnation: 1);
        foreach (var p in new[] { sender, next })
        {
            await p.RegisterAsync(_net.SeedAddresses, Patience);
            p.Send(a.Address, new NeighbourRequest(NeighbourAsk.Low, 1, p.Certificate));
            await p.Inbox.WaitForAsync(m => m is LinkReply { Accepted: true }, Patience, "A links the probe");
        }
        for (int i = 0; i < 20; i++) sender.Send(a.Address, new Shuffle(sender.Address, int.MaxValue, [sender.Address]));
        // A passes each walk on to one of its other links (B or the second probe): about half reach the probe.
        await next.Inbox.WaitForAsync(m => AsShuffle(m) != null, Patience, "A passes a SHUFFLE on to the second probe");
        var ttls = next.Inbox.Snapshot().Select(r => AsShuffle(r.Message)).OfType<Shuffle>().Select(s => s.Ttl).ToArray();
        TestContext.Out.WriteLine($"probe: 20 SHUFFLEs with {int.MaxValue} steps sent to A; the second probe got {ttls.Length} passed on, "
            + $"with {string.Join(", ", ttls.Distinct())} steps left (walk length {config.HyParViewActiveWalk})");
        Assert.That(ttls, Has.All.LessThan(config.HyParViewActiveWalk), "the walk goes on with at most the walk length less one step");
    }

    /// <summary>A SHUFFLE as a probe receives it: the overlay's own message, read by HyParView's reader.</summary>
    private static Shuffle? AsShuffle(Message m)
    {
        if (m is not UnreadProtocolMessage { Role: RoleSlot.Overlay, Type: WalkMessages.Shuffle } unread) return null;
        var body = new WireReader(unread.Body);
        return (Shuffle)HyParViewOverlay.Instance.ReadMessage(unread.Type, ref body);
    }
}

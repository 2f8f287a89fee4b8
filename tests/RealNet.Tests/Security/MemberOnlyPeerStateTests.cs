using System.Net;
using System.Net.Sockets;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Tests.Support;
using GossipSim.Engine.Wire;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Security;

/// <summary>
/// What outsiders and lying neighbours can make a peer hold, on real
/// nodes on loopback (3 seeds and 2 peers in this process, each on its own port). Each test
/// attacks a fresh network and checks the attack fails by counting what the peer stores.
/// </summary>
[NonParallelizable]
public class MemberOnlyPeerStateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private InProcessNetwork _net = null!;
    private NodeHost _a = null!, _b = null!;

    [SetUp]
    public async Task StartNetwork()
    {
        _net = InProcessNetwork.StartSeeds(3, Path.Combine(TestContext.CurrentContext.WorkDirectory, "member-only", Guid.NewGuid().ToString("N")));
        _a = _net.AddPeer(config: FastTimings.Peer with { MaxNeighbours = 40 });
        await Eventually.HoldsAsync(() => Peer(_a).Phase != JoinPhase.Registering, "peer A registers", Patience);
        _b = _net.AddPeer();
        await Eventually.HoldsAsync(() => Peer(_a).Degree == 1 && Peer(_b).Degree == 1, "A and B link", Patience);
    }

    [TearDown]
    public async Task Stop() => await _net.DisposeAsync();

    private static PeerNode Peer(NodeHost h) => (PeerNode)h.Node;

    private static Task<T> On<T>(NodeHost h, Func<PeerNode, T> query) => h.InvokeAsync(n => query((PeerNode)n));

    [Test]
    public async Task LinkRequests_FromNonMembers_AreRefused_AndTheyAreNeverReportedDead()
    {
        var outsiders = Enumerable.Range(0, 30).Select(_ => ProbePeer.Start(incarnation: 1)).ToList();
        await using var member = ProbePeer.Start(incarnation: 1);
        await member.RegisterAsync(_net.SeedAddresses, Patience);
        try
        {
            foreach (var o in outsiders) o.Send(_a.Address, new LinkRequest(1));
            member.Send(_a.Address, new LinkRequest(1, member.Certificate));
            // An outsider has no certificate to show: refused at once, no link made.
            await Eventually.HoldsAsync(() => outsiders.All(o => o.Inbox.Snapshot().Any(r => r.Message is LinkReply { Accepted: false })), "every outsider is refused", Patience);
            // The member's request travels on its own connection: its answer may come after the
            // outsiders' refusals, and until it does the member is not yet a neighbour.
            await Eventually.HoldsAsync(() => member.Inbox.Snapshot().Any(r => r.Message is LinkReply), "the member is answered", Patience);
            Assert.That(member.Inbox.Snapshot().Any(r => r.Message is LinkReply { Accepted: true }), Is.True, "the member is accepted");
            // Gone silent: a neighbour that stayed would now be suspected and reported.
            foreach (var o in outsiders) await o.DisposeAsync();
            var neighbours = await On(_a, p => p.Neighbours.Select(n => n.Address).ToHashSet());
            TestContext.Out.WriteLine($"probe: 30 unregistered clients and 1 registered one asked {_a.Address} for a link; it now has {neighbours.Count} neighbours");
            Assert.That(neighbours, Is.EquivalentTo(new[] { _b.Address, member.Address }), "only members stay neighbours");

            // Order, not time: A pings its member neighbour every 0.5 s; twelve more pings
            // reach past 3 misses and the witnesses' timeout, when a stayed outsider would be reported.
            int pings = member.Inbox.Snapshot().Count(r => r.Message is Ping);
            await Eventually.HoldsAsync(() => member.Inbox.Snapshot().Count(r => r.Message is Ping) >= pings + 12, "A goes on pinging", Patience);
            var outsiderSet = outsiders.Select(o => o.Address).ToHashSet();
            Assert.That(_net.Trace.Snapshot().Where(e => e.Kind is TraceKind.DeadReported or TraceKind.Suspected && outsiderSet.Contains(e.Peer)), Is.Empty,
                "no outsider is suspected or reported dead");
        }
        finally
        {
            foreach (var o in outsiders) await o.DisposeAsync();
        }
    }

    [Test]
    public async Task LinkRequests_BeyondTheNeighbourCap_AreRefused()
    {
        var members = Enumerable.Range(0, 45).Select(_ => ProbePeer.Start(incarnation: 1)).ToList();
        try
        {
            foreach (var m in members) await m.RegisterAsync(_net.SeedAddresses, Patience);
            foreach (var m in members) m.Send(_a.Address, new LinkRequest(1, m.Certificate));
            await Eventually.HoldsAsync(() => members.All(m => m.Inbox.Snapshot().Any(r => r.Message is LinkReply)), "every request is answered", Patience);
            int accepted = members.Count(m => m.Inbox.Snapshot().Any(r => r.Message is LinkReply { Accepted: true }));
            int degree = await On(_a, p => p.Degree);
            TestContext.Out.WriteLine($"probe: 45 registered peers asked for links at a peer with a cap of 40 and 1 neighbour: {accepted} accepted, degree {degree}");
            Assert.That(degree, Is.EqualTo(40));
            Assert.That(accepted, Is.EqualTo(39));
        }
        finally
        {
            foreach (var m in members) await m.DisposeAsync();
        }
    }

    [Test]
    public async Task FakeNeighbours_AnsweringWithHugePongs_LeaveAtMostTheSampleSizeStored()
    {
        var fakes = Enumerable.Range(0, 10).Select(_ => ProbePeer.Start(incarnation: 1)).ToList();
        try
        {
            foreach (var f in fakes)
            {
                f.PongSampleSize = MessageCodec.MaxPongSample; // the most a pong may carry: 6 KiB of addresses
                await f.RegisterAsync(_net.SeedAddresses, Patience);
                f.Send(_a.Address, new LinkRequest(1, f.Certificate));
            }
            var fakeSet = fakes.Select(f => f.Address).ToHashSet();
            // Every fake has answered pings (its pings counted) while linked.
            await Eventually.HoldsAsync(() => fakes.All(f => f.Inbox.Snapshot().Count(r => r.Message is Ping) >= 3), "A pings every fake neighbour", Patience);
            var stored = await On(_a, p => p.Neighbours.Where(n => fakeSet.Contains(n.Address)).Select(n => n.Sample.Count).ToArray());
            TestContext.Out.WriteLine($"probe: 10 registered neighbours answered each ping with {MessageCodec.MaxPongSample} addresses; A stores {string.Join(", ", stored)} per neighbour");
            Assert.That(stored, Has.Length.EqualTo(10));
            Assert.That(stored, Has.All.LessThanOrEqualTo(FastTimings.Peer.NeighbourSampleSize));
        }
        finally
        {
            foreach (var f in fakes) await f.DisposeAsync();
        }
    }

    [Test]
    public async Task GossipFlood_FromOutsidersAndAMemberNeighbour_LosesNoLegitimateMessage()
    {
        await using var outsider = ProbePeer.Start(incarnation: 1);
        await using var neighbour = ProbePeer.Start(incarnation: 1);
        await neighbour.RegisterAsync(_net.SeedAddresses, Patience);
        neighbour.Send(_a.Address, new LinkRequest(1, neighbour.Certificate));
        await Eventually.HoldsAsync(() => neighbour.Inbox.Snapshot().Any(r => r.Message is LinkReply { Accepted: true }), "the flooder is A's neighbour", Patience);
        var now = TimeSpan.FromTicks((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks);
        const int flood = 5000;
        for (int i = 0; i < flood; i++)
        {
            var forged = new NodeAddress(0x7F000001, (ushort)(10000 + i % 5000));
            // Outsider: anything; neighbour: numbers no origin reaches, and times no clock shows.
            outsider.Send(_a.Address, new Gossip(new MessageId(forged, 1), now, 1, true));
            neighbour.Send(_a.Address, new Gossip(new MessageId(forged, FastTimings.Peer.MessagesPerPeer + 1 + i), now, 1, true));
            neighbour.Send(_a.Address, new Gossip(new MessageId(forged, 1), now + TimeSpan.FromDays(1 + i), 1, true));
        }
        await Eventually.HoldsAsync(() => Peer(_a).GossipRejected >= 3 * flood, "A drops the whole flood", Patience);
        await Eventually.HoldsAsync(() => Delivered(_a, _b.Address) == FastTimings.Peer.MessagesPerPeer, "A receives every message B creates", Patience);
        int listed = await On(_a, p => p.MessageListCount);
        TestContext.Out.WriteLine($"probe: {3 * flood} forged gossip messages at A; rejected {Peer(_a).GossipRejected}, Message List {listed} entries; B's {FastTimings.Peer.MessagesPerPeer} all delivered");
        Assert.That(listed, Is.LessThanOrEqualTo(2 * FastTimings.Peer.MessagesPerPeer), "only A's and B's own messages are listed");
        Assert.That(outsider.Inbox.Snapshot().Any(r => r.Message is Gossip), Is.False, "nothing of the flood is forwarded to the outsider");
    }

    [Test]
    public async Task GossipTimestamp_OfInt64MinValue_ClosesTheConnection_WithOneLine_AndNoStackTrace()
    {
        for (int i = 0; i < 3; i++)
        {
            using var client = await RawClient.ConnectAsync(_a.Address);
            await client.HelloAndSendAsync(new NodeAddress(0x7F000001, (ushort)(40000 + i)), new Gossip(new MessageId(_b.Address, 1), TimeSpan.MinValue, 1, true));
            await client.WaitClosedAsync(Patience, "a gossip stamped Int64.MinValue");
        }
        var lines = File.ReadAllLines(_net.LogPath(_a));
        var about = lines.Where(l => l.Contains("out of range")).ToArray();
        TestContext.Out.WriteLine($"peer log: {string.Join(" | ", about)}");
        Assert.That(about, Has.Length.EqualTo(3), "one line per refused connection");
        Assert.That(lines, Has.None.Contains("Exception").And.None.Contains("   at "), "no exception, no stack trace");
        Assert.That(await On(_a, p => p.Degree), Is.EqualTo(1), "A carries on");
    }

    [Test]
    public async Task RemovalNotice_FromANonSeed_IsIgnored_AndItsConnectionClosed()
    {
        using var client = await RawClient.ConnectAsync(_a.Address);
        await client.HelloAndSendAsync(new NodeAddress(0x7F000001, 40100), new RemovalNotice(new PeerId(_b.Address, 1), null));
        await client.WaitClosedAsync(Patience, "a removal notice from a non-seed");
        Assert.That(await On(_a, p => p.Neighbours.Select(n => n.Address).ToArray()), Is.EqualTo(new[] { _b.Address }), "A keeps B");
    }

    [Test]
    public async Task SuspicionQuery_AboutAnAddressThatIsNotANeighbour_DialsNothing()
    {
        using var bystander = new TcpListener(IPAddress.Loopback, 0);
        bystander.Start();
        var target = NodeAddress.FromIp(IPAddress.Loopback, ((IPEndPoint)bystander.LocalEndpoint).Port);
        await using var asker = ProbePeer.Start(incarnation: 1);
        asker.Send(_a.Address, new SuspectQuery(target, 1));
        asker.Send(_a.Address, new SuspectQuery(_b.Address, 2));
        // The second query is about a real neighbour: its answer comes after A handled the first.
        await asker.Inbox.WaitForAsync(m => m is SuspectReply { QueryId: 2, Reachable: true }, Patience, "A probes its neighbour B and answers");
        Assert.That(bystander.Pending(), Is.False, "A never dialled the address it was asked about");
        Assert.That(asker.Inbox.Snapshot().Any(r => r.Message is SuspectReply { QueryId: 1 }), Is.False);
    }

    private int Delivered(NodeHost at, NodeAddress origin) =>
        _net.Trace.Snapshot().Count(e => e.Kind == TraceKind.GossipDelivered && e.Node == at.Address && e.Message.Origin == origin);
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Tests.Support;
using GossipSim.RealNet.Transport;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Security;

/// <summary>
/// On real nodes on loopback (3 seeds and 4 peers in this process, each on its
/// own port with its own key; plaintext and with the cluster key, which the attacker holds too): a
/// registered member says goodbye, leaves the seeds' probes unanswered so it is removed, and keeps
/// signing new messages for its neighbours. Within one refresh period of the removal no peer takes
/// its gossip, its neighbours have dropped it, and its link requests are refused; a member whose
/// certificate nobody renewed is refused once it runs out; a number beyond the bound is never taken.
/// </summary>
[NonParallelizable]
public class MembershipEndsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(6);
    private const int Numbers = 200;
    private InProcessNetwork _net = null!;
    private readonly List<NodeHost> _peers = new();
    private readonly List<IAsyncDisposable> _others = new();

    private async Task StartAsync(ClusterKey? key)
    {
        var options = key == null ? null : new TcpTransportOptions { ClusterKey = key };
        _net = InProcessNetwork.StartSeeds(3, Path.Combine(TestContext.CurrentContext.WorkDirectory, "ends", Guid.NewGuid().ToString("N")), options,
            seedConfig: FastTimings.Seed with { CertificateLifetime = Lifetime });
        var config = FastTimings.Peer with { MembershipRefresh = Refresh, MessagesPerPeer = Numbers, Originates = false };
        for (int i = 0; i < 4; i++) _peers.Add(_net.AddPeer(options, config));
        await Eventually.HoldsAsync(() => _peers.All(p => Peer(p).Degree > 0), "the four peers link", Patience);
    }

    [TearDown]
    public async Task Stop()
    {
        foreach (var o in _others) await o.DisposeAsync();
        _others.Clear();
        _peers.Clear();
        await _net.DisposeAsync();
    }

    private static PeerNode Peer(NodeHost h) => (PeerNode)h.Node;

    private static TimeSpan Clock => TimeSpan.FromTicks((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks);

    private async Task<ProbePeer> MemberAsync(ClusterKey? key, params NodeHost[] linkTo)
    {
        var probe = ProbePeer.Start(incarnation: 1, options: key == null ? null : new TcpTransportOptions { ClusterKey = key });
        _others.Add(probe);
        await probe.RegisterAsync(_net.SeedAddresses, Patience);
        foreach (var p in linkTo)
        {
            probe.Send(p.Address, new LinkRequest(1, probe.Certificate));
            await Eventually.HoldsAsync(() => probe.Inbox.Snapshot().Any(r => r.From == p.Address && r.Message is LinkReply { Accepted: true }), $"{p.Address} links with the member", Patience);
        }
        return probe;
    }

    private static void Gossip(ProbePeer from, int number, IEnumerable<NodeHost> to)
    {
        var id = new MessageId(from.Address, number);
        var now = Clock;
        foreach (var p in to) from.Send(p.Address, new Gossip(id, now, 1, true, from.SignGossip(id, now), from.Certificate));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task AMemberThatSaidGoodbye_GossipingOn_IsRefusedByEveryPeerWithinOneRefreshPeriod_AndItsNeighboursDropIt(bool keyed)
    {
        var key = keyed ? ClusterKey.Generate() : null;
        await StartAsync(key);
        var neighbours = new[] { _peers[0], _peers[1] };
        var leaver = await MemberAsync(key, neighbours);

        Gossip(leaver, 1, neighbours);
        Gossip(leaver, Numbers + 1, neighbours);
        await Eventually.HoldsAsync(() => _peers.All(p => Delivered(p, leaver.Address) == 1), "a member's message reaches every peer", Patience);

        leaver.AnswersSeeds = false;
        var saidGoodbye = Clock;
        foreach (var s in _net.SeedAddresses) leaver.Send(s, new Goodbye(1));
        // A new number every 0.1 s, signed as the member always could: until a refresh period and a half after its removal.
        int number = 2;
        TimeSpan? removedAt = null;
        while (number <= Numbers && (removedAt == null || Clock < removedAt + Refresh * 1.5))
        {
            Gossip(leaver, number++, neighbours);
            await Task.Delay(100);
            removedAt ??= Removed(leaver.Address);
            Assert.That(Clock - saidGoodbye, Is.LessThan(Patience), "the goodbye removes it");
        }
        // The last numbers went out just now: each neighbour answers a ping sent after them on the same connection (read in
        // order), so it has taken or refused every number before the trace is read.
        foreach (var n in neighbours) await leaver.IncarnationOfAsync(n.Address, Patience);
        leaver.Send(_peers[2].Address, new LinkRequest(1, leaver.Certificate));
        await Eventually.HoldsAsync(() => leaver.Inbox.Snapshot().Any(r => r.From == _peers[2].Address && r.Message is LinkReply), "a peer answers its link request", Patience);

        var delivered = _net.Trace.Snapshot().Where(e => e.Kind == TraceKind.GossipDelivered && e.Message.Origin == leaver.Address).ToList();
        var dropped = _net.Trace.Snapshot().Where(e => e.Kind == TraceKind.LinkDown && e.Peer == leaver.Address).ToList();
        var lastTaken = delivered.Max(e => e.Time) - removedAt!.Value;
        var lastDropped = dropped.Select(e => e.Time).DefaultIfEmpty(TimeSpan.MaxValue).Max() - removedAt.Value;
        TestContext.Out.WriteLine($"{(keyed ? "keyed" : "plaintext")}: removed {(removedAt.Value - saidGoodbye).TotalSeconds:0.00} s after its goodbye; it signed {number - 1} numbers; " +
            $"{delivered.Count} deliveries, the last {lastTaken.TotalSeconds:0.000} s after the removal (refresh period {Refresh.TotalSeconds} s); " +
            $"its neighbours dropped it {string.Join(", ", dropped.Select(e => $"{(e.Time - removedAt.Value).TotalSeconds:0.000} s ({e.Detail})"))} after; " +
            $"peers refused {_peers.Sum(p => Peer(p).GossipRejected)} of its messages");

        Assert.That(delivered.Any(e => e.Message.Number > Numbers), Is.False, "a number beyond the bound is never taken");
        Assert.That(lastTaken, Is.LessThanOrEqualTo(Refresh + TimeSpan.FromSeconds(0.5)), "no peer takes its gossip a refresh period after its removal");
        Assert.That(dropped.Select(e => e.Node).Distinct(), Is.EquivalentTo(neighbours.Select(n => n.Address)), "both neighbours dropped it");
        Assert.That(lastDropped, Is.LessThanOrEqualTo(Refresh + TimeSpan.FromSeconds(0.5)));
        Assert.That(leaver.Inbox.Snapshot().Where(r => r.From == _peers[2].Address).Select(r => r.Message).OfType<LinkReply>().Single().Accepted, Is.False,
            "its link request is refused");
        foreach (var p in _peers) Assert.That(await p.InvokeAsync(n => ((PeerNode)n).Neighbours.Any(x => x.Address == leaver.Address)), Is.False);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task AMemberWhoseCertificateNobodyRenewed_IsRefused_OnceItRunsOut(bool keyed)
    {
        var key = keyed ? ClusterKey.Generate() : null;
        await StartAsync(key);
        var member = await MemberAsync(key); // it never refreshes: its renewal is the one its registration brought
        var validUntil = member.Certificate.Renewal!.ValidUntil;
        while (Clock <= validUntil) await Task.Delay(200);

        member.Send(_peers[0].Address, new LinkRequest(1, member.Certificate));
        await Eventually.HoldsAsync(() => member.Inbox.Snapshot().Any(r => r.From == _peers[0].Address && r.Message is LinkReply), "the peer answers", Patience);
        Assert.That(member.Inbox.Snapshot().Where(r => r.From == _peers[0].Address).Select(r => r.Message).OfType<LinkReply>().Single().Accepted, Is.False);
        Assert.That(_net.Seeds.All(s => ((Engine.Seed.SeedNode)s.Node).Peers.IsLive(member.Address)), Is.True, "still listed: only its renewal ran out");
        var lines = LogLines(_peers[0]).Where(l => l.Contains($"refused the link request of {member.Address}")).ToArray();
        TestContext.Out.WriteLine($"{(keyed ? "keyed" : "plaintext")}: {lines.FirstOrDefault()}");
        Assert.That(lines.Any(l => l.Contains("expired")), Is.True);
        Assert.That(_peers.All(p => Peer(p).Certificate.Renewal!.ValidUntil > Clock), Is.True, "the refreshing peers' certificates are current");
    }

    private string[] LogLines(NodeHost h)
    {
        using var stream = new FileStream(_net.LogPath(h), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }

    private int Delivered(NodeHost at, NodeAddress origin) =>
        _net.Trace.Snapshot().Count(e => e.Kind == TraceKind.GossipDelivered && e.Node == at.Address && e.Message.Origin == origin);

    private TimeSpan? Removed(NodeAddress member) =>
        _net.Trace.Snapshot().Where(e => e.Kind == TraceKind.MemberRemoved && e.Peer == member).Select(e => (TimeSpan?)e.Time).Min();
}

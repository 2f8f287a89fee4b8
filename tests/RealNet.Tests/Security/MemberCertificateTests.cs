using GossipSim.Engine.Core;
using GossipSim.Engine.Gossip;
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
/// Gossip's origin is authenticated, and a peer checks its neighbours' keys. On real
/// nodes on loopback (3 seeds and 2 peers in this process, each on its own port, each proving
/// its own key), in plaintext and with the cluster key (the attacker then holds it too): a
/// registered neighbour cannot make up messages in another member's name, and a node that
/// claims a member's address at a peer without that member's key gets no link and cannot speak
/// as a neighbour.
/// </summary>
[NonParallelizable]
public class MemberCertificateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private InProcessNetwork _net = null!;
    private NodeHost _a = null!, _b = null!;
    private readonly List<IAsyncDisposable> _others = new();

    private async Task StartAsync(ClusterKey? key, Engine.Config.PeerConfig? config = null)
    {
        var options = Options(key);
        _net = InProcessNetwork.StartSeeds(3, Path.Combine(TestContext.CurrentContext.WorkDirectory, "certificates", Guid.NewGuid().ToString("N")), options);
        _a = _net.AddPeer(options, config);
        await Eventually.HoldsAsync(() => Peer(_a).Phase != JoinPhase.Registering, "peer A registers", Patience);
        _b = _net.AddPeer(options, config);
        await Eventually.HoldsAsync(() => Peer(_a).Degree == 1 && Peer(_b).Degree == 1, "A and B link", Patience);
    }

    [TearDown]
    public async Task Stop()
    {
        foreach (var o in _others) await o.DisposeAsync();
        _others.Clear();
        await _net.DisposeAsync();
    }

    private static TcpTransportOptions? Options(ClusterKey? key) => key == null ? null : new TcpTransportOptions { ClusterKey = key };

    private static PeerNode Peer(NodeHost h) => (PeerNode)h.Node;

    private static Task<T> On<T>(NodeHost h, Func<PeerNode, T> query) => h.InvokeAsync(n => query((PeerNode)n));

    private static void Say(string line) => TestContext.Out.WriteLine(line);

    /// <summary>A registered member that speaks only as the test says; linked to A when asked.</summary>
    private async Task<ProbePeer> MemberAsync(ClusterKey? key, bool linkedToA)
    {
        var probe = ProbePeer.Start(incarnation: 1, options: Options(key));
        _others.Add(probe);
        await probe.RegisterAsync(_net.SeedAddresses, Patience);
        Assert.That(probe.Certificate.IsNone, Is.False, "a seed that accepted it handed over its certificate");
        if (!linkedToA) return probe;
        probe.Send(_a.Address, new LinkRequest(1, probe.Certificate));
        await Eventually.HoldsAsync(() => probe.Inbox.Snapshot().Any(r => r.Message is LinkReply { Accepted: true }), $"{probe.Address} is A's neighbour", Patience);
        return probe;
    }

    private string[] LogLines(NodeHost h)
    {
        using var stream = new FileStream(_net.LogPath(h), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }

    /// <summary>
    /// A registered neighbour of A sends A messages in B's name, numbered and timed as B's own
    /// could be: with B's certificate and a made-up signature, with its own certificate, and with
    /// none. A drops and counts every one before it takes it, forwards none (a second neighbour of
    /// A hears none of them), and delivers every message B really creates. The forgeries name B's
    /// last third of numbers, which B creates 20 s and more after it starts: a forged copy of a number
    /// A already took from B would be a duplicate, dropped unchecked and uncounted.
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public async Task ANeighbourForgingGossipInAnotherMembersName_IsDroppedAndCounted_AndTheRealOriginsMessagesAllArrive(bool keyed)
    {
        var key = keyed ? ClusterKey.Generate() : null;
        var config = FastTimings.Peer with { MessagesPerPeer = 60 };
        await StartAsync(key, config);
        var forger = await MemberAsync(key, linkedToA: true);
        var watcher = await MemberAsync(key, linkedToA: true);
        var bCertificate = Peer(_b).Certificate;
        Assert.That(bCertificate.IsNone, Is.False, "B holds its certificate");

        int perOrigin = config.MessagesPerPeer, first = perOrigin / 3 * 2 + 1, forgedNumbers = perOrigin - first + 1;
        int known = Delivered(_a, _b.Address);
        if (known >= first - 4)
            Assert.Inconclusive($"A already took {known} of B's messages before the forger was ready: nothing was checked");
        var forgedAt = TimeSpan.FromTicks((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks) - TimeSpan.FromSeconds(1);
        var madeUp = new byte[64];
        Random.Shared.NextBytes(madeUp);
        for (int n = first; n <= perOrigin; n++)
        {
            var id = new MessageId(_b.Address, n);
            forger.Send(_a.Address, new Gossip(id, forgedAt, 1, true, madeUp, bCertificate));
            forger.Send(_a.Address, new Gossip(id, forgedAt + TimeSpan.FromMilliseconds(1), 1, true, madeUp, forger.Certificate));
            forger.Send(_a.Address, new Gossip(id, forgedAt + TimeSpan.FromMilliseconds(2), 1, true, []));
        }
        await Eventually.HoldsAsync(() => Peer(_a).GossipForged + Peer(_a).GossipUnchecked >= 3 * forgedNumbers, "A drops every forged message", Patience);
        await Eventually.HoldsAsync(() => Delivered(_a, _b.Address) == perOrigin, "A receives every message B creates", Patience);
        await Eventually.HoldsAsync(() => watcher.Inbox.Snapshot().Count(r => r.Message is Gossip g && g.Id.Origin == _b.Address) >= perOrigin,
            "A forwards B's real messages to its other neighbour", Patience);

        string[] ForgedLines() => LogLines(_a).Where(l => l.Contains($"dropped gossip {_b.Address}#") && l.Contains("not its origin's")).ToArray();
        // A counter moves just before the node writes its line, on the node's thread: wait for the three kinds of line.
        await Eventually.HoldsAsync(() => ForgedLines() is var ls && ls.Any(l => l.Contains("its origin's signature does not verify"))
            && ls.Any(l => l.Contains("does not prove it")) && ls.Any(l => l.Contains("it shows no membership certificate")), "A's log names each kind of forgery", Patience);
        var forgedLines = ForgedLines();
        Say($"probe ({(keyed ? "with the cluster key, held by the forger" : "plaintext")}): a registered neighbour sent A {3 * forgedNumbers} messages in B's name " +
            $"(B's certificate and a made-up signature; its own certificate; none): A counted {Peer(_a).GossipForged} forged and {Peer(_a).GossipUnchecked} dropped unchecked " +
            $"(the forger's budget of {ForgeryBudgets.Burst} checks spent), delivered {Delivered(_a, _b.Address)} of B's {perOrigin}");
        foreach (var l in forgedLines.Take(3)) Say($"  A's log: {l}");
        Assert.That(Peer(_a).GossipForged + Peer(_a).GossipUnchecked, Is.EqualTo(3 * forgedNumbers), "each forged message is counted once");
        Assert.That(Peer(_a).GossipUnchecked, Is.GreaterThan(0), "past its budget, the forger's messages cost no check");
        Assert.That(forgedLines.Any(l => l.Contains("its origin's signature does not verify")), Is.True, "B's certificate with a made-up signature: the signature fails");
        Assert.That(forgedLines.Any(l => l.Contains("its certificate (incarnation 1) does not prove it")), Is.True, "the forger's own certificate does not prove B's address");
        Assert.That(forgedLines.Any(l => l.Contains("it shows no membership certificate")), Is.True);
        Assert.That(_net.Trace.Snapshot().Where(e => e.Kind == TraceKind.GossipDelivered && e.Node == _a.Address && e.Peer == forger.Address), Is.Empty,
            "A takes nothing from the forger");
        Assert.That(watcher.Inbox.Snapshot().Where(r => r.Message is Gossip g && g.CreatedAt >= forgedAt && g.CreatedAt <= forgedAt + TimeSpan.FromMilliseconds(2)), Is.Empty,
            "nothing forged is forwarded");
    }

    /// <summary>
    /// A node with its own key claims, at peer A, the address of A's neighbour B (bound at A to
    /// B's key when they linked), and the address of a member M that is not A's neighbour, showing
    /// M's certificate (a certificate is no secret: every gossip of M carries it). A refuses the
    /// first at the handshake and the second's link request; its neighbours stay B alone.
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public async Task ANodeClaimingAMembersAddressAtAPeer_WithAnotherKey_IsRefused(bool keyed)
    {
        var key = keyed ? ClusterKey.Generate() : null;
        await StartAsync(key);
        var member = await MemberAsync(key, linkedToA: false);

        using (var asNeighbour = await RawClient.ConnectAsync(_a.Address))
        {
            await asNeighbour.HandshakeAndSendAsync(key, _b.Address,
                new LinkRequest(1, Peer(_b).Certificate), new Pong(1, 1, []), new LinkClose());
            await asNeighbour.WaitClosedAsync(Patience, $"a connection claiming neighbour {_b.Address} at A");
        }
        using (var asMember = await RawClient.ConnectAsync(_a.Address))
        {
            await asMember.HandshakeAndSendAsync(key, member.Address, new LinkRequest(1, member.Certificate));
            await Eventually.HoldsAsync(() => Peer(_a).LinksRefused >= 1, "A refuses the link request shown with another node's certificate", Patience);
        }

        // The counter moves just before the node writes its line, on the node's thread: wait for the lines themselves.
        string? LastLine(string part) => LogLines(_a).LastOrDefault(l => l.Contains(part));
        string handshakePart = $"its hello claims {_b.Address}, which is registered with key", linkPart = $"refused the link request of {member.Address}: its certificate binds";
        await Eventually.HoldsAsync(() => LastLine(handshakePart) != null && LastLine(linkPart) != null, "A's log holds both refusals (the neighbour's address bound to its key; the certificate binding the member's key)", Patience);
        var atHandshake = LastLine(handshakePart);
        var atLink = LastLine(linkPart);
        Say($"probe ({(keyed ? "with the cluster key, held by the claimant" : "plaintext")}): a node claimed A's neighbour {_b.Address}, then member {member.Address} showing its certificate");
        Say($"  A's log: {atHandshake}");
        Say($"  A's log: {atLink}");
        Assert.That(atHandshake, Is.Not.Null, "the neighbour's address is bound to its key at A");
        Assert.That(atLink, Is.Not.Null, "the certificate binds the member's key, not the claimant's");
        var neighbours = await On(_a, p => p.Neighbours.Select(n => n.Address).ToArray());
        Assert.That(neighbours, Is.EqualTo(new[] { _b.Address }), "A still has B alone; the link with B is untouched");
    }

    private int Delivered(NodeHost at, NodeAddress origin) =>
        _net.Trace.Snapshot().Count(e => e.Kind == TraceKind.GossipDelivered && e.Node == at.Address && e.Message.Origin == origin);
}

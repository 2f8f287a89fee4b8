using System.Collections.Concurrent;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Tests.Support;
using GossipSim.RealNet.Transport;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Security;

/// <summary>
/// The cluster key on real sockets: key holders talk; a node with no key or another key is
/// refused at the handshake, on both sides, with a log line; and a key holder's frames replayed,
/// tampered with, or a whole recorded connection played again, are refused.
/// </summary>
public class ClusterKeyTransportTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly NodeAddress Claimed = NodeAddress.Parse("127.0.0.1:6001");
    private readonly List<TcpTransport> _transports = new();
    private readonly List<IDisposable> _clients = new();
    private readonly ConcurrentQueue<string> _log = new();

    [TearDown]
    public async Task DisposeAll()
    {
        foreach (var c in _clients) c.Dispose();
        _clients.Clear();
        foreach (var t in _transports)
        {
            t.Abort();
            await t.DisposeAsync();
        }
        _transports.Clear();
        _log.Clear();
    }

    private (TcpTransport Transport, Inbox Inbox) Start(ClusterKey? key, string name)
    {
        var t = TcpTransport.Listen(Loopback.AnyPort, new TcpTransportOptions { ClusterKey = key }, line => _log.Enqueue($"{name}: {line}"));
        _transports.Add(t);
        var inbox = new Inbox();
        t.Start(inbox.Add);
        return (t, inbox);
    }

    private async Task<RawClient> ConnectAsync(TcpTransport target)
    {
        var c = await RawClient.ConnectAsync(target.LocalAddress);
        _clients.Add(c);
        return c;
    }

    private static void Say(string text) => TestContext.Out.WriteLine(text);

    [Test]
    public async Task NodesWithTheSameKey_TalkBothWays()
    {
        var key = ClusterKey.Generate();
        var (a, inboxA) = Start(key, "A");
        var (b, inboxB) = Start(key, "B");
        for (int i = 1; i <= 50; i++) a.Send(b.LocalAddress, new Ping(i));
        await inboxB.WaitForAsync(50, Patience, "B receives A's pings");
        for (int i = 1; i <= 50; i++) b.Send(a.LocalAddress, new Pong(i, 1, [a.LocalAddress]));
        await inboxA.WaitForAsync(50, Patience, "A receives B's answers over the same connection");
        Assert.That(inboxB.Snapshot().Select(r => ((Ping)r.Message).Nonce), Is.EqualTo(Enumerable.Range(1, 50).Select(i => (long)i)), "in order");
        Assert.That(inboxB.Snapshot().All(r => r.From == a.LocalAddress));
        Assert.That((a.ConnectionCount, b.ConnectionCount), Is.EqualTo((1, 1)));
        Assert.That(_log, Is.Empty);
    }

    [Test]
    public async Task NodeWithoutTheKey_IsRefusedAtTheHandshake_InEitherDirection()
    {
        var (keyed, keyedInbox) = Start(ClusterKey.Generate(), "keyed");
        var (plain, plainInbox) = Start(null, "plain");
        plain.Send(keyed.LocalAddress, new DeadNodeReport(NodeAddress.Parse("127.0.0.1:6002"), 1, plain.LocalAddress));
        await Eventually.HoldsAsync(() => _log.Any(l => l.StartsWith("keyed:")), "the keyed node logs the refusal", Patience);
        keyed.Send(plain.LocalAddress, new Ping(1));
        await Eventually.HoldsAsync(() => _log.Any(l => l.StartsWith("plain: closing")) && _log.Any(l => l.StartsWith("keyed: cannot connect")),
            "both sides log the refusal of the keyed node's connection", Patience);
        Say("probe: a node without the key sends a dead-node report to a keyed node, and the keyed node pings it");
        foreach (var l in _log) Say(l);
        Logged("keyed: closing incoming connection from 127.0.0.1:", $"refused at the cluster-key handshake: {plain.LocalAddress} sent a plain hello: it runs without the cluster key");
        Logged("plain: closing incoming connection from 127.0.0.1:", "bad hello: the other node uses a cluster key, and this node runs without one");
        Logged($"keyed: cannot connect to {plain.LocalAddress}: cluster-key handshake failed");
        Logged($"plain: cannot connect to {keyed.LocalAddress}: handshake failed");
        Assert.That((keyedInbox.Count, plainInbox.Count), Is.EqualTo((0, 0)), "nothing crossed");
    }

    private void Logged(params string[] parts) =>
        Assert.That(_log.Any(l => parts.All(l.Contains)), $"a log line with: {string.Join(" ... ", parts)}");

    [Test]
    public async Task NodeWithAnotherKey_IsRefusedAtTheHandshake_ByBothSides()
    {
        var (a, inboxA) = Start(ClusterKey.Generate(), "A");
        var (b, inboxB) = Start(ClusterKey.Generate(), "B");
        a.Send(b.LocalAddress, new Ping(1));
        await Eventually.HoldsAsync(() => _log.Any(l => l.StartsWith("A: cannot connect")) && _log.Any(l => l.StartsWith("B: closing")),
            "both sides log the failed handshake", Patience);
        Say("probe: a node with another key connects");
        foreach (var l in _log) Say(l);
        Logged($"A: cannot connect to {b.LocalAddress}: cluster-key handshake failed: the other node does not hold this cluster key");
        Logged("B: closing incoming connection from 127.0.0.1:", $"(hello says {a.LocalAddress}): refused at the cluster-key handshake");
        Assert.That((inboxA.Count, inboxB.Count), Is.EqualTo((0, 0)));
        Assert.That(b.BadInputCount, Is.EqualTo(1));
    }

    [Test]
    public async Task ReplayedFrame_InsideAConnection_IsRefused_AndNotDeliveredTwice()
    {
        var key = ClusterKey.Generate();
        var (b, inbox) = Start(key, "B");
        var client = await ConnectAsync(b);
        await client.KeyedHandshakeAsync(key, Claimed);
        var captured = client.Session!.Seal(RawClient.Frame(new RegisterRequest(42)).AsSpan(4));
        await client.WriteAsync(captured);
        await inbox.WaitForAsync(1, Patience, "the first copy is delivered");
        await client.WriteAsync(captured);
        await client.WaitClosedAsync(Patience, "a replayed frame");
        Say($"probe: a key holder's sealed RegisterRequest (counter 0) is sent twice on its connection");
        Say($"node: {_log.Single()}");
        Assert.That(_log.Single(), Does.Contain("replayed frame: counter 0 was already received (expected 1)"));
        Assert.That(inbox.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task TamperedFrame_FailsAuthentication_AndIsNotDelivered()
    {
        var key = ClusterKey.Generate();
        var (b, inbox) = Start(key, "B");
        var client = await ConnectAsync(b);
        await client.KeyedHandshakeAsync(key, Claimed);
        var victim = NodeAddress.Parse("127.0.0.1:6002");
        var frame = client.Session!.Seal(RawClient.Frame(new DeadNodeReport(victim, 1, Claimed)).AsSpan(4));
        frame[4 + 8 + 2] ^= 0x20; // a bit inside the encrypted dead node's address
        await client.WriteAsync(frame);
        await client.WaitClosedAsync(Patience, "a tampered frame");
        Say("probe: one bit flipped in the ciphertext of a sealed DeadNodeReport");
        Say($"node: {_log.Single()}");
        Assert.That(_log.Single(), Does.Contain("frame 0 failed authentication"));
        Assert.That(inbox.Count, Is.Zero);
    }

    [Test]
    public async Task RecordedConnection_PlayedAgainOnANewOne_IsRefusedAtTheHandshake()
    {
        var key = ClusterKey.Generate();
        var (b, inbox) = Start(key, "B");
        var original = await ConnectAsync(b);
        await original.KeyedHandshakeAsync(key, Claimed);
        await original.SendAsync(new Goodbye(7));
        await inbox.WaitForAsync(1, Patience, "the original connection's Goodbye");
        original.Dispose();
        await Eventually.HoldsAsync(() => b.ConnectionCount == 0, "the original connection is closed", Patience);

        var recording = original.Written.ToArray();
        var replay = await ConnectAsync(b);
        await replay.WriteAsync(recording);
        await replay.WaitClosedAsync(Patience, "a recorded connection played again");
        Say($"probe: the {recording.Length} bytes a key holder sent (hello, handshake finish, a sealed Goodbye) are played again on a new connection");
        Say($"node: {_log.Single()}");
        // The recorded finish signs the first connection's challenge: the new one chose another.
        Assert.That(_log.Single(), Does.Contain("refused at the cluster-key handshake: its identity proof does not verify"));
        Assert.That(inbox.Count, Is.EqualTo(1), "the Goodbye is not delivered a second time");
    }
}

using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Tests.Support;
using GossipSim.RealNet.Transport;
using GossipSim.RealNet.Wire;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Transport;

/// <summary>What the TCP transport does beyond the shared contract: one connection per pair, bounds, handshake, idle close, back-off, drain.</summary>
public class TcpTransportTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly List<TcpTransport> _transports = new();
    private readonly ConcurrentQueue<string> _log = new();

    [TearDown]
    public async Task DisposeAll()
    {
        foreach (var t in _transports)
        {
            t.Abort();
            await t.DisposeAsync();
        }
        _transports.Clear();
    }

    private (TcpTransport Transport, Inbox Inbox) Start(TcpTransportOptions? options = null)
    {
        var t = TcpTransport.Listen(Loopback.AnyPort, options, line => _log.Enqueue(line));
        _transports.Add(t);
        var inbox = new Inbox();
        t.Start(inbox.Add);
        return (t, inbox);
    }

    private static async Task<TcpClient> RawConnectAsync(TcpTransport target)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(target.LocalAddress.ToEndPoint());
        return client;
    }

    [Test]
    public void Listen_OnPortZero_ReportsTheRealPort()
    {
        var (t, _) = Start();
        Assert.That(t.LocalAddress.Port, Is.Not.Zero);
        Assert.That(t.LocalAddress.IpText, Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public void Listen_OnAnyAddress_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => TcpTransport.Listen(new NodeAddress(0, 0)));
        Assert.That(e!.Message, Does.Contain("0.0.0.0"));
    }

    [Test]
    public async Task RepliesReuseTheIncomingConnection_SoAPairHasOneConnection()
    {
        var (a, inboxA) = Start();
        var (b, inboxB) = Start();
        a.Send(b.LocalAddress, new Ping(1));
        await inboxB.WaitForAsync(1, Patience, "B receives");
        for (int i = 0; i < 10; i++) b.Send(a.LocalAddress, new Ping(i));
        for (int i = 0; i < 10; i++) a.Send(b.LocalAddress, new Ping(i));
        await inboxA.WaitForAsync(10, Patience, "A receives B's replies");
        await inboxB.WaitForAsync(11, Patience, "B receives A's second batch");
        Assert.That(a.ConnectionCount, Is.EqualTo(1));
        Assert.That(b.ConnectionCount, Is.EqualTo(1));
    }

    [Test]
    public async Task OversizedFrame_ClosesThatConnection_BeforeReadingIt()
    {
        var (b, inbox) = Start(new TcpTransportOptions { MaxFrameBytes = 1024 });
        using var client = await RawClient.ConnectAsync(b.LocalAddress);
        Assert.That(await client.HelloAsync(NodeAddress.Parse("127.0.0.1:9")), Is.True);
        var header = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, 1025);
        await client.WriteAsync(header);
        await client.WaitClosedAsync(Patience, "a frame over the cap");
        Assert.That(b.BadInputCount, Is.EqualTo(1));
        Assert.That(_log, Has.Some.Contains("exceeds the 1024-byte cap"));
        Assert.That(inbox.Count, Is.Zero);
    }

    [TestCase("00000007" + "04" + "7F000001" + "1389", "unsupported protocol version 4")]
    [TestCase("00000009" + "22" + "0000000000000001", "bad hello")]
    [TestCase("00000000", "empty frame")]
    public async Task BadHello_ClosesThatConnection_AndTheNodeKeepsServingOthers(string hex, string expectedLog)
    {
        var (a, _) = Start();
        var (b, inboxB) = Start();
        using var client = await RawConnectAsync(b);
        await client.GetStream().WriteAsync(Convert.FromHexString(hex));
        await Loopback.WaitUntilClosedAsync(client).WaitAsync(Patience);
        Assert.That(_log, Has.Some.Contains(expectedLog));
        a.Send(b.LocalAddress, new Ping(5));
        await inboxB.WaitForAsync(1, Patience, "B still serves A");
    }

    [Test]
    public async Task NoHello_WithinTheConnectTimeout_ClosesThatConnection()
    {
        var (b, _) = Start(new TcpTransportOptions { ConnectTimeout = TimeSpan.FromMilliseconds(200) });
        using var client = await RawConnectAsync(b);
        await Loopback.WaitUntilClosedAsync(client).WaitAsync(Patience);
        Assert.That(_log, Has.Some.Contains("no hello within"));
    }

    [Test]
    public async Task TruncatedFrame_ThenClose_IsLoggedAndDeliversNothing()
    {
        var (b, inbox) = Start();
        using (var client = await RawClient.ConnectAsync(b.LocalAddress))
        {
            Assert.That(await client.HelloAsync(NodeAddress.Parse("127.0.0.1:9")), Is.True);
            var frame = Framing.EncodeFrame(new Ping(1), 1 << 20);
            await client.WriteAsync(frame[..^1]);
        }
        await Eventually.HoldsAsync(() => _log.Any(l => l.Contains("in the middle of a frame")), "the truncated frame is logged", Patience);
        Assert.That(inbox.Count, Is.Zero);
    }

    [Test]
    public async Task IdleConnection_IsClosed_AndReopenedByTheNextSend()
    {
        var options = new TcpTransportOptions { IdleTimeout = TimeSpan.FromMilliseconds(300) };
        var (a, _) = Start(options);
        var (b, inboxB) = Start(options);
        a.Send(b.LocalAddress, new Ping(1));
        await inboxB.WaitForAsync(1, Patience, "first ping");
        await Eventually.HoldsAsync(() => a.ConnectionCount == 0 && b.ConnectionCount == 0, "the idle connection is closed on both sides", Patience);
        a.Send(b.LocalAddress, new Ping(2));
        await inboxB.WaitForAsync(2, Patience, "second ping over a new connection");
    }

    [Test]
    public async Task AContactsConnection_ClosesAtTheContactIdleTimeout_WhileALinksWaitsTheFullOne()
    {
        var options = new TcpTransportOptions { IdleTimeout = TimeSpan.FromHours(1), ContactIdleTimeout = TimeSpan.FromMilliseconds(300) };
        var (a, _) = Start(options);
        var (link, inboxLink) = Start(options);
        var (contact, inboxContact) = Start(options);
        a.KeepOpen(link.LocalAddress, keep: true);
        link.KeepOpen(a.LocalAddress, keep: true);
        a.Send(link.LocalAddress, new Ping(1));
        a.Send(contact.LocalAddress, new Ping(1));
        await inboxLink.WaitForAsync(1, Patience, "the link's ping");
        await inboxContact.WaitForAsync(1, Patience, "the contact's ping");
        // Either end's timer may close the contact's connection first; the other end sees it closed a moment later (on a
        // loaded machine, later still), so the wait is for both ends before the link's connection is looked at.
        await Eventually.HoldsAsync(() => contact.ConnectionCount == 0 && a.ConnectionCount <= 1,
            "the contact's connection is closed at both ends", Patience);
        Assert.That((a.ConnectionCount, link.ConnectionCount), Is.EqualTo((1, 1)),
            "the link's connection, idle as long, is still open on both sides");

        a.KeepOpen(link.LocalAddress, keep: false);
        link.KeepOpen(a.LocalAddress, keep: false);
        await Eventually.HoldsAsync(() => a.ConnectionCount == 0 && link.ConnectionCount == 0,
            "once the link is down, its idle connection is a contact's and closes", Patience);
    }

    [Test]
    public void KeepOpen_CountsItsReasons_AndTheLinkKeeperFollowsTheTrace()
    {
        var (a, _) = Start();
        var other = NodeAddress.Parse("127.0.0.1:9");
        var keeper = new LinkKeeper(a);
        a.KeepOpen(other, keep: true); // a seed
        keeper.Write(new TraceEvent(TimeSpan.Zero, TraceKind.LinkUp, a.LocalAddress, other));
        keeper.Write(new TraceEvent(TimeSpan.Zero, TraceKind.LinkDown, a.LocalAddress, other));
        Assert.That(a.IsKeptOpen(other), Is.True, "still a seed after its link went down");
        a.KeepOpen(other, keep: false);
        Assert.That(a.IsKeptOpen(other), Is.False);
        keeper.Write(new TraceEvent(TimeSpan.Zero, TraceKind.GossipDelivered, a.LocalAddress, other));
        Assert.That(a.IsKeptOpen(other), Is.False, "only link-up and link-down move it");
    }

    [Test]
    public async Task UnreachableAddress_IsLoggedOnce_AndLaterSendsDropAtOnce()
    {
        var options = new TcpTransportOptions { ReconnectBackoffMin = TimeSpan.FromSeconds(30), ReconnectBackoffMax = TimeSpan.FromSeconds(30) };
        var (a, _) = Start(options);
        var dead = Loopback.DeadAddress();
        a.Send(dead, new Ping(1));
        // The failed connection counts its lost message before it leaves the transport's count of connections: wait for both.
        await Eventually.HoldsAsync(() => a.Dropped == 1 && a.ConnectionCount == 0, "the first message is dropped once the connect fails, and its connection is gone",
            Patience);
        for (int i = 0; i < 20; i++) a.Send(dead, new Ping(i));
        Assert.That(a.Dropped, Is.EqualTo(21), "during the back-off, sends drop without trying to connect");
        Assert.That(a.ConnectionCount, Is.Zero);
        Assert.That(_log.Count(l => l.Contains($"cannot connect to {dead}")), Is.EqualTo(1));
    }

    [Test]
    public async Task RefusedConnect_IsReportedWithTheSocketsMessage_WithoutAnException()
    {
        var (a, _) = Start(new TcpTransportOptions { ReconnectBackoffMin = TimeSpan.FromSeconds(30), ReconnectBackoffMax = TimeSpan.FromSeconds(30) });
        var dead = Loopback.DeadAddress();
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            Assert.That(await TcpConnection.ConnectNoThrowAsync(socket, dead.ToEndPoint(), CancellationToken.None), Is.EqualTo(SocketError.ConnectionRefused));
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            Assert.That(await TcpConnection.ConnectNoThrowAsync(socket, dead.ToEndPoint(), new CancellationToken(canceled: true)), Is.EqualTo(SocketError.OperationAborted));
        a.Send(dead, new Ping(1));
        await Eventually.HoldsAsync(() => a.Dropped == 1, "the connect fails", Patience);
        Assert.That(_log.Single(l => l.Contains("cannot connect")),
            Is.EqualTo($"cannot connect to {dead}: {new SocketException((int)SocketError.ConnectionRefused).Message}; messages to it are dropped until it answers"));
    }

    [Test]
    public async Task UnreachableAddress_IsRetriedAfterTheBackOff_WhenItComesUp()
    {
        var (a, _) = Start(new TcpTransportOptions { ReconnectBackoffMin = TimeSpan.FromMilliseconds(50) });
        var dead = Loopback.DeadAddress();
        a.Send(dead, new Ping(1));
        await Eventually.HoldsAsync(() => a.Dropped == 1, "the connect fails", Patience);
        TcpTransport b;
        try
        {
            b = TcpTransport.Listen(dead);
        }
        catch (SocketException)
        {
            Assert.Inconclusive("the released port was taken by someone else meanwhile");
            return;
        }
        _transports.Add(b);
        var inboxB = new Inbox();
        b.Start(inboxB.Add);
        await Eventually.HoldsAsync(() =>
        {
            a.Send(dead, new Ping(2));
            return inboxB.Count > 0;
        }, "a send after the back-off reaches the node that came up", Patience);
    }

    [Test]
    public async Task CleanDispose_SendsWhatIsQueued_BeforeClosing()
    {
        var (a, _) = Start(new TcpTransportOptions { DrainTimeout = TimeSpan.FromSeconds(30) });
        var (b, inboxB) = Start();
        for (int i = 1; i <= 500; i++) a.Send(b.LocalAddress, new Ping(i));
        a.Send(b.LocalAddress, new Goodbye(1));
        await a.DisposeAsync();
        await inboxB.WaitForAsync(m => m is Goodbye, Patience, "the goodbye queued last arrives");
        Assert.That(inboxB.Count, Is.EqualTo(501));
    }

    [Test]
    public async Task Abort_ClosesEveryConnection_AndTheOtherSideNotices()
    {
        var (a, _) = Start();
        var (b, inboxB) = Start();
        a.Send(b.LocalAddress, new Ping(1));
        await inboxB.WaitForAsync(1, Patience, "connected");
        a.Abort();
        await Eventually.HoldsAsync(() => b.ConnectionCount == 0, "B sees the connection closed", Patience);
    }

    [Test]
    public void MessageOverTheFrameCap_IsDroppedBySender_WithALogLine()
    {
        var (a, _) = Start(new TcpTransportOptions { MaxFrameBytes = 64 });
        var big = new PeerListReply(Enumerable.Range(1, 100).Select(i => new PeerListEntry(new NodeAddress((uint)i, 1), i)).ToArray(), true, 100);
        Assert.DoesNotThrow(() => a.Send(Loopback.DeadAddress(), big));
        Assert.That(a.Dropped, Is.EqualTo(1));
        Assert.That(_log, Has.Some.Contains("exceeds the 64-byte frame cap"));
    }

    [Test]
    public async Task SendToSelf_IsDeliveredLocally()
    {
        var (a, inboxA) = Start();
        a.Send(a.LocalAddress, new Ping(3));
        await inboxA.WaitForAsync(1, Patience, "A receives its own message");
        Assert.That(inboxA.Snapshot()[0].From, Is.EqualTo(a.LocalAddress));
        Assert.That(a.ConnectionCount, Is.Zero);
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Tests.Host;
using GossipSim.RealNet.Tests.Support;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Transport;
using GossipSim.RealNet.Wire;
using GossipSim.TestSupport;

namespace GossipSim.RealNet.Tests.Transport;

/// <summary>
/// TCP tells a sender when the other end is gone (a refused connect, a reset) or does not answer (a connect or a write that times
/// out), and the transport tells the node (its roles repair at once, as HyParView's and Plumtree's papers do): once per destination
/// per back-off, never for a node that answers.
/// </summary>
public class FailedSendTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly List<TcpTransport> _transports = new();

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

    private readonly List<IDisposable> _disposables = new();
    private readonly ConcurrentQueue<string> _log = new();

    [TearDown]
    public void DisposeSockets()
    {
        foreach (var d in _disposables) d.Dispose();
        _disposables.Clear();
        _log.Clear();
    }

    private (TcpTransport Transport, ConcurrentQueue<NodeAddress> Failed, Inbox Inbox) Start(TimeSpan? backoffMin = null,
        TcpTransportOptions? options = null)
    {
        options = (options ?? new TcpTransportOptions()) with { ReconnectBackoffMin = backoffMin ?? TimeSpan.FromMilliseconds(100) };
        var t = TcpTransport.Listen(Loopback.AnyPort, options, _log.Enqueue);
        _transports.Add(t);
        var failed = new ConcurrentQueue<NodeAddress>();
        t.ReportFailedSends(failed.Enqueue);
        var inbox = new Inbox();
        t.Start(inbox.Add);
        return (t, failed, inbox);
    }

    /// <summary>An address where nobody listens: a port the OS gave a listener that has closed.</summary>
    private static async Task<NodeAddress> ClosedPortAsync()
    {
        var gone = TcpTransport.Listen(Loopback.AnyPort);
        var address = gone.LocalAddress;
        await gone.DisposeAsync();
        return address;
    }

    // last report (ms, null: none yet), now, back-off -> reported
    [TestCase(null, 0L, 100L, true)]      // the first failure is news
    [TestCase(1_000L, 1_050L, 100L, false)] // within the back-off: a reset's refused reconnect, or a try the back-off let through early
    [TestCase(1_000L, 1_100L, 100L, true)]  // a back-off later: the next try failed too
    [TestCase(1_000L, 5_000L, 5_000L, false)]
    public void AFailedSend_IsReported_OncePerBackoff(long? last, long now, long backoff, bool reported) =>
        Assert.That(FailedSendReports.IsDue(last, now, backoff), Is.EqualTo(reported));

    [Test]
    public void EverySocket_RetriesACutAtMostASecondApart_AndGivesUpOnlyAfterTwoMinutes()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("the retry cap and the give-up in time are Linux's; elsewhere the OS's defaults apply");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var giveUpBefore = new byte[4];
        socket.GetRawSocketOption(CutRideOut.IpProtoTcp, CutRideOut.TcpUserTimeout, giveUpBefore);
        TcpTransport.Configure(socket);
        var giveUp = new byte[4];
        socket.GetRawSocketOption(CutRideOut.IpProtoTcp, CutRideOut.TcpUserTimeout, giveUp);
        Assert.That(BitConverter.ToUInt32(giveUpBefore), Is.Zero, "the kernel's default: a give-up counted in tries");
        Assert.That(BitConverter.ToUInt32(giveUp), Is.EqualTo(120_000u), "a cut of up to two minutes is ridden out");
        Assert.That(socket.NoDelay, Is.True);
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (!CutRideOut.Apply(probe))
        {
            // Not a part to install: the kernel (Linux before 6.15) keeps its own timer, which the partition test on the bed shows.
            TestContext.Out.WriteLine($"this kernel ({Environment.OSVersion.Version}) has no TCP_RTO_MAX_MS: the retry cap was not checked");
            return;
        }
        var retry = new byte[4];
        socket.GetRawSocketOption(CutRideOut.IpProtoTcp, CutRideOut.TcpRtoMaxMs, retry);
        Assert.That(BitConverter.ToUInt32(retry), Is.EqualTo(1_000u), "tries at most a second apart (the kernel's default: 120 s)");
    }

    [Test]
    public void AConnectionEndedByTheOtherEnd_IsAReset_AndOtherEndsAreNot()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TcpConnection.IsReset(new SocketException((int)SocketError.ConnectionReset)), Is.True);
            Assert.That(TcpConnection.IsReset(new IOException("read", new SocketException((int)SocketError.ConnectionReset))), Is.True);
            Assert.That(TcpConnection.IsReset(new IOException("write", new SocketException((int)SocketError.Shutdown))), Is.True, "a broken pipe");
            Assert.That(TcpConnection.IsReset(new SocketException((int)SocketError.TimedOut)), Is.False);
            Assert.That(TcpConnection.IsTimedOut(new IOException("write", new SocketException((int)SocketError.TimedOut))), Is.True,
                "never acknowledged, or keep-alive unanswered");
            Assert.That(TcpConnection.IsTimedOut(new SocketException((int)SocketError.ConnectionReset)), Is.False);
            Assert.That(TcpConnection.IsTimedOut(new OperationCanceledException()), Is.False, "closed by this side");
            Assert.That(TcpConnection.IsReset(new OperationCanceledException()), Is.False, "closed by this side");
            Assert.That(TcpConnection.IsReset(new IOException("no socket inside")), Is.False);
        });
    }

    [Test]
    public async Task SendsToAClosedPort_AreReportedOnce_WithinTheBackoff_AndAgainAfterIt()
    {
        // A back-off of 5 s: the second batch must go within it, and under CI's load a test thread can stall for a second.
        var backoff = TimeSpan.FromSeconds(5);
        var (a, failed, _) = Start(backoffMin: backoff);
        var closed = await ClosedPortAsync();
        for (int i = 0; i < 20; i++) a.Send(closed, new Ping(i));
        await Eventually.HoldsAsync(() => failed.Count >= 1, "the refused connect is reported", Patience);
        for (int i = 0; i < 20; i++) a.Send(closed, new Ping(i)); // in the back-off: dropped untried
        // Order, not time: every one of the 40 is dropped (untried, or lost with the failed connection), and a connect that
        // fails reports before it counts what it lost; so once all 40 are counted, any second try has reported.
        await Eventually.HoldsAsync(() => a.Dropped == 40, $"every send is dropped ({a.Dropped} so far)", Patience);
        Assert.That(failed, Is.EqualTo(new[] { closed }), "one report for 40 sends within one back-off");
        await Task.Delay(backoff + TimeSpan.FromSeconds(0.1));
        a.Send(closed, new Ping(99)); // the back-off is over: tried again, refused again
        await Eventually.HoldsAsync(() => failed.Count >= 2, "the next try's refusal is reported", Patience);
        Assert.That(failed.Distinct(), Is.EqualTo(new[] { closed }));
        Assert.That(a.FailedSendsReported, Is.EqualTo(2));
    }

    /// <summary>A listener whose accept queue is full and which never accepts: the kernel drops each new SYN, so a connect to it gets
    /// no answer at all, as across a network cut (on loopback, without root, where no address can be black-holed).</summary>
    private NodeAddress Unanswering()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _disposables.Add(listener);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var at = (IPEndPoint)listener.LocalEndPoint!;
        // Linux queues backlog + 1 connections; a few more make sure the queue is full whatever the kernel's rule.
        for (int i = 0; i < 4; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _disposables.Add(filler);
            _ = filler.ConnectAsync(at).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        }
        return NodeAddress.FromIp(IPAddress.Loopback, at.Port);
    }

    [Test]
    public async Task SendsToAnAddressThatNeverAnswers_AreReported_WhenTheConnectTimesOut_OncePerBackoff()
    {
        var (a, failed, _) = Start(backoffMin: TimeSpan.FromSeconds(5),
            options: new TcpTransportOptions { ConnectTimeout = TimeSpan.FromMilliseconds(500) });
        var silent = Unanswering();
        await Task.Delay(200); // the fillers' connects are in the queue
        for (int i = 0; i < 20; i++) a.Send(silent, new Ping(i));
        await Eventually.HoldsAsync(() => failed.Count >= 1, "the connect with no answer is reported", Patience);
        for (int i = 0; i < 20; i++) a.Send(silent, new Ping(i)); // in the back-off: dropped untried
        // Order, not time: every one of the 40 is dropped (untried, or lost with the connection that timed out), and a connect
        // that fails reports before it counts what it lost; so once all 40 are counted, any second try has reported.
        await Eventually.HoldsAsync(() => a.Dropped == 40, $"every send is dropped ({a.Dropped} so far)", Patience);
        Say($"node: {_log.FirstOrDefault(l => l.Contains("cannot connect"))}");
        Assert.That(failed, Is.EqualTo(new[] { silent }), "one report for 40 sends within one back-off");
        Assert.That(_log, Has.Some.Contains($"cannot connect to {silent}: no answer within 0.5 s"),
            "the connect timed out (a refusal would say so)");
    }

    [Test]
    public async Task ASendTheOtherSideNeverTakes_IsReported_WhenTheWriteTimesOut()
    {
        var (a, failed, _) = Start(options: new TcpTransportOptions { MaxQueuedBytesPerConnection = 1 << 20, FrameTimeout = TimeSpan.FromSeconds(1) });
        var silent = new SilentReceiver(Patience);
        _disposables.Add(silent);
        var (target, accepting, big) = (silent.Target, silent.Accepting, SilentReceiver.Flood);
        for (int i = 0; i < 3000; i++) a.Send(target, big); // ~30 MB: more than the kernel's buffers take
        using var accepted = await accepting.WaitAsync(Patience);
        await Eventually.HoldsAsync(() => !failed.IsEmpty, "the frame not taken is reported", Patience);
        Say($"node: {_log.FirstOrDefault(l => l.Contains("stopped reading"))}");
        Assert.That(failed, Is.EqualTo(new[] { target }));
        Assert.That(_log, Has.Some.Contains("stopped reading"), "closed by the watchdog at the frame timeout");
        Assert.That(_log, Has.None.Contains("cannot connect"), "the connect succeeded: it is the write that timed out");
    }

    private static void Say(string text) => TestContext.Out.WriteLine(text);

    [Test]
    public async Task APeerThatAnswers_IsNeverReported_AndOnceItCrashes_ItIs()
    {
        var (a, failed, _) = Start();
        var (b, _, inboxB) = Start();
        for (int i = 0; i < 10; i++) a.Send(b.LocalAddress, new Ping(i));
        await inboxB.WaitForAsync(10, Patience, "B receives");
        Assert.That(failed, Is.Empty, "B answers: nothing to report");
        var bAt = b.LocalAddress;
        b.Abort(); // a crash: its sockets close, its port refuses
        await Eventually.HoldsAsync(() =>
        {
            a.Send(bAt, new Ping(0));
            return !failed.IsEmpty;
        }, "a send after B's crash is reported", Patience);
        Assert.That(failed.Distinct(), Is.EqualTo(new[] { bAt }));
    }

    [Test]
    public async Task ANodeOnTcp_HearsItsFailedSend_OnItsLoop()
    {
        var node = new RecordingNode();
        var transport = TcpTransport.Listen(Loopback.AnyPort);
        await using var host = new NodeHost(node, transport, new NodeHostOptions { Random = new Rng(1) });
        host.Start();
        var closed = await ClosedPortAsync();
        await host.InvokeAsync(n =>
        {
            ((RecordingNode)n).Send(closed, new Ping(1));
            return 0;
        });
        await Eventually.HoldsAsync(() => node.Calls.Contains($"send failed {closed}"), "the node hears it", Patience);
        Assert.That(node.MaxConcurrency, Is.EqualTo(1), "on the node's loop, like every other call");
        await host.CrashAsync();
    }
}

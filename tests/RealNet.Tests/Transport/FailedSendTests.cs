using System.Collections.Concurrent;
using System.Net.Sockets;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Tests.Host;
using GossipSim.RealNet.Tests.Support;
using GossipSim.RealNet.Transport;
using GossipSim.TestSupport;

namespace GossipSim.RealNet.Tests.Transport;

/// <summary>
/// TCP tells a sender when the other end is gone (a refused connect, a reset), and the transport tells the node (its roles repair
/// at once, as HyParView's and Plumtree's papers do): once per destination per back-off, never for a node that answers.
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

    private (TcpTransport Transport, ConcurrentQueue<NodeAddress> Failed, Inbox Inbox) Start(TimeSpan? backoffMin = null)
    {
        var options = new TcpTransportOptions { ReconnectBackoffMin = backoffMin ?? TimeSpan.FromMilliseconds(100) };
        var t = TcpTransport.Listen(Loopback.AnyPort, options);
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
    public void AConnectionEndedByTheOtherEnd_IsAReset_AndOtherEndsAreNot()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TcpConnection.IsReset(new SocketException((int)SocketError.ConnectionReset)), Is.True);
            Assert.That(TcpConnection.IsReset(new IOException("read", new SocketException((int)SocketError.ConnectionReset))), Is.True);
            Assert.That(TcpConnection.IsReset(new IOException("write", new SocketException((int)SocketError.Shutdown))), Is.True, "a broken pipe");
            Assert.That(TcpConnection.IsReset(new SocketException((int)SocketError.TimedOut)), Is.False);
            Assert.That(TcpConnection.IsReset(new OperationCanceledException()), Is.False, "closed by this side");
            Assert.That(TcpConnection.IsReset(new IOException("no socket inside")), Is.False);
        });
    }

    [Test]
    public async Task SendsToAClosedPort_AreReportedOnce_WithinTheBackoff_AndAgainAfterIt()
    {
        var (a, failed, _) = Start(backoffMin: TimeSpan.FromSeconds(1));
        var closed = await ClosedPortAsync();
        for (int i = 0; i < 20; i++) a.Send(closed, new Ping(i));
        await Eventually.HoldsAsync(() => failed.Count >= 1, "the refused connect is reported", Patience);
        for (int i = 0; i < 20; i++) a.Send(closed, new Ping(i)); // in the back-off: dropped untried
        await Task.Delay(300);
        Assert.That(failed, Is.EqualTo(new[] { closed }), "one report for 40 sends within one back-off");
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        a.Send(closed, new Ping(99)); // the back-off is over: tried again, refused again
        await Eventually.HoldsAsync(() => failed.Count >= 2, "the next try's refusal is reported", Patience);
        Assert.That(failed.Distinct(), Is.EqualTo(new[] { closed }));
        Assert.That(a.FailedSendsReported, Is.EqualTo(2));
    }

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

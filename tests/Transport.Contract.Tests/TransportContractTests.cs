using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Transport.Contract.Tests;

/// <summary>
/// The behaviour every <see cref="ITransport"/> promises (its doc comment), written once and run
/// against each implementation, in the manner of System.Threading.Channels' ChannelTestBase: a
/// fixture says how to open endpoints and let the network work, and states with the capability
/// flags what its transport promises; each test asserts only what the flags promise and skips
/// what they do not. Nothing here knows about sockets or simulated time.
/// </summary>
public abstract class TransportContractTests
{
    private readonly List<ITransport> _opened = new();

    // ---- what the transport promises ----

    /// <summary>Messages from one sender to one receiver arrive in the order sent (a lost one leaves a gap).</summary>
    protected virtual bool PreservesPerSenderOrder => true;

    protected virtual bool MayDrop => false;

    protected virtual bool MayDuplicate => false;

    protected virtual bool MayReorder => false;

    /// <summary>Messages wait at the sender while the receiver does not take them (TCP's send queues): Abort discards them.</summary>
    protected virtual bool QueuesAtSender => false;

    // ---- how to drive it ----

    /// <summary>A new endpoint, not started, that can reach and be reached by every other endpoint of this test.</summary>
    protected abstract ITransport CreateEndpoint();

    /// <summary>Like <see cref="CreateEndpoint"/>, but able to queue far more than any socket buffer holds.</summary>
    protected virtual ITransport CreateEndpointWithDeepQueue() => CreateEndpoint();

    /// <summary>An address where nobody listens.</summary>
    protected abstract NodeAddress UnusedAddress();

    /// <summary>Lets the network work until <paramref name="condition"/> holds; fails the test, saying <paramref name="what"/>, if it never does.</summary>
    protected abstract Task RunUntilAsync(Func<bool> condition, string what);

    /// <summary>
    /// Lets everything in flight to or from <paramref name="endpoints"/> arrive or be lost. Call it
    /// only once the other end of each of their links is gone (aborted or closed), so that there
    /// is an end to wait for.
    /// </summary>
    protected abstract Task SettleAsync(params ITransport[] endpoints);

    /// <summary>
    /// Makes <paramref name="target"/> receive a malformed frame from a third party on a connection
    /// of its own. Returns a task that completes once the target has closed that connection, or
    /// null when the implementation has no notion of frames (the test is then skipped).
    /// </summary>
    protected virtual Task<Task?> InjectMalformedFrameAsync(ITransport target) => Task.FromResult<Task?>(null);

    // ---- helpers ----

    protected ITransport Open(bool deepQueue = false)
    {
        var t = deepQueue ? CreateEndpointWithDeepQueue() : CreateEndpoint();
        _opened.Add(t);
        return t;
    }

    protected (ITransport Transport, Inbox Inbox) Started(bool deepQueue = false)
    {
        var t = Open(deepQueue);
        var inbox = new Inbox();
        t.Start(inbox.Add);
        return (t, inbox);
    }

    [TearDown]
    public async Task CloseEndpoints()
    {
        foreach (var t in _opened)
        {
            t.Abort();
            await t.DisposeAsync();
        }
        _opened.Clear();
    }

    private static long[] Nonces(Inbox inbox) => inbox.Snapshot().Select(r => ((Ping)r.Message).Nonce).ToArray();

    /// <summary>How many different pings arrived (a duplicating transport may deliver some twice).</summary>
    private static int DistinctPings(Inbox inbox) => Nonces(inbox).Distinct().Count();

    /// <summary>Sends pings 1..n and waits until one arrives (a lossy transport may need many); returns how many arrived by then.</summary>
    private async Task<int> DeliverAtLeastOneAsync(ITransport from, ITransport to, Inbox inbox, int n = 50)
    {
        for (int i = 1; i <= n; i++) from.Send(to.LocalAddress, new Ping(i));
        await RunUntilAsync(() => DistinctPings(inbox) >= (MayDrop ? 1 : n), "the pings arrive");
        return inbox.Count;
    }

    /// <summary>Two endpoints send each other pings 1..n, interleaved; returns once every ping arrived (one, where the transport may drop).</summary>
    private async Task<(ITransport A, Inbox InboxA, ITransport B, Inbox InboxB)> ExchangeAsync(int n)
    {
        var (a, inboxA) = Started();
        var (b, inboxB) = Started();
        for (int i = 1; i <= n; i++)
        {
            a.Send(b.LocalAddress, new Ping(i));
            b.Send(a.LocalAddress, new Ping(i));
        }
        int expected = MayDrop ? 1 : n;
        await RunUntilAsync(() => DistinctPings(inboxA) >= expected && DistinctPings(inboxB) >= expected, "both directions deliver");
        return (a, inboxA, b, inboxB);
    }

    // ---- the contract ----

    [Test]
    public async Task Send_IsReceived_WithTheSendersAddress()
    {
        var (a, _) = Started();
        var (b, inboxB) = Started();
        await DeliverAtLeastOneAsync(a, b, inboxB);
        Assert.That(inboxB.Snapshot().Select(r => r.From), Is.All.EqualTo(a.LocalAddress));
        Assert.That(Nonces(inboxB), Is.All.InRange(1, 50), "only what was sent arrives");
    }

    [Test]
    public async Task AReply_ToTheReportedSender_ReachesIt()
    {
        var (a, inboxA) = Started();
        var (b, inboxB) = Started();
        await DeliverAtLeastOneAsync(a, b, inboxB);
        var (from, ping) = inboxB.Snapshot()[0];
        for (int i = 0; i < 50; i++) b.Send(from, new Pong(((Ping)ping).Nonce, i, []));
        await RunUntilAsync(() => inboxA.Count >= 1, "A receives a pong");
        var reply = inboxA.Snapshot()[0];
        Assert.That(reply.From, Is.EqualTo(b.LocalAddress));
        Assert.That(((Pong)reply.Message).Nonce, Is.EqualTo(((Ping)ping).Nonce));
    }

    [Test]
    public async Task Send_ToItsOwnAddress_IsReceivedFromItself()
    {
        var (a, inboxA) = Started();
        for (int i = 1; i <= 50; i++) a.Send(a.LocalAddress, new Ping(i));
        await RunUntilAsync(() => DistinctPings(inboxA) >= (MayDrop ? 1 : 50), "A receives its own pings");
        Assert.That(inboxA.Snapshot().Select(r => r.From), Is.All.EqualTo(a.LocalAddress));
    }

    [Test]
    public async Task EveryMessage_ArrivesOnce_ExceptWhereTheTransportMayDropOrDuplicate()
    {
        const int n = 500;
        var (a, inboxA, b, inboxB) = await ExchangeAsync(n);
        foreach (var (inbox, sender) in new[] { (inboxB, a), (inboxA, b) })
        {
            var got = Nonces(inbox);
            Assert.That(inbox.Snapshot().Select(r => r.From), Is.All.EqualTo(sender.LocalAddress));
            Assert.That(got, Is.All.InRange(1, n), "nothing arrives that was not sent");
            if (!MayDuplicate) Assert.That(got, Is.Unique, "no message arrives twice");
            if (!MayDrop) Assert.That(got.Distinct().Count(), Is.EqualTo(n), "every message arrives");
            else Assert.That(got.Distinct().Count(), Is.LessThanOrEqualTo(n));
        }
    }

    [Test]
    public async Task Messages_FromOneSender_ArriveInTheOrderSent()
    {
        if (!PreservesPerSenderOrder || MayReorder) Assert.Ignore("this transport does not promise per-sender order");
        const int n = 2000;
        var (_, inboxA, _, inboxB) = await ExchangeAsync(n);
        foreach (var got in new[] { Nonces(inboxB), Nonces(inboxA) })
        {
            Assert.That(got, Is.Ordered.And.Unique, "a later message never overtakes an earlier one");
            if (!MayDrop) Assert.That(got, Is.EqualTo(Enumerable.Range(1, n).Select(i => (long)i)));
        }
    }

    [Test]
    public async Task Send_ToAnAddressWhereNobodyListens_IsDroppedWithoutException_AndOtherLinksWork()
    {
        var (a, _) = Started();
        var (b, inboxB) = Started();
        var nobody = UnusedAddress();
        Assert.DoesNotThrow(() =>
        {
            for (int i = 0; i < 50; i++) a.Send(nobody, new Ping(i));
        });
        await DeliverAtLeastOneAsync(a, b, inboxB);
        Assert.That(inboxB.Snapshot().Select(r => r.From), Is.All.EqualTo(a.LocalAddress));
    }

    [Test]
    public async Task AnAbortedEndpoint_ReceivesNothingMore_AndSendingToItDoesNotThrow()
    {
        var (a, inboxA) = Started();
        var (b, inboxB) = Started();
        int before = await DeliverAtLeastOneAsync(a, b, inboxB);
        b.Abort();
        Assert.DoesNotThrow(() =>
        {
            for (int i = 100; i < 200; i++) a.Send(b.LocalAddress, new Ping(i));
            b.Send(a.LocalAddress, new Ping(1));
        });
        await SettleAsync(a, b);
        Assert.That(inboxB.Count, Is.EqualTo(before), "an aborted endpoint delivers nothing more");
        Assert.That(inboxA.Count, Is.Zero, "an aborted endpoint sends nothing");
    }

    [Test]
    public async Task Send_AfterAClose_DoesNotThrow_AndIsNotDelivered([Values] bool abort)
    {
        var (a, _) = Started();
        var (b, inboxB) = Started();
        int before = await DeliverAtLeastOneAsync(a, b, inboxB);
        if (abort) a.Abort();
        else await a.DisposeAsync();
        Assert.DoesNotThrow(() => a.Send(b.LocalAddress, new Ping(1000)));
        await SettleAsync(a, b);
        Assert.That(Nonces(inboxB), Has.None.EqualTo(1000), "nothing sent after the close arrives");
        Assert.That(inboxB.Count, Is.GreaterThanOrEqualTo(before));
    }

    [Test]
    public async Task ACleanClose_DeliversWhatWasSentBeforeIt()
    {
        if (MayDrop) Assert.Ignore("this transport may drop any message");
        const int n = 200;
        var (a, _) = Started();
        var (b, inboxB) = Started();
        for (int i = 1; i <= n; i++) a.Send(b.LocalAddress, new Ping(i));
        await a.DisposeAsync();
        await RunUntilAsync(() => DistinctPings(inboxB) >= n, "B receives everything A sent before closing");
        Assert.That(Nonces(inboxB), Is.All.InRange(1, n));
    }

    [Test]
    public async Task Abort_DiscardsWhatIsStillQueued_AndTheReceiverGetsAPrefix()
    {
        if (!QueuesAtSender) Assert.Ignore("a message is on the wire once sent: nothing is queued for Abort to discard");
        const int n = 128;
        // 128 messages of 500 kB: 64 MB, far more than the socket buffers between the two hold.
        var entries = Enumerable.Range(0, 50_000).Select(i => new PeerListEntry(new NodeAddress(0x0A000000u + (uint)i, 7000), i)).ToArray();
        var a = Open(deepQueue: true);
        a.Start((_, _, _) => { });
        var b = Open();
        var inbox = new Inbox();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        b.Start((from, message, bytes) =>
        {
            // The receiver takes the first message, then stops taking any: the rest queue up at A.
            held.TrySetResult();
            release.Wait();
            inbox.Add(from, message, bytes);
        });
        for (int i = 1; i <= n; i++) a.Send(b.LocalAddress, new PeerListReply(entries, true, i));
        await RunUntilAsync(() => held.Task.IsCompleted, "B receives the first message");
        a.Abort();
        release.Set();
        await SettleAsync(b);
        var got = inbox.Snapshot().Select(r => ((PeerListReply)r.Message).TotalPeers).ToArray();
        Assert.That(got, Is.EqualTo(Enumerable.Range(1, got.Length)), "what arrives is a prefix of what was sent");
        Assert.That(got.Length, Is.LessThan(n), "what was still queued at the abort never arrives");
    }

    [Test]
    public async Task ALargeMessage_ArrivesWhole()
    {
        var (a, _) = Started();
        var (b, inboxB) = Started();
        var entries = Enumerable.Range(0, 20_000).Select(i => new PeerListEntry(new NodeAddress(0x0A000000u + (uint)i, (ushort)(1 + i % 60000)), i)).ToArray();
        for (int i = 0; i < (MayDrop ? 20 : 1); i++) a.Send(b.LocalAddress, new PeerListReply(entries, true, entries.Length));
        await RunUntilAsync(() => inboxB.Count >= 1, "B receives the big peer list");
        var got = (PeerListReply)inboxB.Snapshot()[0].Message;
        Assert.That(got.Entries, Is.EqualTo(entries));
    }

    [Test]
    public async Task LargeMessages_FromOneSender_ArriveWholeAndInTheOrderSent()
    {
        // Each is larger than a socket's buffer: the socket takes only part of one, and the rest must still leave before the next.
        if (!PreservesPerSenderOrder || MayReorder) Assert.Ignore("this transport does not promise per-sender order");
        var (a, _) = Started();
        var (b, inboxB) = Started();
        const int n = 12, size = 20_000;
        var lists = Enumerable.Range(0, n).Select(k => Enumerable.Range(0, size + k)
            .Select(i => new PeerListEntry(new NodeAddress(0x0A000000u + (uint)(i + k), (ushort)(1 + i % 60000)), i)).ToArray()).ToArray();
        foreach (var list in lists) a.Send(b.LocalAddress, new PeerListReply(list, true, list.Length));
        await RunUntilAsync(() => inboxB.Count >= (MayDrop ? 1 : n), "B receives the big peer lists");
        var got = inboxB.Snapshot().Select(r => ((PeerListReply)r.Message).Entries).ToArray();
        Assert.That(got.Select(e => e.Length - size), Is.Ordered.And.Unique, "a later message never overtakes an earlier one");
        if (!MayDrop) Assert.That(got.Select(e => e.Length - size), Is.EqualTo(Enumerable.Range(0, n)));
        foreach (var entries in got) Assert.That(entries, Is.EqualTo(lists[entries.Length - size]), "each arrives whole");
    }

    [Test]
    public async Task AMalformedFrame_ClosesOnlyThatConnection()
    {
        var (a, inboxA) = Started();
        var (b, inboxB) = Started();
        a.Send(b.LocalAddress, new Ping(1));
        await RunUntilAsync(() => inboxB.Count >= 1, "A and B are connected");
        var closed = await InjectMalformedFrameAsync(b);
        if (closed == null) Assert.Ignore("this transport has no frames to corrupt");
        await RunUntilAsync(() => closed.IsCompleted, "B closes the bad connection");
        Assert.That(inboxB.Count, Is.EqualTo(1), "nothing from the bad connection was delivered");
        a.Send(b.LocalAddress, new Ping(2));
        b.Send(a.LocalAddress, new Ping(3));
        await RunUntilAsync(() => Nonces(inboxB).Contains(2), "A still reaches B");
        await RunUntilAsync(() => Nonces(inboxA).Contains(3), "B still reaches A");
    }
}

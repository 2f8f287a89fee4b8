using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Transport;

namespace GossipSim.RealNet.Tests.TransportContract;

/// <summary>
/// The behaviour every <see cref="ITransport"/> promises (see its doc comment), written once and
/// run against each implementation: a subclass supplies <see cref="CreatePairAsync"/> and,
/// where it can, <see cref="InjectMalformedFrameAsync"/>. Nothing here knows about sockets or nodes.
/// </summary>
public abstract class TransportContractTests
{
    private readonly List<TransportPair> _pairs = new();

    /// <summary>Two new endpoints that can reach each other (not started) and an address where nobody listens.</summary>
    protected abstract Task<TransportPair> CreatePairAsync();

    /// <summary>
    /// Makes <paramref name="target"/> receive a malformed frame from a third party on a connection
    /// of its own. Returns a task that completes once the target has closed that connection, or
    /// null when the implementation has no notion of frames (the test is then skipped).
    /// </summary>
    protected virtual Task<Task?> InjectMalformedFrameAsync(ITransport target) => Task.FromResult<Task?>(null);

    /// <summary>How long to wait for something that should happen at once on an idle machine.</summary>
    protected virtual TimeSpan Patience => TimeSpan.FromSeconds(30);

    protected sealed record Started(ITransport A, Inbox InboxA, ITransport B, Inbox InboxB, NodeAddress Dead);

    protected async Task<Started> StartPairAsync()
    {
        var pair = await CreatePairAsync();
        _pairs.Add(pair);
        var inboxA = new Inbox();
        var inboxB = new Inbox();
        pair.A.Start(inboxA.Add);
        pair.B.Start(inboxB.Add);
        return new Started(pair.A, inboxA, pair.B, inboxB, pair.DeadAddress);
    }

    [TearDown]
    public async Task DisposePairs()
    {
        foreach (var p in _pairs)
        {
            p.A.Abort();
            p.B.Abort();
            await p.A.DisposeAsync();
            await p.B.DisposeAsync();
        }
        _pairs.Clear();
    }

    [Test]
    public async Task Send_IsReceivedByTheOtherEndpoint_FromTheSendersAddress()
    {
        var t = await StartPairAsync();
        t.A.Send(t.B.LocalAddress, new Ping(42));
        await t.InboxB.WaitForAsync(1, Patience, "B receives A's ping");
        var (from, message) = t.InboxB.Snapshot().Single();
        Assert.That(from, Is.EqualTo(t.A.LocalAddress));
        Assert.That(message, Is.EqualTo(new Ping(42)));
    }

    [Test]
    public async Task Reply_GoesBackToTheSender()
    {
        var t = await StartPairAsync();
        t.A.Send(t.B.LocalAddress, new Ping(7));
        await t.InboxB.WaitForAsync(1, Patience, "B receives the ping");
        var (from, ping) = t.InboxB.Snapshot()[0];
        t.B.Send(from, new Pong(((Ping)ping).Nonce, 1, []));
        await t.InboxA.WaitForAsync(1, Patience, "A receives the pong");
        var reply = t.InboxA.Snapshot()[0];
        Assert.That(reply.From, Is.EqualTo(t.B.LocalAddress));
        Assert.That(((Pong)reply.Message).Nonce, Is.EqualTo(7));
    }

    [Test]
    public async Task Messages_FromOneSender_ArriveInTheOrderSent_InBothDirectionsAtOnce()
    {
        var t = await StartPairAsync();
        const int n = 2000;
        var toB = Task.Run(() => { for (int i = 1; i <= n; i++) t.A.Send(t.B.LocalAddress, new Ping(i)); });
        var toA = Task.Run(() => { for (int i = 1; i <= n; i++) t.B.Send(t.A.LocalAddress, new Ping(i)); });
        await Task.WhenAll(toA, toB);
        await t.InboxB.WaitForAsync(n, Patience, "B receives all of A's pings");
        await t.InboxA.WaitForAsync(n, Patience, "A receives all of B's pings");
        Assert.That(t.InboxB.Snapshot().Select(r => ((Ping)r.Message).Nonce), Is.EqualTo(Enumerable.Range(1, n).Select(i => (long)i)));
        Assert.That(t.InboxA.Snapshot().Select(r => ((Ping)r.Message).Nonce), Is.EqualTo(Enumerable.Range(1, n).Select(i => (long)i)));
    }

    [Test]
    public async Task Send_ToAnAddressWhereNobodyListens_IsDroppedWithoutException()
    {
        var t = await StartPairAsync();
        Assert.DoesNotThrow(() =>
        {
            for (int i = 0; i < 50; i++) t.A.Send(t.Dead, new Ping(i));
        });
        // The failure toward one address leaves every other link alone.
        t.A.Send(t.B.LocalAddress, new Ping(99));
        await t.InboxB.WaitForAsync(m => m is Ping { Nonce: 99 }, Patience, "B still receives from A");
    }

    [Test]
    public async Task Send_ToAnAbortedEndpoint_IsDroppedWithoutException_AndNothingMoreIsDelivered()
    {
        var t = await StartPairAsync();
        t.A.Send(t.B.LocalAddress, new Ping(1));
        await t.InboxB.WaitForAsync(1, Patience, "B receives the first ping");
        t.B.Abort();
        Assert.DoesNotThrow(() =>
        {
            for (int i = 2; i < 100; i++) t.A.Send(t.B.LocalAddress, new Ping(i));
        });
        // Prove A's side has moved on (it still reaches others) before checking that B got nothing more.
        t.A.Send(t.Dead, new Ping(1000));
        await Task.Delay(200);
        Assert.That(t.InboxB.Count, Is.EqualTo(1), "an aborted endpoint delivers nothing");
    }

    [Test]
    public async Task Send_AfterDispose_DoesNotThrow()
    {
        var t = await StartPairAsync();
        await t.A.DisposeAsync();
        Assert.DoesNotThrow(() => t.A.Send(t.B.LocalAddress, new Ping(1)));
    }

    [Test]
    public async Task LargeMessage_ArrivesWhole()
    {
        var t = await StartPairAsync();
        var entries = Enumerable.Range(0, 20_000).Select(i => new PeerListEntry(new NodeAddress(0x0A000000u + (uint)i, (ushort)(1 + i % 60000)), i)).ToArray();
        t.A.Send(t.B.LocalAddress, new PeerListReply(entries, true, entries.Length));
        await t.InboxB.WaitForAsync(1, Patience, "B receives the big peer list");
        var got = (PeerListReply)t.InboxB.Snapshot()[0].Message;
        Assert.That(got.Entries, Is.EqualTo(entries));
    }

    [Test]
    public async Task MalformedFrame_ClosesOnlyThatConnection()
    {
        var t = await StartPairAsync();
        t.A.Send(t.B.LocalAddress, new Ping(1));
        await t.InboxB.WaitForAsync(1, Patience, "A and B are connected");
        var closed = await InjectMalformedFrameAsync(t.B);
        if (closed == null) Assert.Ignore("this transport has no frames to corrupt");
        await closed.WaitAsync(Patience);
        Assert.That(t.InboxB.Count, Is.EqualTo(1), "nothing from the bad connection was delivered");
        t.A.Send(t.B.LocalAddress, new Ping(2));
        t.B.Send(t.A.LocalAddress, new Ping(3));
        await t.InboxB.WaitForAsync(m => m is Ping { Nonce: 2 }, Patience, "A still reaches B");
        await t.InboxA.WaitForAsync(m => m is Ping { Nonce: 3 }, Patience, "B still reaches A");
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Tests.Host;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Host;

/// <summary>What a node holds for its loop while the loop is busy is bounded in bytes, not only in messages.</summary>
public class ReceiveQueueTests
{
    private static readonly NodeAddress Self = NodeAddress.Parse("127.0.0.1:7001");
    private static readonly NodeAddress Flooder = NodeAddress.Parse("127.0.0.1:7002");
    private static readonly NodeAddress Honest = NodeAddress.Parse("127.0.0.1:7003");

    [Test]
    public async Task FloodOfLargeMessages_WhileTheLoopIsBusy_IsCappedInBytes_AndTheNodeCarriesOn()
    {
        var node = new RecordingNode();
        var transport = new ManualTransport(Self);
        var host = new NodeHost(node, transport, new NodeHostOptions { Random = new Rng(1), MaxQueuedBytes = 8L << 20 });
        host.Start();
        using var release = new ManualResetEventSlim();
        using var entered = new ManualResetEventSlim();
        var busy = host.InvokeAsync(_ => { entered.Set(); return release.Wait(TimeSpan.FromSeconds(60)); }); // the loop is stuck in here
        // Only once the loop holds the node: a reader that finds the node idle handles what it receives itself, past the queue.
        Assert.That(entered.Wait(TimeSpan.FromSeconds(30)), "the loop takes the busy action");
        const int sent = 1000, frameBytes = 1 << 20;
        for (int i = 0; i < sent; i++) transport.Inject(Flooder, new Ping(i + 1), frameBytes);
        long dropped = host.DroppedMessages;
        release.Set();
        await busy;
        await Eventually.HoldsAsync(async () => await host.InvokeAsync(n => ((RecordingNode)n).MessagesHandled) == sent - dropped,
            "the queued messages are handled once the loop is free", TimeSpan.FromSeconds(30));
        TestContext.Out.WriteLine($"probe: {sent} messages of 1 MiB each (a GiB) arrive while the loop is busy; byte cap 8 MiB");
        TestContext.Out.WriteLine($"node: kept {sent - dropped} (at most 8 MiB), dropped {dropped}, then handled what it kept");
        Assert.That(sent - dropped, Is.EqualTo(7), "8 MiB holds seven 1 MiB messages with their overhead");
        transport.Inject(Flooder, new Ping(-2), 100);
        await Eventually.HoldsAsync(async () => await host.InvokeAsync(n => ((RecordingNode)n).MessagesHandled) == sent - dropped + 1,
            "a message after the flood is handled: the budget was given back", TimeSpan.FromSeconds(30));
        await host.CrashAsync();
    }

    /// <summary>
    /// A neighbour's flood filled the one receive queue and an honest peer's
    /// messages waited behind it, or were dropped. Now each sender has its own queue and the loop
    /// takes them in turn: the honest message is handled first or second, not after 10,000.
    /// </summary>
    [Test]
    public async Task AFloodersBacklog_DoesNotHoldBackAnotherSender()
    {
        var node = new RecordingNode();
        var transport = new ManualTransport(Self);
        var host = new NodeHost(node, transport, new NodeHostOptions { Random = new Rng(1), MaxQueuedMessagesPerSender = 4096 });
        host.Start();
        try
        {
            using var release = new ManualResetEventSlim();
            using var entered = new ManualResetEventSlim();
            var busy = host.InvokeAsync(_ => { entered.Set(); return release.Wait(TimeSpan.FromSeconds(60)); });
            // Only once the loop holds the node: a reader that finds the node idle handles what it receives itself, past the queue
            // (a loaded machine started the loop's action after the first injections, and more than the queue's share was handled).
            Assert.That(entered.Wait(TimeSpan.FromSeconds(30)), "the loop takes the busy action");
            const int flood = 10_000;
            for (int i = 0; i < flood; i++) transport.Inject(Flooder, new Ping(i + 1), 200);
            transport.Inject(Honest, new Ping(-2), 200);
            release.Set();
            await busy;
            await Eventually.HoldsAsync(async () => await host.InvokeAsync(n => ((RecordingNode)n).MessagesHandled) == 4096 + 1,
                "the flooder's share and the honest message are handled", TimeSpan.FromSeconds(30));
            int at = node.Senders.ToList().IndexOf(Honest);
            TestContext.Out.WriteLine($"probe: {flood} messages from one sender, then one from another, while the loop is busy");
            TestContext.Out.WriteLine($"node: kept the flooder's first 4096 (dropped {host.DroppedMessages}); the other sender's message was handled after {at} of the flooder's");
            Assert.That(at, Is.InRange(0, 1), "the other sender waits one turn at most");
            Assert.That(host.DroppedMessages, Is.EqualTo(flood - 4096), "the flooder's excess is dropped, and counted");
        }
        finally
        {
            await host.CrashAsync();
        }
    }
}

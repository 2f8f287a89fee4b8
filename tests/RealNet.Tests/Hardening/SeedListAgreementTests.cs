using GossipSim.Engine.Core;
using GossipSim.Engine.Seed;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Tests.Network;
using GossipSim.RealNet.Tests.Support;
using GossipSim.RealNet.Transport;

namespace GossipSim.RealNet.Tests.Hardening;

/// <summary>Issue 22, finding 6: seeds given different seed lists stop with a clear error instead of diverging silently.</summary>
[NonParallelizable]
public class SeedListAgreementTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly List<NodeHost> _hosts = new();

    [TearDown]
    public async Task Stop()
    {
        var hosts = _hosts.ToArray();
        _hosts.Clear();
        foreach (var h in hosts)
        {
            try { await h.CrashAsync(); }
            catch (NodeHaltException) { } // the stop the test expected
        }
    }

    private NodeHost StartSeed(TcpTransport transport, NodeAddress[] list, CollectingTraceSink trace)
    {
        transport.RestrictSenders(SenderPolicy.ForSeed(list));
        var host = new NodeHost(new SeedNode(FastTimings.Seed, list, epoch: 1), transport, new NodeHostOptions { Random = new Rng(3), Trace = trace });
        _hosts.Add(host);
        host.Start();
        return host;
    }

    private static async Task<string> HaltedAsync(NodeHost host)
    {
        var ended = await Task.WhenAny(host.Completion, Task.Delay(Patience));
        Assert.That(ended, Is.SameAs(host.Completion), $"seed {host.Address} stops");
        var e = Assert.ThrowsAsync<NodeHaltException>(async () => await host.Completion);
        TestContext.Out.WriteLine($"seed {host.Address}: {e!.Message}");
        return e.Message;
    }

    [Test]
    public async Task SeedsWithDifferentLists_BothStop_NamingTheOtherSeedAndWhatToDo()
    {
        var a = TcpTransport.Listen(Loopback.AnyPort);
        var b = TcpTransport.Listen(Loopback.AnyPort);
        var trace = new CollectingTraceSink();
        var stranger = new NodeAddress(0x7F000001, 9); // a third seed only one of them lists
        StartSeed(a, [a.LocalAddress, b.LocalAddress], trace);
        StartSeed(b, [a.LocalAddress, b.LocalAddress, stranger], trace);
        foreach (var h in _hosts)
            Assert.That(await HaltedAsync(h), Does.Contain("runs with a different seed list").And.Contain("Give every seed the same seed list file"));
    }

    [Test]
    public async Task ASeedWhoseListNamesOnlyItself_StopsWhenAnotherSeedContactsIt()
    {
        var lone = TcpTransport.Listen(Loopback.AnyPort);
        var other = TcpTransport.Listen(Loopback.AnyPort);
        var trace = new CollectingTraceSink();
        var loneHost = StartSeed(lone, [lone.LocalAddress], trace);
        StartSeed(other, [lone.LocalAddress, other.LocalAddress], trace);
        Assert.That(await HaltedAsync(loneHost), Does.Contain($"my seed list names only me ({lone.LocalAddress})").And.Contain("commit alone"));
    }

    [Test]
    public async Task SeedsWithTheSameList_RunOn()
    {
        await using var net = InProcessNetwork.StartSeeds(3, Path.Combine(TestContext.CurrentContext.WorkDirectory, "seed-lists", Guid.NewGuid().ToString("N")));
        var peer = net.AddPeer();
        await Eventually.HoldsAsync(() => ((Engine.Peer.PeerNode)peer.Node).IsRegistered, "a peer registers", Patience);
        Assert.That(net.Seeds.Select(s => s.Completion.IsCompleted), Has.All.False, "no seed stopped");
    }
}

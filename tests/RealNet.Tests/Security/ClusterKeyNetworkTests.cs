using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Tests.Support;
using GossipSim.RealNet.Transport;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Security;

/// <summary>
/// A whole network with a cluster key, in process on loopback: 3 seeds and 3 peers holding the
/// key register and gossip; a peer with another key and a peer with none never get in, and a
/// keyless client can neither report nor vote: the membership stays exactly the key holders.
/// </summary>
[NonParallelizable]
public class ClusterKeyNetworkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Test]
    public async Task KeyHolders_RegisterAndGossip_WhileNodesWithoutTheKeyCannotRegisterReportOrVote()
    {
        string dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "cluster-key-network", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff"));
        var key = ClusterKey.Generate();
        await using var net = InProcessNetwork.StartSeeds(3, dir, new TcpTransportOptions { ClusterKey = key });
        TestContext.Out.WriteLine($"node logs in {dir}");

        for (int i = 0; i < 3; i++)
        {
            var peer = net.AddPeer();
            await Eventually.HoldsAsync(() => Events(net, TraceKind.Registered).Any(e => e.Node == peer.Address), $"key holder {peer.Address} registers", Patience);
        }
        var members = net.Peers.Select(p => p.Address).ToArray();
        var joined = Events(net, TraceKind.LinkUp).Max(e => e.Time);
        await Eventually.HoldsAsync(() =>
        {
            var late = Events(net, TraceKind.GossipCreated).Where(e => e.Time > joined).ToArray();
            var delivered = Events(net, TraceKind.GossipDelivered).Select(e => (e.Node, e.Message)).ToHashSet();
            return members.All(origin => late.Any(m => m.Node == origin && members.Where(p => p != origin).All(p => delivered.Contains((p, m.Message)))));
        }, "each key holder's gossip, sent over encrypted links, reaches the other key holders", Patience);
        TestContext.Out.WriteLine($"key holders {string.Join(", ", members)} registered and gossiped over encrypted connections");

        // Intruders: a peer with another key, a peer with no key.
        var wrongKey = net.AddPeer(new TcpTransportOptions { ClusterKey = ClusterKey.Generate() });
        var noKey = net.AddPeer(new TcpTransportOptions());
        var intruders = new[] { wrongKey.Address, noKey.Address };
        await Eventually.HoldsAsync(() => intruders.All(a => Events(net, TraceKind.RegistrationFailed).Count(e => e.Node == a) >= 2),
            "both intruders have tried to register twice and timed out", Patience);
        await Eventually.HoldsAsync(() => SeedLogs(net).Contains($"(hello says {wrongKey.Address}): refused at the cluster-key handshake")
                                          && SeedLogs(net).Contains($"{noKey.Address} sent a plain hello: it runs without the cluster key"),
            "the seeds log why they refused each intruder", Patience);
        TestContext.Out.WriteLine($"intruder with another key {wrongKey.Address}: {ReadShared(net.LogPath(wrongKey)).Split('\n').FirstOrDefault(l => l.Contains("handshake failed"))}");
        TestContext.Out.WriteLine($"seeds: {SeedLogs(net).Split('\n').First(l => l.Contains(noKey.Address + " sent a plain hello")).Trim()}");

        // A keyless client that speaks the protocol perfectly well: it reports a live key holder dead, and votes.
        var victim = members[0];
        foreach (var seed in net.SeedAddresses)
        {
            using var client = await RawClient.ConnectAsync(seed);
            await client.HelloAndSendAsync(NodeAddress.Parse("127.0.0.1:6999"), new DeadNodeReport(victim, 1, NodeAddress.Parse("127.0.0.1:6999")), new Vote(1, true, "dead"));
            await client.WaitClosedAsync(Patience, "a keyless client's report and vote");
        }

        foreach (var s in net.Seeds)
        {
            var list = await s.InvokeAsync(n => ((SeedNode)n).Peers.LiveEntries(NodeAddress.None).Select(e => e.Address).ToArray());
            Assert.That(list, Is.EquivalentTo(members), $"seed {s.Address} lists exactly the key holders");
        }
        foreach (var a in intruders)
            Assert.That(await net.Peers.Single(p => p.Address == a).InvokeAsync(n => ((PeerNode)n).IsRegistered), Is.False, $"intruder {a} is not registered");
        Assert.That(Events(net, TraceKind.MemberAdded).Where(e => intruders.Contains(e.Peer)), Is.Empty);
        Assert.That(Events(net, TraceKind.DeadReported).Where(e => e.Peer == victim), Is.Empty);
        Assert.That(Events(net, TraceKind.MemberRemoved), Is.Empty, "nobody was removed");
        Assert.That(SeedLogs(net), Does.Not.Contain("dead-node message received from 127.0.0.1:6999"), "the keyless report never reached a seed");
    }

    private static TraceEvent[] Events(InProcessNetwork net, TraceKind kind) => net.Trace.Snapshot().Where(e => e.Kind == kind).ToArray();

    private static string SeedLogs(InProcessNetwork net) => string.Join("\n", net.Seeds.Select(s => ReadShared(net.LogPath(s))));

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}

using System.Text.Json;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Host;

/// <summary>
/// The whole protocol on real sockets in one process: 3 seeds and 5 peers on 127.0.0.1, each with
/// its own host and loop. Peers register, link and gossip; then one is crashed (sockets cut, no
/// goodbye) and must be suspected, reported and removed by every seed.
/// </summary>
[NonParallelizable]
public class InProcessNetworkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Test]
    public async Task Peers_RegisterAndGossip_ThenACrashedPeerIsSuspectedReportedAndRemovedAtEverySeed()
    {
        string dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "in-process-network", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff"));
        await using var net = InProcessNetwork.StartSeeds(3, dir);
        TestContext.Out.WriteLine($"node logs in {dir}");

        // Peers join one after the other, as a launcher starts them: a newcomer links to those already in.
        for (int i = 0; i < 5; i++)
        {
            var peer = net.AddPeer();
            await Eventually.HoldsAsync(() => Events(net, TraceKind.Registered).Any(e => e.Node == peer.Address),
                $"peer {peer.Address} registers with a majority of seeds", Patience);
        }
        var peers = net.Peers.Select(p => p.Address).ToArray();
        // A peer links after it registers (the last one may still be asking for links).
        await Eventually.HoldsAsync(() => peers.All(p => Events(net, TraceKind.LinkUp).Any(e => e.Node == p)), "every peer has at least one link", Patience);

        // Gossip: each peer creates 20 messages, one every 0.5 s.
        await Eventually.HoldsAsync(() => peers.All(p => Events(net, TraceKind.GossipCreated).Count(e => e.Node == p) == 20),
            "every peer has created all its messages", Patience);
        // Links only form while peers join, so a message created after the last link-up is flooded
        // over the final, connected overlay and must reach every other peer.
        var joined = Events(net, TraceKind.LinkUp).Max(e => e.Time);
        var afterJoin = Events(net, TraceKind.GossipCreated).Where(e => e.Time > joined).ToArray();
        foreach (var p in peers)
            Assert.That(afterJoin.Count(e => e.Node == p), Is.GreaterThan(0), $"peer {p} created messages after the overlay formed");
        await Eventually.HoldsAsync(() =>
        {
            var delivered = Events(net, TraceKind.GossipDelivered).Select(e => (e.Node, e.Message)).ToHashSet();
            return afterJoin.All(m => peers.Where(p => p != m.Node).All(p => delivered.Contains((p, m.Message))));
        }, "every peer receives every other peer's messages", Patience);
        Assert.That(Events(net, TraceKind.GossipDelivered).Where(e => e.Message.Origin == e.Node), Is.Empty, "a peer never delivers its own message to itself");

        // The status file a launcher reads.
        foreach (var p in net.Peers)
            await Eventually.HoldsAsync(() => StatusSays(net.StatusPath(p), "registered", "True"), $"{p.Address}'s status says registered", Patience);
        await Eventually.HoldsAsync(() => StatusSays(net.StatusPath(net.Seeds[0]), "members", "5"), "seed status counts 5 members", Patience);

        // Crash one peer: its sockets close, its loop stops, it says nothing.
        var victim = net.Peers[2];
        var dead = victim.Address;
        await victim.CrashAsync();

        var live = net.Seeds.ToArray();
        await Eventually.HoldsAsync(async () =>
        {
            foreach (var s in live)
                if (await s.InvokeAsync(n => ((SeedNode)n).Peers.IsLive(dead))) return false;
            return true;
        }, $"every seed removes {dead}", Patience);

        Assert.That(Events(net, TraceKind.Suspected).Any(e => e.Peer == dead && e.Node != dead), $"a neighbour suspects {dead}");
        Assert.That(Events(net, TraceKind.DeadReported).Any(e => e.Peer == dead && e.Detail!.StartsWith($"Dead Node:127.0.0.1:{dead.Port}:")),
            "a peer reports it with the R11 line");
        foreach (var s in live)
            Assert.That(Events(net, TraceKind.MemberRemoved).Any(e => e.Node == s.Address && e.Peer == dead), $"seed {s.Address} traces the removal");
        Assert.That(Events(net, TraceKind.MemberRemoved).Where(e => e.Peer != dead), Is.Empty, "no live peer is removed (R12)");

        // R5: the seeds hold the same list.
        var digests = new List<ulong>();
        foreach (var s in live) digests.Add(await s.InvokeAsync(n => ((SeedNode)n).Peers.Digest));
        Assert.That(digests.Distinct().Count(), Is.EqualTo(1), "every seed holds the same peer list");

        foreach (var h in net.Seeds.Concat(net.Peers))
        {
            Assert.That(h.Faults, Is.Zero, $"{h.Address} hit no internal error");
            Assert.That(h.DroppedMessages, Is.Zero, $"{h.Address}'s loop kept up");
        }
    }

    private static TraceEvent[] Events(InProcessNetwork net, TraceKind kind) => net.Trace.Snapshot().Where(e => e.Kind == kind).ToArray();

    private static bool StatusSays(string path, string property, string expected)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.TryGetProperty(property, out var v) && v.ToString() == expected;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return false;
        }
    }
}

using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Tests.Support;
using GossipSim.RealNet.Transport;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Security;

/// <summary>
/// On real nodes on loopback (3 seeds and their peers in this process, each on its own port, each
/// proving its own key), with an unpinned seed list (what a hand-written list has): the third seed crashes and a squatter
/// takes its port with its own key. Before the fix, a peer that had never met that seed (it registers with a random
/// majority) bound the squatter's key to the seed's address on first use, took its removal notices (which carried no proof)
/// and dropped its links, and refused the real seed for good afterwards. Now a peer binds an unpinned seed's key only when a
/// majority of seeds vouch for it, and acts on a removal notice only with a majority's signed votes on that removal.
/// </summary>
[NonParallelizable]
public class SquattedSeedNoticeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Attack = TimeSpan.FromSeconds(8);
    private InProcessNetwork? _net;
    private readonly List<IAsyncDisposable> _others = new();

    [TearDown]
    public async Task Stop()
    {
        foreach (var o in _others) await o.DisposeAsync();
        _others.Clear();
        if (_net != null) await _net.DisposeAsync();
    }

    private static void Say(string line) => TestContext.Out.WriteLine(line);

    private static PeerNode Peer(NodeHost h) => (PeerNode)h.Node;

    private string[] LogLines(NodeHost h)
    {
        try
        {
            using var stream = new FileStream(_net!.LogPath(h), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(stream).ReadToEnd().Split('\n');
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    /// <summary>A removal notice as the squatter makes it: the removal, and made-up votes of every seed.</summary>
    private static RemovalNotice Forged(PeerId member, IReadOnlyList<NodeAddress> seeds)
    {
        var madeUp = new byte[NodeIdentity.SignatureBytes];
        Random.Shared.NextBytes(madeUp);
        return new RemovalNotice(member, new CommitProof(null, seeds.Select(s => new SignedVote(s, madeUp)).ToArray()));
    }

    [Test]
    public async Task ASquatterOnACrashedSeedsPort_CutsNoLinkOfAPeerThatNeverMetThatSeed_AndThePeerTakesTheRealSeedBack()
    {
        var net = _net = InProcessNetwork.StartSeeds(3, Path.Combine(TestContext.CurrentContext.WorkDirectory, "squatted", Guid.NewGuid().ToString("N")),
            pinned: []);
        var crashed = net.SeedAddresses[2];
        // Peers register with a random majority of the 3 seeds: the victims are those that registered with the other two.
        var victims = new List<NodeHost>();
        for (int i = 0; i < 20 && (victims.Count == 0 || (i < 12 && (victims.Count < 2 || net.Peers.Count < 6))); i++)
        {
            var p = net.AddPeer(config: FastTimings.Peer with { MessagesPerPeer = 400 });
            await Eventually.HoldsAsync(() => Peer(p).Phase != JoinPhase.Registering, "a peer registers", Patience);
            await Eventually.HoldsAsync(() => LogLines(p).Any(l => l.Contains("registered with seeds")), "its log says with whom", Patience);
            if (!LogLines(p).First(l => l.Contains("registered with seeds")).Contains(crashed.ToString())) victims.Add(p);
        }
        Assert.That(victims, Is.Not.Empty, "some peer registered without the third seed");
        foreach (var v in victims)
            await Eventually.HoldsAsync(async () => (await v.InvokeAsync(n => ((PeerNode)n).Degree)) > 0, $"victim {v.Address} has a link", Patience);

        await net.Seeds[2].CrashAsync();
        var squatter = TcpTransport.Listen(crashed);
        _others.Add(squatter);
        squatter.Start((_, _, _) => { });
        var attackFrom = net.Trace.Snapshot().Select(e => e.Time).DefaultIfEmpty().Max();

        // For the attack's length, twice a second: to each victim, a notice that each of its neighbours was removed and one that
        // it was itself, over the squatter's own connection and also handed to the victim's loop as from the crashed seed's address
        // (so the rule holds wherever the transport lets a squatter through).
        int sent = 0;
        var until = DateTime.UtcNow + Attack;
        while (DateTime.UtcNow < until)
        {
            foreach (var v in victims)
            {
                var neighbours = await v.InvokeAsync(n => ((PeerNode)n).Neighbours);
                long incarnation = await v.InvokeAsync(n => ((PeerNode)n).Incarnation);
                var notices = neighbours.Select(n => Forged(new PeerId(n.Address, n.Incarnation), net.SeedAddresses))
                    .Append(Forged(new PeerId(v.Address, incarnation), net.SeedAddresses)).ToArray();
                foreach (var notice in notices)
                {
                    squatter.Send(v.Address, notice);
                    await v.InvokeAsync(n => { n.OnMessage(crashed, notice); return true; });
                    sent++;
                }
            }
            await Task.Delay(500);
        }
        var attackTo = net.Trace.Snapshot().Select(e => e.Time).Max();

        var trace = net.Trace.Snapshot();
        var during = trace.Where(e => e.Time >= attackFrom && e.Time <= attackTo).ToArray();
        foreach (var v in victims)
        {
            int drops = during.Count(e => e.Kind == TraceKind.LinkDown && e.Node == v.Address);
            int received = during.Count(e => e.Kind == TraceKind.GossipDelivered && e.Node == v.Address);
            Say($"victim {v.Address}: {drops} link drops and {received} messages received during the attack; "
                + $"refused the squatter at the handshake: {LogLines(v).Any(l => l.Contains($"its hello claims {crashed}"))}");
        }
        var others = net.Peers.Except(victims).ToArray();
        Say($"{sent} forged notices; the other peers received {during.Count(e => e.Kind == TraceKind.GossipDelivered && others.Any(o => o.Address == e.Node))} "
            + $"messages among {others.Length} of them");
        foreach (var v in victims)
        {
            Assert.That(during.Where(e => e.Kind == TraceKind.LinkDown && e.Node == v.Address).Select(e => $"{e.Peer}: {e.Detail}"), Is.Empty,
                $"victim {v.Address} dropped no link on the squatter's notices");
            Assert.That(during.Count(e => e.Kind == TraceKind.GossipDelivered && e.Node == v.Address), Is.GreaterThan(0),
                $"victim {v.Address} still receives gossip");
            Assert.That(trace.Count(e => e.Kind == TraceKind.Registered && e.Node == v.Address), Is.EqualTo(1), $"victim {v.Address} never registered again");
        }

        // The squatter leaves; the real seed comes back on its port with its key. Each victim asks it for a peer list: the
        // connection proves the real seed's key, which the victim takes (a majority vouched for it), and the list comes back.
        await squatter.DisposeAsync();
        await net.RestartSeedAsync(2);
        foreach (var v in victims)
        {
            await v.InvokeAsync(n => { v.Transport.Send(crashed, new PeerListRequest()); return true; });
            await Eventually.HoldsAsync(() => net.Trace.Snapshot().Any(e => e.Kind == TraceKind.PeerListReceived && e.Node == v.Address && e.Peer == crashed),
                $"victim {v.Address} takes the real seed's answer", Patience);
            Assert.That(LogLines(v).Where(l => l.Contains($"claims {crashed}") && l.Contains($"but it proved key {net.SeedIdentities[2].PublicKey.Fingerprint}")), Is.Empty,
                $"victim {v.Address} never refused the real seed's key");
        }
        Say($"the real seed {crashed} restarted with its key; {victims.Count} victims took its peer list");
    }
}

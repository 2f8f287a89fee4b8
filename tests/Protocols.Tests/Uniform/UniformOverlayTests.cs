using GossipSim.Engine.Peer;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Protocols.Uniform;
using GossipSim.Simulator.Latency;

namespace GossipSim.Protocols.Tests.Uniform;

/// <summary>
/// The uniform overlay (Protocols/Uniform) on real peers and seeds in the simulator: every peer holds k to 2k links, its candidates
/// are let go once it is settled, and crashed neighbours' links are replaced once the seeds remove them.
/// </summary>
public class UniformOverlayTests
{
    private const int K = 3;

    private static SimHarness Network(int peers)
    {
        SampleProtocols.Register();
        var overlay = OverlayMenu.Register(SampleProtocols.Uniform);
        var h = new SimHarness(3, seed: 11, latency: new UniformLatency(1, 5));
        h.AddPeers(peers, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), _ => SimHarness.FastPeer() with
        {
            Overlay = overlay,
            MessagesPerPeer = 0,
            Settings = SimHarness.FastPeer().Settings.With(UniformOverlay.LinksField, K),
        });
        return h;
    }

    [Test]
    public void EveryPeer_HoldsKTo2KLinks_AndLetsGoOfItsCandidates()
    {
        var h = Network(40);
        h.Run(30);

        var degrees = h.LivePeers.Select(p => p.Degree).ToList();
        TestContext.Out.WriteLine($"degrees: {string.Join(" ", degrees.Order())}");
        Assert.That(degrees, Has.All.InRange(K, 2 * K), "each asked for k and took asks up to 2k");
        Assert.That(h.LivePeers.Select(p => p.OverlayName), Has.All.EqualTo("uniform"));
        Assert.That(h.LivePeers.Count(p => p.OverlayState != null), Is.Zero, "a settled peer keeps no candidates");
        Assert.That(h.LivePeers.Select(p => p.Phase), Has.All.EqualTo(JoinPhase.Linked));
    }

    [Test]
    public void CrashedNeighbours_AreReplaced_OnceTheSeedsRemoveThem()
    {
        var h = Network(40);
        h.Run(20);
        var victims = Enumerable.Range(0, 6).Select(i => h.PeerIndex[i * 6]).ToArray();
        foreach (var v in victims) h.Net.Crash(v);
        h.Run(60);

        var removed = h.Trace.Of(TraceKind.LinkDown).Count(e => e.Detail is "removed by the seeds" or "not a member");
        Assert.That(removed, Is.GreaterThan(0), "the crashes ended links at live peers");
        var degrees = h.LivePeers.Select(p => p.Degree).ToList();
        TestContext.Out.WriteLine($"links ended by removals {removed}; degrees after: {string.Join(" ", degrees.Order())}");
        Assert.That(h.LivePeers.Count(), Is.EqualTo(34));
        Assert.That(degrees, Has.All.InRange(K, 2 * K), "every lost link was replaced");
    }
}

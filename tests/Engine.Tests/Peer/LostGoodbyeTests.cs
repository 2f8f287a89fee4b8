using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>
/// Swarm class B (docs/soak.md): a peer leaves cleanly, and every goodbye it sent its seeds is lost (loss, or a partition
/// between it and the seeds). It says goodbye once and stops, so its neighbours are the only ones left who know: each
/// passes the leave on as a dead-node report, which the seeds verify by their own probes. A goodbye in a live peer's
/// name removes nobody.
/// </summary>
public class LostGoodbyeTests
{
    private const int Leaver = 5;

    // The checks' bound for a crash a neighbour watches (ScenarioConfig.DetectionBoundSeconds): what a leave must meet too.
    private static double DetectionBound(SimHarness h) =>
        (h.PeerConfig.MissesBeforeSuspect + 1) * h.PeerConfig.PingInterval.TotalSeconds + h.PeerConfig.SuspicionQueryTimeout.TotalSeconds
        + h.SeedConfig.ProposalTimeout.TotalSeconds + 2;

    /// <summary>The simulator's indices of peer <paramref name="peer"/>'s neighbours now.</summary>
    private static int[] NeighbourIndices(SimHarness h, int peer) =>
        h.Peer(peer).Neighbours.Select(n => n.Address).Select(a => h.PeerIndex[(int)(a.Ip & 0xffff) - 1]).ToArray();

    private static SimHarness Network(ulong seed)
    {
        var h = new SimHarness(3, seed);
        h.AddPeers(20, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3));
        return h;
    }

    [TestCase(1ul)]
    [TestCase(2ul)]
    [TestCase(3ul)]
    public void APeerWhoseGoodbyesToEverySeedAreLost_IsRemovedWithinTheDetectionBound(ulong seed)
    {
        var h = Network(seed);
        var leaver = SimHarness.PeerAddress(Leaver);
        var leaveAt = TimeSpan.FromSeconds(15);
        int[] neighbours = [];
        h.Net.Schedule(leaveAt, () =>
        {
            neighbours = NeighbourIndices(h, Leaver);
            // One way: nothing from the leaver reaches a seed; its neighbours hear it, and reach the seeds both ways.
            var groups = new Dictionary<int, int> { [h.PeerIndex[Leaver]] = 1 };
            foreach (int s in h.SeedIndex) groups[s] = 2;
            h.Net.Partition(groups, "the leaver cannot reach the seeds", oneWay: true);
            h.Net.Leave(h.PeerIndex[Leaver]);
        });
        double bound = DetectionBound(h);
        h.Run(leaveAt.TotalSeconds + bound);

        Assert.That(neighbours, Is.Not.Empty, "the leaver had neighbours to say goodbye to");
        var removedAt = h.Trace.Of(TraceKind.MemberRemoved).Where(e => e.Peer == leaver).Select(e => e.Time).ToList();
        TestContext.Out.WriteLine($"seed {seed}: {neighbours.Length} neighbours; removed at the seeds "
            + string.Join(", ", removedAt.Select(t => $"{(t - leaveAt).TotalSeconds:0.000} s")) + $" after the leave (bound {bound:0.0} s)");
        foreach (var s in h.LiveSeeds)
            Assert.That(s.Peers.IsLive(leaver), Is.False, $"seed {s.Address} still lists the peer {bound:0.0} s after it left");
    }

    // Swarm seed 12, run 390: a leaver behind a partition with all its neighbours; its goodbyes and every neighbour's report were lost,
    // and nobody reported it again once the partition healed, so it stayed listed until the seeds' sweep of silent members.
    [TestCase(1ul)]
    [TestCase(2ul)]
    public void ALeaverWhoseGoodbyesAndItsNeighboursReportsAreAllLost_IsRemovedOnceTheirReportsAreSentAgain(ulong seed)
    {
        var h = Network(seed);
        var leaver = SimHarness.PeerAddress(Leaver);
        var leaveAt = TimeSpan.FromSeconds(15);
        var healAt = leaveAt + TimeSpan.FromSeconds(3);
        int[] neighbours = [];
        h.Net.Schedule(leaveAt, () =>
        {
            neighbours = NeighbourIndices(h, Leaver);
            // Both ways: the leaver and its neighbours on one side, the seeds on the other (the other peers with the seeds).
            var groups = new Dictionary<int, int> { [h.PeerIndex[Leaver]] = 1 };
            foreach (int n in neighbours) groups[n] = 1;
            foreach (int s in h.SeedIndex) groups[s] = 2;
            for (int i = 0; i < h.PeerIndex.Count; i++) groups.TryAdd(h.PeerIndex[i], 2);
            h.Net.Partition(groups, "the leaver and its neighbours cut off from the seeds");
            h.Net.Leave(h.PeerIndex[Leaver]);
        });
        h.Net.Schedule(healAt, () => h.Net.Heal());
        double bound = DetectionBound(h);
        h.Run(healAt.TotalSeconds + bound);

        Assert.That(neighbours, Is.Not.Empty, "the leaver had neighbours to say goodbye to");
        var reports = h.Trace.Of(TraceKind.DeadReported).Where(e => e.Peer == leaver).ToList();
        Assert.That(reports.Where(e => e.Time < healAt), Is.Not.Empty, "the neighbours reported the leave behind the partition");
        Assert.That(reports.Where(e => e.Time > healAt && e.Detail!.EndsWith("(again: no seed answered)")), Is.Not.Empty,
            "and again once it had healed, no seed having answered");
        var removedAt = h.Trace.Of(TraceKind.MemberRemoved).Where(e => e.Peer == leaver).Select(e => e.Time).ToList();
        TestContext.Out.WriteLine($"seed {seed}: {neighbours.Length} neighbours; removed at the seeds "
            + string.Join(", ", removedAt.Select(t => $"{(t - healAt).TotalSeconds:0.000} s")) + $" after the heal (bound {bound:0.0} s)");
        foreach (var s in h.LiveSeeds)
            Assert.That(s.Peers.IsLive(leaver), Is.False, $"seed {s.Address} still lists the peer {bound:0.0} s after the heal");
    }

    [Test]
    public void AGoodbyeInALivePeersName_RemovesNobody()
    {
        var h = Network(4);
        var victim = SimHarness.PeerAddress(Leaver);
        var forgeAt = TimeSpan.FromSeconds(15);
        NodeAddress told = default;
        h.Net.Schedule(forgeAt, () =>
        {
            var victimNode = h.Peer(Leaver);
            told = victimNode.Neighbours[0].Address;
            var neighbour = h.Peer((int)(told.Ip & 0xffff) - 1);
            // Reaches the neighbour as though the victim had sent it: the victim lives on and answers every probe.
            neighbour.OnMessage(victim, new Goodbye(victimNode.Incarnation));
        });
        h.Run(forgeAt.TotalSeconds + DetectionBound(h) + 5);

        Assert.That(h.Trace.Of(TraceKind.DeadReported).Where(e => e.Node == told && e.Peer == victim), Is.Not.Empty,
            "the neighbour passed the goodbye on to the seeds");
        Assert.That(h.Trace.Of(TraceKind.MemberRemoved).Where(e => e.Peer == victim), Is.Empty, "no seed removed the live peer");
        foreach (var s in h.LiveSeeds) Assert.That(s.Peers.IsLive(victim), Is.True, $"seed {s.Address} lists the live peer");
    }
}

using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class RemovalTests
{
    /// <summary>A registered "peer" that lies: it reports a live node dead to every seed.</summary>
    private sealed class LiarNode(NodeAddress[] seeds, NodeAddress victim, TimeSpan lieAt) : Node
    {
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart()
        {
            foreach (var s in seeds) Ctx.Send(s, new RegisterRequest(1));
            Ctx.SetTimer(lieAt, new TimerTag(TimerKind.GossipTick));
        }
        public override void OnMessage(NodeAddress from, Message message)
        {
            if (message is DialBackChallenge c) Ctx.Send(c.Seed, new DialBackAnswer(c.Nonce)); // it listens where it registers
            if (message is Ping p) Ctx.Send(from, new Pong(p.Nonce, 1, Array.Empty<NodeAddress>()));
        }
        public override void OnTimer(TimerTag tag)
        {
            foreach (var s in seeds) Ctx.Send(s, new DeadNodeReport(victim, (long)Ctx.Now.TotalSeconds, Address));
        }
    }

    [Test]
    public void Removal_WithOnlyOneFalseReport_KeepsLivePeer()
    {
        var h = new SimHarness(3, seed: 21);
        h.AddPeers(12, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3));
        var victim = SimHarness.PeerAddress(4);
        var liar = new NodeAddress((10u << 24) + (2u << 16) + 1, 7000);
        h.Net.AddNode(liar, _ => new LiarNode(h.SeedAddresses, victim, TimeSpan.FromSeconds(8)), TimeSpan.FromSeconds(1));
        h.Run(25);

        foreach (var seed in h.LiveSeeds)
            Assert.That(seed.Peers.IsLive(victim), Is.True, $"seed {seed.Address} still lists the victim");
        Assert.That(h.Trace.Of(TraceKind.MemberRemoved), Is.Empty, "nobody was removed");
        var removalVotes = h.Trace.Of(TraceKind.Voted).Where(v => v.Peer == victim && v.Time >= TimeSpan.FromSeconds(8)).ToList();
        Assert.That(removalVotes, Is.Not.Empty, "the seeds did vote on the report");
        Assert.That(removalVotes.Select(v => v.B), Is.All.EqualTo(0), "every seed voted no after its own probe");
        Assert.That(h.Trace.Of(TraceKind.ReportRejected).Any(e => e.Peer == victim), Is.True, "the report was rejected");
    }

    [Test]
    public void AReport_AboutAnUnknownPeer_IsRejectedWithALogLine()
    {
        var h = new SimHarness(3, seed: 22);
        var lines = new List<string>();
        h.Net.LogProvider = _ => (node, t, line) => lines.Add(line);
        h.AddPeers(4, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        var ghost = NodeAddress.Parse("10.9.9.9:7000");
        var liar = new NodeAddress((10u << 24) + (2u << 16) + 1, 7000);
        h.Net.AddNode(liar, _ => new LiarNode(h.SeedAddresses, ghost, TimeSpan.FromSeconds(5)), TimeSpan.FromSeconds(1));
        h.Run(10);

        Assert.That(lines.Any(l => l.Contains($"rejected dead-node report about {ghost}") && l.Contains("unknown peer")), Is.True);
    }

    [Test]
    public void ACrashedHub_IsSuspectedReportedAndRemovedEverywhere_AndGossipStillReachesEveryone()
    {
        var peer = SimHarness.FastPeer() with { MessagesPerPeer = 40, GossipInterval = TimeSpan.FromSeconds(1) };
        var h = new SimHarness(3, seed: 23, peer: peer);
        h.AddPeers(150, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(8));
        NodeAddress hub = default;
        int hubDegree = 0;
        h.Net.Schedule(TimeSpan.FromSeconds(15), () =>
        {
            int i = h.HubIndex();
            hub = h.Net.AddressOf(i);
            hubDegree = ((PeerNode)h.Net.NodeAt(i)!).Degree;
            h.Net.Crash(i);
        });
        h.Run(60);

        Assert.That(hubDegree, Is.GreaterThan(10), "the hub of a preferential-attachment overlay has many links");
        Assert.That(h.Trace.Of(TraceKind.Suspected).Any(e => e.Peer == hub), Is.True, "suspected");
        Assert.That(h.Trace.Of(TraceKind.DeadReported).Any(e => e.Peer == hub), Is.True, "reported");
        var removals = h.Trace.Of(TraceKind.MemberRemoved).Where(e => e.Peer == hub).ToList();
        Assert.That(removals.Select(e => e.Node).Distinct().Count(), Is.EqualTo(3), "removed at every live seed");
        var report = h.Trace.Of(TraceKind.DeadReported).First(e => e.Peer == hub);
        Assert.That(report.Detail, Does.Match(@"^Dead Node:10\.\d+\.\d+\.\d+:7000:\d+:10\.\d+\.\d+\.\d+$"), "the exact R11 line");
        Assert.That(h.LivePeers.Any(p => p.Neighbours.Any(n => n.Address == hub)), Is.False, "every live peer closed its link to the hub");

        // After the removal, every message created reaches every other live peer.
        var removedAt = removals.Max(e => e.Time) + TimeSpan.FromSeconds(3);
        var later = h.Trace.Of(TraceKind.GossipCreated).Where(e => e.Time > removedAt).Select(e => e.Message).ToHashSet();
        Assert.That(later, Is.Not.Empty, "gossip continued after the removal");
        var deliveries = h.Trace.Of(TraceKind.GossipDelivered).Where(e => later.Contains(e.Message))
            .GroupBy(e => e.Message).ToDictionary(g => g.Key, g => g.Count());
        int livePeers = h.LivePeers.Count();
        foreach (var m in later)
            Assert.That(deliveries.GetValueOrDefault(m), Is.EqualTo(livePeers - 1), $"message {m} reached every live peer");
        Assert.That(h.LivePeers.Select(p => p.Degree), Is.All.GreaterThan(0), "no live peer is cut off");
    }

    [Test]
    public void MessageList_StaysBounded_OverALongRun()
    {
        var peer = SimHarness.FastPeer() with
        {
            MessagesPerPeer = 400,
            GossipInterval = TimeSpan.FromMilliseconds(250),
            MessageListTtl = TimeSpan.FromSeconds(5),
            MessageListCapacity = 300,
        };
        var h = new SimHarness(3, seed: 24, peer: peer);
        h.AddPeers(20, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        int largest = 0;
        void Sample()
        {
            largest = Math.Max(largest, h.LivePeers.Max(p => p.MessageListCount));
            h.Net.Schedule(h.Net.Now + TimeSpan.FromSeconds(1), Sample);
        }
        h.Net.Schedule(TimeSpan.FromSeconds(2), Sample);
        h.Run(110);

        // Messages created once all 20 peers are linked must reach the 19 others exactly once each.
        var afterJoin = h.Trace.Of(TraceKind.GossipCreated).Where(e => e.Time > TimeSpan.FromSeconds(5)).Select(e => e.Message).ToHashSet();
        Assert.That(afterJoin.Count, Is.GreaterThan(7000), "the run created far more messages than the list may hold");
        Assert.That(largest, Is.LessThanOrEqualTo(300), "capacity holds");
        Assert.That(largest, Is.GreaterThan(50), "and the list was really used");
        var perMessage = h.Trace.Of(TraceKind.GossipDelivered).Where(e => afterJoin.Contains(e.Message)).GroupBy(e => e.Message).ToList();
        Assert.That(perMessage.Count, Is.EqualTo(afterJoin.Count));
        Assert.That(perMessage.Select(g => g.Count()), Is.All.EqualTo(19), "bounding it lost no delivery and let no old copy back in");
    }
}
